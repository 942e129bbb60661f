package dev.securerestapi.app.http;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.securerestapi.app.problem.Problem;
import dev.securerestapi.app.problem.ProblemException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/**
 * A query parameter the operation does not take is a 400 problem naming it, as an unknown field
 * of a JSON body is ({@code StrictJson}): {@code ?page=2&size=5}, which a Spring client tries,
 * would otherwise answer page 1 as if it had been understood. An operation's parameters are its
 * method's {@code @QueryParam}s (most take none), read once per method as the application starts.
 */
@Provider
public class KnownQueryParameters implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        context.register(new Check(taken(resource.getResourceMethod())));
    }

    private static Set<String> taken(Method method) {
        Set<String> names = new TreeSet<>();
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof QueryParam query) {
                    names.add(query.value());
                }
            }
        }
        return names;
    }

    /** One operation's check, with the names it takes. */
    private record Check(Set<String> taken) implements ContainerRequestFilter {

        @Override
        public void filter(ContainerRequestContext request) {
            if (request.getUriInfo().getRequestUri().getRawQuery() == null) {
                return; // most requests: nothing to parse
            }
            Set<String> given = request.getUriInfo().getQueryParameters(false).keySet();
            if (taken.containsAll(given)) {
                return;
            }
            List<Problem.FieldError> unknown = new TreeSet<>(given).stream().filter(name -> !taken.contains(name))
                    .map(name -> new Problem.FieldError(name, taken.isEmpty() ? "is not a query parameter: this operation takes none"
                            : "is not a query parameter of this operation, which takes " + String.join(", ", taken)))
                    .toList();
            throw ProblemException.invalid(unknown);
        }
    }
}
