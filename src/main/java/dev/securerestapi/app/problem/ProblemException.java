package dev.securerestapi.app.problem;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.ws.rs.WebApplicationException;

/**
 * A client error the application decided on, with a detail written for the client. The only
 * exception whose message reaches a response body; everything else gets a fixed text.
 */
public class ProblemException extends WebApplicationException {

    private final String clientDetail;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String clientDetail) {
        this(status, clientDetail, List.of());
    }

    private ProblemException(int status, String clientDetail, List<Problem.FieldError> errors) {
        super(clientDetail, status);
        this.clientDetail = clientDetail;
        this.errors = List.copyOf(errors);
    }

    private ProblemException(jakarta.ws.rs.core.Response response, String clientDetail) {
        super(clientDetail, response);
        this.clientDetail = clientDetail;
        this.errors = List.of();
    }

    /** A 429 or 503 that tells the client how many seconds to wait ({@code Retry-After}). */
    public static ProblemException retryAfter(int status, long seconds, String clientDetail) {
        return new ProblemException(jakarta.ws.rs.core.Response.status(status).header("Retry-After", seconds).build(), clientDetail);
    }

    /** 400 naming every rejected field. */
    public static ProblemException invalid(List<Problem.FieldError> errors) {
        String summary = errors.stream().map(e -> e.field() + ": " + e.detail()).collect(Collectors.joining("; "));
        return new ProblemException(400, summary, errors);
    }

    public static ProblemException invalid(String field, String detail) {
        return invalid(List.of(new Problem.FieldError(field, detail)));
    }

    Problem toProblem() {
        int status = getResponse().getStatus();
        return new Problem(Problem.typeOf(status, !errors.isEmpty()), Problems.title(status), status, clientDetail, null, errors);
    }
}
