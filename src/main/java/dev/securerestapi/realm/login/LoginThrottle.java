package dev.securerestapi.realm.login;

import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.securerestapi.realm.RealmEntry;
import dev.securerestapi.realm.UserName;
import dev.securerestapi.settings.Settings.Lockout;

/**
 * Brute-force protection for BASIC logins, used by the container's authenticator around the
 * password check. Every attempt takes a place before its hash runs ({@link #admit}), gives it back
 * if it succeeds and keeps it as a failure if not; while failures and running checks fill a
 * limit, a new attempt waits for a place (up to 2 s) instead of running beside them, so a burst of
 * parallel guesses gets no more tries than a sequence. Three limits:
 * <ul>
 * <li>per user name and client address ({@code user.failures}, 5): the name is locked for that
 *     address for {@code user.seconds}, even for the right password; a success clears it. An
 *     attacker elsewhere cannot lock the operator out this way.</li>
 * <li>per user name from all addresses, much higher ({@code name.failures}, 100): a guess spread
 *     over many addresses still meets a ceiling.</li>
 * <li>per client address across all names ({@code address.failures}, 50, within
 *     {@code address.seconds}): one client trying a password on many names.</li>
 * </ul>
 * Every spelling of a name counts as that name ({@link UserName#key}); unknown names count like
 * real ones, so a lockout tells nobody which names exist. A success that comes back after its
 * name was locked by other attempts running beside it is refused. Client addresses are what
 * {@link ClientAddress} makes of the request (IPv6 by /64). Failures are logged with the user name
 * and address, never the password. Memory is bounded: each of the three trackers holds at most
 * {@code tracked} keys, a name key at most 64 characters (a longer name is kept as a digest).
 */
public final class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());

    /** What the authenticator may do with a login: check it ({@link Attempt}) or refuse it now ({@link Refused}). */
    public sealed interface Admission permits Attempt, Refused {}

    /** Not checked: answer 429 with {@code Retry-After: retryAfterSeconds}. */
    public record Refused(long retryAfterSeconds) implements Admission {}

    /** An attempt counted before its check; the authenticator reports how the check went, once. */
    public final class Attempt implements Admission {
        private final String user;
        private final String address;
        private final FailureTracker.Place pair;
        private final FailureTracker.Place name;
        private final FailureTracker.Place from;

        private Attempt(String user, String address, FailureTracker.Place pair, FailureTracker.Place name, FailureTracker.Place from) {
            this.user = user;
            this.address = address;
            this.pair = pair;
            this.name = name;
            this.from = from;
        }

        /**
         * The password was right. True when the login stands; false when the name was locked by
         * other attempts while this one ran: the login is then refused, and counted as a failure.
         */
        public boolean succeeded() {
            if (pairs.locked(pair.key()) || names.locked(name.key())) {
                pairs.release(pair);
                names.release(name);
                addresses.release(from);
                LOG.warning("Refused a right password for user '" + printable(user) + "' from " + address
                        + ": the name was locked by other attempts while it was checked");
                return false;
            }
            pairs.release(pair);
            pairs.reset(pair.key());
            names.release(name);
            addresses.release(from);
            return true;
        }

        /** Why a right password was refused ({@link #succeeded} false): how long the name stays locked. */
        public Refused refusal() {
            return refused(user, address, max(pairs.lockedFor(pair.key()), names.lockedFor(name.key())));
        }

        /** The password was wrong (or the name unknown): the attempt stays counted. */
        public void failed() {
            int forPair = pairs.fail(pair);
            int forName = names.fail(name);
            int forAddress = addresses.fail(from);
            LOG.warning("Failed login for user '" + printable(user) + "' from " + address + " (" + forPair + " of "
                    + pairs.limit() + " for the name from this address, " + forName + " of " + names.limit()
                    + " for the name, " + forAddress + " of " + addresses.limit() + " for the address)");
            if (forPair == pairs.limit()) {
                LOG.warning("User name '" + printable(user) + "' locked for " + settings.userLock().toSeconds() + " s for "
                        + address + " after " + forPair + " failed logins from there");
            }
            if (forName == names.limit()) {
                LOG.warning("User name '" + printable(user) + "' locked for " + settings.userLock().toSeconds()
                        + " s for every address after " + forName + " failed logins; the last from " + address);
            }
            if (forAddress == addresses.limit()) {
                LOG.warning("Address " + address + " refused logins for " + settings.addressWindow().toSeconds() + " s after "
                        + forAddress + " failed logins");
            }
        }
    }

    private final Lockout settings;
    private final FailureTracker pairs;
    private final FailureTracker names;
    private final FailureTracker addresses;

    public LoginThrottle(Lockout settings, Clock clock) {
        this(settings, clock, Duration.ofSeconds(2));
    }

    /** @param wait how long an attempt waits for a place held by attempts still being checked (see {@link FailureTracker}) */
    LoginThrottle(Lockout settings, Clock clock, Duration wait) {
        this.settings = settings;
        this.pairs = new FailureTracker(settings.userFailures(), settings.userLock(), settings.tracked(), clock, wait);
        this.names = new FailureTracker(settings.nameFailures(), settings.userLock(), settings.tracked(), clock, wait);
        this.addresses = new FailureTracker(settings.addressFailures(), settings.addressWindow(), settings.tracked(), clock, wait);
        LOG.info("Login lockout: " + settings.userFailures() + " failures lock a user name for " + settings.userLock().toSeconds()
                + " s from that client address, " + settings.nameFailures() + " from any addresses lock it for all; "
                + settings.addressFailures() + " failures in " + settings.addressWindow().toSeconds() + " s refuse a client address");
    }

    /**
     * Counts a login for {@code user} from {@code address} (a {@link ClientAddress} key) before its
     * password is checked, or refuses it while the name or the address is locked.
     */
    public Admission admit(String user, String address) {
        String nameKey = UserName.key(user);
        String pairKey = nameKey + "\u0000" + address;
        Duration wait = max(max(pairs.lockedFor(pairKey), names.lockedFor(nameKey)), addresses.lockedFor(address));
        if (!wait.isZero()) {
            return refused(user, address, wait);
        }
        FailureTracker.Place pair = pairs.reserve(pairKey);
        if (pair == null) {
            return refused(user, address, pairs.lockedFor(pairKey));
        }
        FailureTracker.Place name = names.reserve(nameKey);
        if (name == null) {
            pairs.release(pair);
            return refused(user, address, names.lockedFor(nameKey));
        }
        FailureTracker.Place from = addresses.reserve(address);
        if (from == null) {
            pairs.release(pair);
            names.release(name);
            return refused(user, address, addresses.lockedFor(address));
        }
        return new Attempt(user, address, pair, name, from);
    }

    /**
     * An {@code Authorization} header that carries no readable credentials: counted against the
     * address like a failed login. Refused when the address is locked, else null (answer the challenge).
     */
    public Refused malformed(String address) {
        FailureTracker.Place from = addresses.reserve(address);
        if (from == null) {
            return refused("(unreadable)", address, addresses.lockedFor(address));
        }
        int failures = addresses.fail(from);
        LOG.warning("Unreadable credentials from " + address + " (" + failures + " of " + addresses.limit() + " for the address)");
        if (failures == addresses.limit()) {
            LOG.warning("Address " + address + " refused logins for " + settings.addressWindow().toSeconds() + " s after "
                    + failures + " failed logins");
        }
        return null;
    }

    private Refused refused(String user, String address, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        LOG.log(Level.FINE, () -> "Refused a login for user '" + printable(user) + "' from " + address
                + " without checking it: locked for " + seconds + " s more");
        return new Refused(seconds);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static String printable(String user) {
        return RealmEntry.printable(user);
    }
}
