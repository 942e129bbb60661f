package dev.securerestapi.credentials;

import java.util.List;

/**
 * The one way the API changes a password: the login core implements it (as part of
 * {@link Credentials}), and the resource whose job is the change hands the caller's request over
 * as it came, never seeing a hash. JDK types only, so that the application and the login core
 * depend on this and not on each other.
 */
public interface PasswordChanges {

    /**
     * Changes {@code user}'s password from {@code current} to {@code replacement}: {@code current}
     * is checked as a login of {@code user} from the request's client (and counted as one), the
     * replacement must pass the password policy, and it is stored in the store the realm reads.
     *
     * @param peer the address the request's connection comes from
     * @param forwarded the values of {@link #forwardedHeader()} the request carries, in order
     */
    Result change(String user, String current, String replacement, String peer, List<String> forwarded);

    /** The header a trusted proxy writes the client's address in, whose values {@link #change} takes. */
    String forwardedHeader();

    /** What became of a change. */
    sealed interface Result permits Changed, WrongCurrent, Refused, NotStored, TooMany, Unavailable {}

    /** Stored: the new password works, and the old one is refused, on every instance within seconds. */
    record Changed() implements Result {}

    /** {@code current} is not the user's password (counted as a failed login). */
    record WrongCurrent() implements Result {}

    /** The policy refused the replacement: {@code rule} names the rule, {@code message} says it without the password. */
    record Refused(String rule, String message) implements Result {}

    /** The store the realm reads cannot be written (a read-only realm file): {@code why} says so. */
    record NotStored(String why) implements Result {}

    /** The client is locked out for now: nothing was checked. */
    record TooMany(long retryAfterSeconds) implements Result {}

    /** The store or the password check cannot answer now. */
    record Unavailable(long retryAfterSeconds) implements Result {}
}
