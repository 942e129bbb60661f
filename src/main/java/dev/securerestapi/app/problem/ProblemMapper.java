package dev.securerestapi.app.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.glassfish.jersey.server.ContainerRequest;

/**
 * The one exception mapper: every exception leaving a resource or Jersey becomes a problem+json
 * response. A ProblemException carries a detail meant for the client, and so does a Conflict a
 * store reported (409); a database that does not answer is a 503 with {@code Retry-After}
 * ({@link Unavailable}); malformed JSON is a 400;
 * another WebApplicationException keeps its status and headers (Allow on 405, say) with a fixed
 * detail; anything else is an incident, logged and answered with 500 and nothing of itself.
 * A browser (its {@code Accept} rates text/html above JSON) gets the same problem as a small HTML
 * page ({@link ProblemPage}) with the same status and headers. Deciding that here, rather than in
 * a response filter, keeps every successful response free of the question.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    /** The request being answered: a provider, not a proxy (HK2 cannot always make one in a web application's class loader). */
    @Inject
    private jakarta.inject.Provider<ContainerRequest> request;

    @Override
    public Response toResponse(Throwable error) {
        if (error instanceof ProblemException problem) {
            return respond(problem.getResponse(), problem.toProblem());
        }
        if (error instanceof Conflict conflict) {
            return respond(Response.status(409).build(), new ProblemException(409, conflict.getMessage()).toProblem());
        }
        if (error instanceof Unavailable unavailable) {
            return respond(Response.status(503).header("Retry-After", Unavailable.RETRY_AFTER_SECONDS).build(),
                    new ProblemException(503, unavailable.getMessage()).toProblem());
        }
        if (error instanceof JsonProcessingException) {
            // the parser's message quotes the input; the client gets a fixed text
            return respond(Response.status(400).build(), ProblemException.invalid("body", "is not well-formed JSON").toProblem());
        }
        if (error instanceof WebApplicationException web) {
            Response original = withHead(web.getResponse());
            Problem problem = original.getStatus() >= 500
                    ? Problems.unexpected(error)
                    : Problems.forStatus(original.getStatus());
            return respond(original, problem);
        }
        Problem problem = Problems.unexpected(error);
        return respond(Response.status(problem.status()).build(), problem);
    }

    /**
     * A 405's {@code Allow} with {@code HEAD} wherever it names {@code GET}: Jersey leaves it out,
     * though every GET resource answers HEAD too (RFC 9110, 9.3.2); sorted, as a plain OPTIONS
     * names them (app.http.Routes).
     */
    private static Response withHead(Response original) {
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        if (original.getStatus() != 405 || allow == null) {
            return original;
        }
        java.util.Set<String> methods = new java.util.TreeSet<>();
        for (String method : allow.split(",")) {
            if (!method.isBlank()) {
                methods.add(method.strip());
            }
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        return Response.fromResponse(original).header(HttpHeaders.ALLOW, null).header(HttpHeaders.ALLOW, String.join(", ", methods)).build();
    }

    /** The original response's status and headers (Allow on 405, say) with the problem as body. */
    private Response respond(Response original, Problem problem) {
        if (request != null && ProblemPage.preferredBy(request.get().getHeaderString(HttpHeaders.ACCEPT))) { // null: made outside Jersey
            return Response.fromResponse(original).entity(ProblemPage.render(problem)).type(ProblemPage.MEDIA_TYPE).build();
        }
        return Response.fromResponse(original).entity(problem).type(Problem.MEDIA_TYPE).build();
    }
}
