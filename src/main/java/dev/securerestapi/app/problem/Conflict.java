package dev.securerestapi.app.problem;

/**
 * A request that contradicts what is already stored, such as a second subscriber with the same
 * email address: the client can change the request and try again. Stores throw it without
 * knowing about HTTP; {@link ProblemMapper} answers it with 409 and {@code clientDetail}.
 */
public class Conflict extends RuntimeException {

    public Conflict(String clientDetail) {
        super(clientDetail, null, false, false); // an expected outcome: no stack trace to fill in
    }
}
