package dev.securerestapi.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The one exception mapper: every exception leaving a resource or Jersey becomes a problem+json
 * response. A WebApplicationException keeps its status and headers (Allow on 405, say); anything
 * else is an incident, logged and answered with 500 and nothing of the exception itself.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    @Override
    public Response toResponse(Throwable error) {
        if (error instanceof WebApplicationException web) {
            Response original = web.getResponse();
            Problem problem = original.getStatus() >= 500
                    ? Problems.unexpected(error)
                    : Problems.forStatus(original.getStatus());
            return Response.fromResponse(original).entity(problem).type(Problem.MEDIA_TYPE).build();
        }
        Problem problem = Problems.unexpected(error);
        return Response.status(problem.status()).entity(problem).type(Problem.MEDIA_TYPE).build();
    }
}
