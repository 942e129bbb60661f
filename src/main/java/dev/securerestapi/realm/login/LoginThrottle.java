package dev.securerestapi.realm.login;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import dev.securerestapi.realm.RealmEntry;
import dev.securerestapi.realm.UserName;
import dev.securerestapi.realm.audit.Audit;
import dev.securerestapi.realm.metrics.Logins;
import dev.securerestapi.settings.Settings.Lockout;

/**
 * Brute-force protection for BASIC logins, used by the container's authenticator around the
 * password check. Every attempt takes a place before its hash runs ({@link #admit}), gives it back
 * if it succeeds and keeps it as a failure if not; while failures and running checks fill a
 * limit, a new attempt waits for a place (up to 5 s) instead of running beside them, so a burst of
 * parallel guesses gets no more tries than a sequence. Three limits:
 * <ul>
 * <li>per user name and client address ({@code user.failures}, 5): the name is locked for that
 *     address for {@code user.seconds}, even for the right password; a success clears it. An
 *     attacker elsewhere cannot lock the operator out this way.</li>
 * <li>per user name from all addresses, much higher ({@code name.failures}, 100): a guess spread
 *     over many addresses still meets a ceiling. It does not refuse a client that logged in
 *     successfully as the name lately ({@link KnownClients}), so it cannot keep an operator out.</li>
 * <li>per client address across all names ({@code address.failures}, 50, within
 *     {@code address.seconds}): one client trying a password on many names.</li>
 * </ul>
 * Every spelling of a name counts as that name ({@link UserName#key}); unknown names count like
 * real ones, so a lockout tells nobody which names exist. A success that comes back after its
 * name was locked by other attempts running beside it is refused, and so is one beside which
 * other attempts for the name from that address failed: the right password inside a burst of
 * guesses gets no one in, and clears none of their failures. Client addresses are what
 * {@link ClientAddress} makes of the request (IPv6 by /64; by /56 for the per-name-and-address limit). Failures are logged with the user name
 * and address, never the password. Memory is bounded: each of the three trackers holds at most
 * {@code tracked} keys, a name key at most 64 characters (a longer name is kept as a digest).
 */
public final class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());

    /** What the authenticator may do with a login: check it ({@link Attempt}) or refuse it now ({@link Refused}). */
    public sealed interface Admission permits Attempt, Refused {}

    /**
     * Not checked: answer {@link #status} with {@code Retry-After: retryAfterSeconds}: 429 for a
     * lock, 503 while the shared database has been away too long to count it ({@code unavailable}).
     */
    public record Refused(long retryAfterSeconds, boolean unavailable) implements Admission {
        public Refused(long retryAfterSeconds) {
            this(retryAfterSeconds, false);
        }

        public int status() {
            return unavailable ? 503 : 429;
        }
    }

    /**
     * An attempt counted before its check, in this instance's trackers and, when the throttle is
     * shared, in the database's; or a login this instance verified lately, which holds no place
     * (see {@link #admit(String, String, String)}). The authenticator reports how the check went, once.
     */
    public final class Attempt implements Admission {
        private final String user;
        /** The login as the verified-login cache knows it; null for an attempt whose password is never to be remembered. */
        private final VerifiedCredentials.Key login;
        private final String address;
        private final String nameKey;
        private final String pairKey;
        /** Per layer: the places for the pair, the name and the address; empty for a login verified lately. */
        private final List<Tracker.Place[]> places;
        /** Per layer: the failures counted for the name from this address when this attempt took its place. */
        private final int[] pairFailuresAtStart;

        private Attempt(String user, VerifiedCredentials.Key login, String address, String nameKey, String pairKey,
                List<Tracker.Place[]> places) {
            this.user = user;
            this.login = login;
            this.address = address;
            this.nameKey = nameKey;
            this.pairKey = pairKey;
            this.places = places;
            this.pairFailuresAtStart = new int[places.size()];
            for (int i = 0; i < places.size(); i++) {
                pairFailuresAtStart[i] = layers.get(i).pairs.failures(pairKey);
            }
        }

        /**
         * The password was right. True when the login stands; false when the name was locked by
         * other attempts while this one ran: the login is then refused, and counted as a failure.
         */
        public boolean succeeded() {
            for (int i = 0; i < places.size(); i++) {
                Limits layer = layers.get(i);
                if (layer.pairs.locked(pairKey) || (layer.names.locked(nameKey) && !known.known(pairKey))) {
                    if (i > 0) {
                        mirror(pairKey, layer.pairs.lockedFor(pairKey), nameKey, layer.names.lockedFor(nameKey), address, Duration.ZERO);
                    }
                    release();
                    LOG.warning("Refused a right password for user '" + printable(user) + "' from " + address
                            + ": the name was locked by other attempts while it was checked");
                    return false;
                }
            }
            int failedBefore = places.isEmpty() ? 0 : localPairs.failures(pairKey);
            if (failedBeside()) {
                // other attempts for the name from this address failed while this one was checked: a
                // burst of guesses holding the right one. Letting it in would also clear their failures,
                // and give the burst places for more guesses than the limit.
                release();
                LOG.warning("Refused a right password for user '" + printable(user) + "' from " + address
                        + ": other attempts for the name from there failed while it was checked");
                return false;
            }
            for (int i = 0; i < places.size(); i++) {
                layers.get(i).pairs.reset(pairKey);
            }
            release();
            Logins.INSTANCE.succeeded();
            if (failedBefore > 0) {
                Audit.succeededAfterFailures(user, address, failedBefore);
            }
            if (login != null && !places.isEmpty()) {
                recent.remember(login);
            }
            known.remember(pairKey, !places.isEmpty());
            return true;
        }

        private void release() {
            LoginThrottle.this.release(places);
        }

        /** Whether failures were counted for the name from this address, here or on any instance, while this attempt ran. */
        private boolean failedBeside() {
            for (int i = 0; i < places.size(); i++) {
                if (layers.get(i).pairs.failures(pairKey) > pairFailuresAtStart[i]) {
                    return true;
                }
            }
            return false;
        }

        /** Why a right password was refused ({@link #succeeded} false): how long the name stays locked. */
        public Refused refusal() {
            Duration wait = Duration.ZERO;
            boolean knownHere = known.known(pairKey);
            for (Limits layer : layers) {
                wait = max(wait, max(layer.pairs.lockedFor(pairKey), knownHere ? Duration.ZERO : layer.names.lockedFor(nameKey)));
            }
            return refused(user, address, wait);
        }

        /**
         * Verified lately with the same password against the same stored hash: the password needs
         * no check, and the attempt holds no place.
         */
        public boolean verified() {
            return places.isEmpty() && login != null;
        }

        /** The password was wrong: the attempt stays counted. */
        public void failed() {
            failed(false);
        }

        /** The password was wrong, or ({@code unknownName}) the name is no user's: the attempt stays counted. */
        public void failed(boolean unknownName) {
            List<Tracker.Place[]> counted = places;
            if (places.isEmpty()) {
                // verified lately, wrong now: forgotten, and counted like any failure
                if (login != null) {
                    recent.forget(login);
                }
                counted = new ArrayList<>();
                for (Limits layer : layers) {
                    counted.add(new Tracker.Place[] {layer.pairs.reserve(pairKey), layer.names.reserve(nameKey),
                            layer.addresses.reserve(address)});
                }
            }
            int[] failures = new int[3];
            Limits counting = layers.get(0);
            for (int i = 0; i < counted.size(); i++) {
                Limits layer = layers.get(i);
                Tracker.Place[] taken = counted.get(i);
                int forPair = taken[0] == null ? 0 : layer.pairs.fail(taken[0]);
                int forName = taken[1] == null ? 0 : layer.names.fail(taken[1]);
                int forAddress = taken[2] == null ? 0 : layer.addresses.fail(taken[2]);
                if (i == 0 || forPair + forName + forAddress > 0) {
                    // the shared counts, when there are any, are the ones every instance goes by
                    failures = new int[] {forPair, forName, forAddress};
                    counting = layer;
                }
            }
            if (counting != layers.get(0)) {
                mirror(pairKey, failures[0] >= counting.pairs.limit() ? settings.userLock() : Duration.ZERO,
                        nameKey, failures[1] >= counting.names.limit() ? settings.userLock() : Duration.ZERO,
                        address, failures[2] >= counting.addresses.limit() ? settings.addressWindow() : Duration.ZERO);
            }
            Logins.INSTANCE.failed(unknownName);
            Audit.loginFailed(user, address, unknownName ? "unknown_name" : "wrong_password");
            LOG.warning("Failed login for user '" + printable(user) + "' from " + address + " (" + failures[0] + " of "
                    + counting.pairs.limit() + " for the name from this address, " + failures[1] + " of " + counting.names.limit()
                    + " for the name, " + failures[2] + " of " + counting.addresses.limit() + " for the address"
                    + (counting == layers.get(0) ? "" : ", on every instance") + ")");
            if (failures[0] == counting.pairs.limit()) {
                Audit.locked("name_from_address", user, address, settings.userLock().toSeconds(), failures[0]);
                LOG.warning("User name '" + printable(user) + "' locked for " + settings.userLock().toSeconds() + " s for "
                        + address + " after " + failures[0] + " failed logins from there");
            }
            if (failures[1] == counting.names.limit()) {
                Audit.locked("name", user, address, settings.userLock().toSeconds(), failures[1]);
                LOG.warning("User name '" + printable(user) + "' locked for " + settings.userLock().toSeconds()
                        + " s for every address after " + failures[1] + " failed logins; the last from " + address);
            }
            if (failures[2] == counting.addresses.limit()) {
                Audit.locked("address", null, address, settings.addressWindow().toSeconds(), failures[2]);
                LOG.warning("Address " + address + " refused logins for " + settings.addressWindow().toSeconds() + " s after "
                        + failures[2] + " failed logins");
            }
        }
    }

    /** The three limits in one place: this instance's memory, or the shared database. */
    private record Limits(Tracker pairs, Tracker names, Tracker addresses) {}

    private final Lockout settings;
    /** This instance's limits first, then the shared ones when there are any. */
    private final List<Limits> layers;
    private final FailureTracker localPairs;
    private final FailureTracker localNames;
    private final FailureTracker localAddresses;
    /** Logins this instance checked successfully lately, as HMACs: they take no place while they stay right. */
    private final VerifiedCredentials recent;
    /** Names and networks that logged in successfully lately: the name-wide lock does not refuse them. */
    private final KnownClients known;
    private final Clock clock;
    private final AtomicLong lastCleanUp = new AtomicLong();
    /** Whether the shared database answers; unused without one. */
    private final DatabaseContact contact;
    private final NowAndThen unavailableLogged = new NowAndThen(Duration.ofSeconds(10));

    /** Limits kept in this instance's memory alone. */
    public LoginThrottle(Lockout settings, Clock clock) {
        this(settings, clock, WAIT, null);
    }

    /**
     * How long an attempt waits for a place held by checks still running: long enough for a
     * client's parallel first requests to meet the first success on an instance busy starting up
     * (seen taking over 2 s), short enough that guesses waiting behind guesses hold no thread long:
     * once those fail, the lock refuses the waiting at once.
     */
    static final Duration WAIT = Duration.ofSeconds(5);

    /**
     * Limits kept in this instance's memory and in the database every instance shares, so that
     * spreading guesses over instances gains nothing.
     *
     * @param shared the database holding table {@code login_throttle}; null when it is not (yet) bound
     */
    public LoginThrottle(Lockout settings, Clock clock, Supplier<DataSource> shared) {
        this(settings, clock, WAIT, shared);
    }

    /** @param wait how long an attempt waits for a place held by attempts still being checked (see {@link FailureTracker}) */
    LoginThrottle(Lockout settings, Clock clock, Duration wait) {
        this(settings, clock, wait, null);
    }

    LoginThrottle(Lockout settings, Clock clock, Duration wait, Supplier<DataSource> shared) {
        this.settings = settings;
        this.clock = clock;
        this.localPairs = new FailureTracker(settings.userFailures(), settings.userLock(), settings.tracked(), clock, wait);
        this.localNames = new FailureTracker(settings.nameFailures(), settings.userLock(), settings.tracked(), clock, wait);
        this.localAddresses = new FailureTracker(settings.addressFailures(), settings.addressWindow(), settings.tracked(), clock, wait);
        this.contact = new DatabaseContact(clock);
        List<Limits> limits = new ArrayList<>();
        limits.add(new Limits(localPairs, localNames, localAddresses));
        if (shared != null) {
            limits.add(new Limits(
                    new SharedFailureTracker("pair", settings.userFailures(), settings.userLock(), clock, wait, shared, contact),
                    new SharedFailureTracker("name", settings.nameFailures(), settings.userLock(), clock, wait, shared, contact),
                    new SharedFailureTracker("address", settings.addressFailures(), settings.addressWindow(), clock, wait, shared, contact)));
        }
        this.layers = List.copyOf(limits);
        this.recent = new VerifiedCredentials(settings.tracked(), Duration.ofMinutes(10), clock);
        Logins.INSTANCE.cacheSize(recent::size);
        this.known = new KnownClients(settings.tracked(), clock, shared, contact);
        localPairs.onUnlock(key -> {
            int split = key.indexOf('\u0000');
            Audit.unlocked("name_from_address", key.substring(0, split), key.substring(split + 1));
        });
        localNames.onUnlock(key -> Audit.unlocked("name", key, null));
        localAddresses.onUnlock(key -> Audit.unlocked("address", null, key));
        Logins.INSTANCE.throttleState(localNames::size, localAddresses::size,
                () -> localPairs.lockedNow() + localNames.lockedNow() + localAddresses.lockedNow());
        LOG.info("Login lockout: " + settings.userFailures() + " failures lock a user name for " + settings.userLock().toSeconds()
                + " s from that client address, " + settings.nameFailures() + " from any addresses lock it for all; "
                + settings.addressFailures() + " failures in " + settings.addressWindow().toSeconds() + " s refuse a client address"
                + (shared != null ? "; counted in the shared database, so across all instances" : "; counted by this instance"));
    }

    /**
     * Counts a login for {@code user} from {@code address} (a {@link ClientAddress} key) before its
     * password is checked, or refuses it while the name or the address is locked. A login this
     * instance checked successfully within 10 minutes, with the same password, while this
     * instance counts nothing for that name from that address (no failure, no check running), is no guess: it takes
     * no place and asks no shared database, so the usual request costs a few map look-ups. A lock
     * this instance knows of still refuses it, and so does one in the shared database once any
     * attempt here has met it ({@link #mirror}). If it fails now, it is counted like any failure
     * and takes places again from then on ({@link Attempt#verified} tells the two apart).
     */
    public Admission admit(VerifiedCredentials.Key login, String address) {
        String user = login.user();
        String nameKey = UserName.key(user);
        String pairKey = pairKey(nameKey, address);
        Limits local = layers.get(0);
        Duration name = local.names.lockedFor(nameKey);
        if (!name.isZero() && known.known(pairKey)) {
            name = Duration.ZERO;
        }
        Duration wait = max(max(local.pairs.lockedFor(pairKey), name), local.addresses.lockedFor(address));
        if (!wait.isZero()) {
            return refused(user, address, wait);
        }
        if (recent.isVerified(login) && localPairs.idle(pairKey)) {
            return new Attempt(user, login, address, nameKey, pairKey, List.of());
        }
        return counted(user, login, address, nameKey, pairKey);
    }

    /** {@link #admit(VerifiedCredentials.Key, String)} for {@code password} checked against no stored hash in particular. */
    public Admission admit(String user, String password, String address) {
        return admit(VerifiedCredentials.key(user, password, ""), address);
    }

    /** {@link #admit(VerifiedCredentials.Key, String)} for a password never remembered here: always counted. */
    public Admission admit(String user, String address) {
        String nameKey = UserName.key(user);
        return counted(user, null, address, nameKey, pairKey(nameKey, address));
    }

    /** What the per-name-and-address limit counts by: the name and the client's network (IPv6 by /56). */
    private static String pairKey(String nameKey, String address) {
        return nameKey + "\u0000" + ClientAddress.network(address);
    }

    /** Whether the name is locked in {@code layer} for everyone but this client, who logged in as it lately. */
    private boolean exempt(Limits layer, String nameKey, String pairKey) {
        return !layer.names.lockedFor(nameKey).isZero() && known.known(pairKey);
    }

    private Admission counted(String user, VerifiedCredentials.Key login, String address, String nameKey, String pairKey) {
        cleanUpNowAndThen();
        // A client's own parallel first requests: the first check to succeed lets the others,
        // waiting for a place with the same password, in without one. Only a success that came
        // while they waited counts, so a password verified before a burst of guesses gives the
        // burst nothing: it waits, and meets the lock, like the guesses.
        long mark = recent.mark();
        java.util.function.BooleanSupplier verifiedMeanwhile = login == null ? () -> false
                : () -> recent.verifiedAfter(login, mark);
        List<Tracker.Place[]> places = new ArrayList<>();
        for (Limits layer : layers) {
            // reserve refuses a locked key itself: no look-up first, so the shared layer costs one transaction per limit
            Tracker.Place pair = layer.pairs.reserve(pairKey, verifiedMeanwhile);
            Tracker.Place name = pair == null || pair.bypassed() ? null : layer.names.reserve(nameKey, verifiedMeanwhile);
            // a client that logged in as the name lately passes its name-wide lock, uncounted there
            boolean nameExempt = pair != null && !pair.bypassed() && name == null && exempt(layer, nameKey, pairKey);
            Tracker.Place from = (name == null && !nameExempt) || (name != null && name.bypassed()) ? null
                    : layer.addresses.reserve(address, verifiedMeanwhile);
            if ((pair != null && pair.bypassed()) || (name != null && name.bypassed()) || (from != null && from.bypassed())) {
                release(layer, pair, name, from);
                release(places);
                return new Attempt(user, login, address, nameKey, pairKey, List.of());
            }
            if (from == null) {
                release(layer, pair, name, null);
                release(places);
                Duration lockedPair = layer.pairs.lockedFor(pairKey);
                Duration lockedName = nameExempt ? Duration.ZERO : layer.names.lockedFor(nameKey);
                Duration lockedAddress = layer.addresses.lockedFor(address);
                if (layer != layers.get(0)) {
                    mirror(pairKey, lockedPair, nameKey, lockedName, address, lockedAddress);
                }
                Duration wait = max(max(lockedPair, lockedName), lockedAddress);
                if (wait.isZero()) { // no lock: a tracker full of locks, or places held by checks too long
                    wait = max(max(layer.pairs.untilRoom(), layer.names.untilRoom()), layer.addresses.untilRoom());
                }
                return refused(user, address, wait);
            }
            places.add(new Tracker.Place[] {pair, name, from});
        }
        if (layers.size() > 1 && !places.get(1)[0].counted() && contact.goneTooLong()) {
            // counted here alone, each instance would give its own tries, and users removed meanwhile would still get in
            release(places);
            return unavailable(user, address);
        }
        return new Attempt(user, login, address, nameKey, pairKey, places);
    }

    /** Gives back the places taken in each layer, in layer order. */
    private void release(List<Tracker.Place[]> places) {
        for (int i = 0; i < places.size(); i++) {
            Tracker.Place[] taken = places.get(i);
            release(layers.get(i), taken[0], taken[1], taken[2]);
        }
    }

    private static void release(Limits layer, Tracker.Place pair, Tracker.Place name, Tracker.Place from) {
        if (pair != null) {
            layer.pairs.release(pair);
        }
        if (name != null) {
            layer.names.release(name);
        }
        if (from != null) {
            layer.addresses.release(from);
        }
    }

    /**
     * An {@code Authorization} header that carries no readable credentials: counted against the
     * address like a failed login. Refused when the address is locked, else null (answer the challenge).
     */
    public Refused malformed(String address) {
        int failures = 0;
        Limits counting = layers.get(0);
        for (Limits layer : layers) {
            Tracker.Place from = layer.addresses.reserve(address);
            if (from == null) {
                return refused("(unreadable)", address, layer.addresses.lockedFor(address));
            }
            int counted = layer.addresses.fail(from);
            if (counted > 0) {
                failures = counted;
                counting = layer;
            }
        }
        Logins.INSTANCE.malformed();
        Audit.loginFailed(null, address, "malformed");
        LOG.warning("Unreadable credentials from " + address + " (" + failures + " of " + counting.addresses.limit() + " for the address)");
        if (failures == counting.addresses.limit()) {
            Audit.locked("address", null, address, settings.addressWindow().toSeconds(), failures);
            LOG.warning("Address " + address + " refused logins for " + settings.addressWindow().toSeconds() + " s after "
                    + failures + " failed logins");
        }
        return null;
    }

    /**
     * A lock found in the shared database is this instance's too, from now on: so a login it
     * verified lately, which asks the database nothing, is refused here as well. Between the lock
     * and this instance's first counted attempt for the same key, one such login can still get
     * in: at most one attempt more per instance than on one.
     */
    private void mirror(String pairKey, Duration pair, String nameKey, Duration name, String address, Duration from) {
        if (!pair.isZero()) {
            localPairs.lock(pairKey, pair);
        }
        if (!name.isZero()) {
            localNames.lock(nameKey, name);
        }
        if (!from.isZero()) {
            localAddresses.lock(address, from);
        }
    }

    /** The shared table forgets keys nothing counts on any more, once a minute, on a login's way. */
    private void cleanUpNowAndThen() {
        long now = clock.millis();
        long last = lastCleanUp.get();
        if (layers.size() > 1 && now - last >= 60_000 && lastCleanUp.compareAndSet(last, now)) {
            Limits shared = layers.get(1);
            for (Tracker tracker : List.of(shared.pairs, shared.names, shared.addresses)) {
                ((SharedFailureTracker) tracker).forgetStale();
            }
            known.forgetStale();
        }
    }

    private Refused unavailable(String user, String address) {
        Logins.INSTANCE.throttled();
        Audit.throttled(user, address, 5);
        if (unavailableLogged.due()) {
            LOG.warning("Refusing logins this instance has not verified lately (503): the shared database has not answered for "
                    + DatabaseContact.BOUND.toSeconds() + " s or more, and the login limits cannot be counted without it"
                    + " (logged at most every 10 s)");
        }
        return new Refused(5, true);
    }

    private Refused refused(String user, String address, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        Logins.INSTANCE.throttled();
        Audit.throttled(user, address, seconds);
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
