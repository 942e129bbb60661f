package dev.securerestapi.app.problem;

/**
 * The database does not answer: an expected event (a restart, a failover), not a bug. Stores and
 * the readiness check throw it without knowing about HTTP; {@link ProblemMapper} answers 503 with
 * {@code Retry-After: RETRY_AFTER_SECONDS}, and no incident is logged for it.
 */
public class Unavailable extends RuntimeException {

    /** What clients and the load balancer are told to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    public Unavailable(String clientDetail) {
        super(clientDetail, null, false, false);
    }
}
