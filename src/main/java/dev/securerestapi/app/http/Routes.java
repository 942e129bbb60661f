package dev.securerestapi.app.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * The API's routes, each path template with the methods it answers, as an {@code Allow} header
 * names them: every GET also answers HEAD, and every path OPTIONS. Made from the resource classes
 * the application registers (the API servlet puts it in the servlet context as
 * {@link #ATTRIBUTE}); {@link Cors} answers a plain OPTIONS with it.
 */
public final class Routes {

    /** The servlet context attribute that holds the deployment's routes. */
    public static final String ATTRIBUTE = Routes.class.getName();

    private record Route(UriTemplate template, String allow) {}

    private final Map<String, Set<String>> methods;
    private final List<Route> routes = new ArrayList<>();

    private Routes(Map<String, Set<String>> methods) {
        methods.replaceAll((template, allowed) -> Collections.unmodifiableSet(allowed));
        this.methods = Collections.unmodifiableMap(methods);
        methods.forEach((template, allowed) -> routes.add(new Route(new UriTemplate(template), String.join(", ", allowed))));
    }

    /** The routes of the JAX-RS resource classes among {@code classes} (others are left out). */
    public static Routes of(Iterable<Class<?>> classes) {
        Map<String, Set<String>> methods = new TreeMap<>();
        for (Class<?> type : classes) {
            if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                add(Resource.from(type), "", methods);
            }
        }
        return new Routes(methods);
    }

    private static void add(Resource resource, String parent, Map<String, Set<String>> methods) {
        String path = (parent + "/" + resource.getPath().replaceAll("^/+|/+$", "")).replaceAll("/+$", "");
        String template = path.isEmpty() ? "/" : path;
        for (ResourceMethod method : resource.getResourceMethods()) {
            Set<String> allowed = methods.computeIfAbsent(template, t -> new TreeSet<>(Set.of("OPTIONS")));
            String name = method.getHttpMethod().toUpperCase(Locale.ROOT);
            allowed.add(name);
            if (name.equals("GET")) {
                allowed.add("HEAD");
            }
        }
        for (Resource child : resource.getChildResources()) {
            add(child, path, methods);
        }
    }

    /** Each path template ("/api/v1/subscribers/{id}") with its methods, upper case, sorted. */
    public Map<String, Set<String>> methods() {
        return methods;
    }

    /**
     * The {@code Allow} value for {@code path} (within the context root, decoded, "/" for the
     * root), or null where no route matches.
     */
    public String allow(String path) {
        for (Route route : routes) {
            if (route.template.match(path, new HashMap<>())) {
                return route.allow;
            }
        }
        return null;
    }
}
