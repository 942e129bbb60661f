package dev.securerestapi.app.subscribers;

import dev.securerestapi.app.problem.ProblemException;

/**
 * Path and query parameters, read by hand: JAX-RS turns an unconvertible path parameter into a
 * 404, where a client deserves a 400 naming it.
 */
final class Params {

    private Params() {}

    static long id(String raw) {
        return number("id", raw, -1, 1, Long.MAX_VALUE);
    }

    /** A whole number in [min, max], or {@code fallback} when the parameter is absent. */
    static long number(String name, String raw, long fallback, long min, long max) {
        if (raw == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(name, "must be a whole number from " + min + " to " + max);
        }
        if (value < min || value > max) {
            throw ProblemException.invalid(name, "must be a whole number from " + min + " to " + max);
        }
        return value;
    }
}
