package dev.securerestapi.realm.login;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import javax.sql.DataSource;

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
 * The three limits of one place (this instance, the shared database) are a {@link Limits};
 * what each outcome counts, audits and logs is {@link ThrottleLog}'s.
 */
public final class LoginThrottle {

    /** Why a counted attempt failed, as the audit trail's {@code login.failed} names it. */
    public enum Failure {
        WRONG_PASSWORD, UNKNOWN_NAME, EXPIRED_TEMPORARY_PASSWORD,
        /** A password that is an access token (TokenDigest's prefix) but no unexpired token of the user's. */
        WRONG_TOKEN;

        public String reason() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

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
     * An attempt counted before its check, in this instance's limits and, when the throttle is
     * shared, in the database's; or a login this instance verified lately, which holds no place
     * (see {@link #admit(VerifiedCredentials.Key, String)}). The caller reports how the check went, once.
     */
    public final class Attempt implements Admission {

        /** The places held in one layer of limits, and the failures counted for the pair when they were taken. */
        private record Held(Limits limits, Limits.Places places, int pairFailuresBefore) {}

        private final Limits.Keys keys;
        /** The login as the verified-login cache knows it; null for an attempt whose password is never to be remembered. */
        private final VerifiedCredentials.Key login;
        /** Per layer, in layer order; empty for a login verified lately. */
        private final List<Held> held;

        private Attempt(Limits.Keys keys, VerifiedCredentials.Key login, List<Held> held) {
            this.keys = keys;
            this.login = login;
            this.held = held;
        }

        /**
         * Verified lately with the same password against the same stored hash: the password needs
         * no check, and the attempt holds no place.
         */
        public boolean verified() {
            return held.isEmpty() && login != null;
        }

        /**
         * The password was right. True when the login stands; false when the name was locked by
         * other attempts while this one ran, or other attempts for the name from this address
         * failed meanwhile (a burst of guesses holding the right one): the login is then refused.
         */
        public boolean succeeded() {
            for (Held layer : held) {
                if (layer.limits().nameLockedNow(keys)) {
                    if (layer.limits().shared) {
                        mirror(keys, layer.limits().pairs.lockedFor(keys.pair()), layer.limits().names.lockedFor(keys.name()), Duration.ZERO);
                    }
                    release();
                    log.rightPasswordRefused(keys.user(), keys.address(), "the name was locked by other attempts while it was checked");
                    return false;
                }
            }
            for (Held layer : held) {
                if (layer.limits().pairs.failures(keys.pair()) > layer.pairFailuresBefore()) {
                    // letting it in would also clear their failures, and give the burst places for more guesses than the limit
                    release();
                    log.rightPasswordRefused(keys.user(), keys.address(), "other attempts for the name from there failed while it was checked");
                    return false;
                }
            }
            int failedBefore = held.isEmpty() ? 0 : local.pairs.failures(keys.pair());
            held.forEach(layer -> layer.limits().pairs.reset(keys.pair()));
            release();
            log.succeeded(keys.user(), keys.address(), failedBefore);
            if (login != null && !held.isEmpty()) {
                recent.remember(login);
            }
            known.remember(keys.pair(), !held.isEmpty());
            return true;
        }

        /** Why a right password was refused ({@link #succeeded} false): how long the name stays locked. */
        public Refused refusal() {
            Duration wait = Duration.ZERO;
            for (Limits layer : layers) {
                wait = Limits.max(wait, layer.nameLockedFor(keys));
            }
            return refused(keys, wait);
        }

        /** The password could not be checked now ({@code why}: no hash could start): the attempt gives its places back, uncounted, and gets 503. */
        public void notChecked(String why) {
            release();
            log.noTimeToCheck(keys.user(), keys.address(), 1, why);
        }

        /** The password was wrong: the attempt stays counted. */
        public void failed() {
            failed(Failure.WRONG_PASSWORD);
        }

        /** The login failed for {@code why}: the attempt stays counted. */
        public void failed(Failure why) {
            List<Held> counted = held;
            if (held.isEmpty()) {
                // verified lately, wrong now: forgotten, and counted like any failure
                if (login != null) {
                    recent.forget(login);
                }
                counted = new ArrayList<>();
                for (Limits layer : layers) {
                    counted.add(new Held(layer, new Limits.Places(layer.pairs.reserve(keys.pair()), layer.names.reserve(keys.name()),
                            layer.addresses.reserve(keys.address())), 0));
                }
            }
            Limits.Counts counts = new Limits.Counts(0, 0, 0);
            Limits counting = local;
            for (Held layer : counted) {
                Limits.Counts here = layer.limits().fail(layer.places());
                if (layer.limits() == local || here.any()) {
                    counts = here; // the shared counts, when there are any, are the ones every instance goes by
                    counting = layer.limits();
                }
            }
            if (counting.shared) {
                mirror(keys, counts.pair() >= counting.pairs.limit() ? settings.userLock() : Duration.ZERO,
                        counts.name() >= counting.names.limit() ? settings.userLock() : Duration.ZERO,
                        counts.address() >= counting.addresses.limit() ? settings.addressWindow() : Duration.ZERO);
            }
            log.failed(keys, why, counts, counting);
        }

        private void release() {
            held.forEach(layer -> layer.limits().release(layer.places()));
        }
    }

    private final Lockout settings;
    /** This instance's limits first, then the shared ones when there are any. */
    private final List<Limits> layers;
    private final Limits local;
    /** The limits every instance shares, in the database; null without one. */
    private final Limits shared;
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
    private final ThrottleLog log;

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
        this.log = new ThrottleLog(settings);
        this.contact = new DatabaseContact(clock, shared);
        this.known = new KnownClients(settings.tracked(), clock, shared == null ? null : contact);
        this.localPairs = new FailureTracker(settings.userFailures(), settings.userLock(), settings.tracked(), clock, wait);
        this.localNames = new FailureTracker(settings.nameFailures(), settings.userLock(), settings.tracked(), clock, wait);
        this.localAddresses = new FailureTracker(settings.addressFailures(), settings.addressWindow(), settings.tracked(), clock, wait);
        this.local = new Limits(localPairs, localNames, localAddresses, false, known);
        this.shared = shared == null ? null : new Limits(
                new SharedFailureTracker("pair", settings.userFailures(), settings.userLock(), clock, wait, contact),
                new SharedFailureTracker("name", settings.nameFailures(), settings.userLock(), clock, wait, contact),
                new SharedFailureTracker("address", settings.addressFailures(), settings.addressWindow(), clock, wait, contact),
                true, known);
        this.layers = shared == null ? List.of(local) : List.of(local, this.shared);
        this.recent = new VerifiedCredentials(settings.tracked(), Duration.ofMinutes(10), clock);
        Logins.INSTANCE.cacheSize(recent::size);
        localPairs.onUnlock(key -> {
            int split = key.indexOf('\u0000');
            Audit.unlocked("name_from_address", key.substring(0, split), key.substring(split + 1));
        });
        localNames.onUnlock(key -> Audit.unlocked("name", key, null));
        localAddresses.onUnlock(key -> Audit.unlocked("address", null, key));
        Logins.INSTANCE.throttleState(localNames::size, localAddresses::size,
                () -> localPairs.lockedNow() + localNames.lockedNow() + localAddresses.lockedNow());
        log.started(shared != null);
    }

    /**
     * Counts a login for {@code login.user()} from {@code address} (a {@link ClientAddress} key)
     * before its password is checked, or refuses it while the name or the address is locked. A
     * login this instance checked successfully within 10 minutes, with the same password against
     * the same stored hash, while this instance counts nothing for that name from that address (no
     * failure, no check running), is no guess: it takes no place and asks no shared database, so
     * the usual request costs a few map look-ups. A lock this instance knows of still refuses it,
     * and so does one in the shared database once any attempt here has met it ({@link #mirror}).
     * If it fails now, it is counted like any failure and takes places again from then on
     * ({@link Attempt#verified} tells the two apart).
     */
    public Admission admit(VerifiedCredentials.Key login, String address) {
        Limits.Keys keys = keys(login.user(), address);
        Duration wait = local.lockedFor(keys);
        if (!wait.isZero()) {
            return refused(keys, wait);
        }
        if (recent.isVerified(login) && localPairs.idle(keys.pair())) {
            return new Attempt(keys, login, List.of());
        }
        return counted(keys, login);
    }

    /** {@link #admit(VerifiedCredentials.Key, String)} for {@code password} checked against no stored hash in particular. */
    public Admission admit(String user, String password, String address) {
        return admit(VerifiedCredentials.key(user, password, ""), address);
    }

    /** {@link #admit(VerifiedCredentials.Key, String)} for a password never remembered here: always counted. */
    public Admission admit(String user, String address) {
        return counted(keys(user, address), null);
    }

    /** The name, the name with the client's network (IPv6 by /56) for the per-name-and-address limit, and the address. */
    private static Limits.Keys keys(String user, String address) {
        String name = UserName.key(user);
        return new Limits.Keys(user, name + "\u0000" + ClientAddress.network(address), name, address);
    }

    private Admission counted(Limits.Keys keys, VerifiedCredentials.Key login) {
        cleanUpNowAndThen();
        // A client's own parallel first requests: the first check to succeed lets the others,
        // waiting for a place with the same password, in without one. Only a success that came
        // while they waited counts, so a password verified before a burst of guesses gives the
        // burst nothing: it waits, and meets the lock, like the guesses.
        long mark = recent.mark();
        BooleanSupplier verifiedMeanwhile = login == null ? () -> false : () -> recent.verifiedAfter(login, mark);
        List<Attempt.Held> held = new ArrayList<>();
        for (Limits layer : layers) {
            // reserve refuses a locked key itself: no look-up first, so the shared layer costs one transaction per limit
            Limits.Places places = layer.take(keys, verifiedMeanwhile);
            if (places != null && places.bypassed()) {
                layer.release(places);
                held.forEach(h -> h.limits().release(h.places()));
                return new Attempt(keys, login, List.of());
            }
            if (places == null) {
                held.forEach(h -> h.limits().release(h.places()));
                Duration wait = layer.lockedFor(keys);
                if (layer.shared) {
                    mirror(keys, layer.pairs.lockedFor(keys.pair()), layer.nameWideLockedFor(keys), layer.addresses.lockedFor(keys.address()));
                }
                return refused(keys, wait.isZero() ? layer.untilRoom() : wait); // no lock: a tracker full of locks, or places held too long
            }
            held.add(new Attempt.Held(layer, places, 0));
        }
        // the failures for the pair once every place is taken: any counted after them were beside this attempt
        held.replaceAll(h -> new Attempt.Held(h.limits(), h.places(), h.limits().pairs.failures(keys.pair())));
        boolean sharedUncounted = held.stream().anyMatch(h -> h.limits().shared && !h.places().pair().counted());
        if (sharedUncounted && contact.goneTooLong()) {
            // counted here alone, each instance would give its own tries, and users removed meanwhile would still get in
            held.forEach(h -> h.limits().release(h.places()));
            log.databaseAway(keys.user(), keys.address(), 5);
            return new Refused(5, true);
        }
        return new Attempt(keys, login, held);
    }

    /**
     * An {@code Authorization} header that carries no readable credentials: counted against the
     * address like a failed login. Refused when the address is locked, else null (answer the challenge).
     */
    public Refused malformed(String address) {
        Limits.Keys keys = new Limits.Keys("(unreadable)", "", "", address);
        int failures = 0;
        Limits counting = local;
        for (Limits layer : layers) {
            Tracker.Place from = layer.addresses.reserve(address);
            if (from == null) {
                return refused(keys, layer.addresses.lockedFor(address));
            }
            int counted = layer.addresses.fail(from);
            if (counted > 0) {
                failures = counted;
                counting = layer;
            }
        }
        log.malformed(address, failures, counting);
        return null;
    }

    /**
     * A lock found in the shared database is this instance's too, from now on: so a login it
     * verified lately, which asks the database nothing, is refused here as well. Between the lock
     * and this instance's first counted attempt for the same key, one such login can still get
     * in: at most one attempt more per instance than on one.
     */
    private void mirror(Limits.Keys keys, Duration pair, Duration name, Duration address) {
        if (!pair.isZero()) {
            localPairs.lock(keys.pair(), pair);
        }
        if (!name.isZero()) {
            localNames.lock(keys.name(), name);
        }
        if (!address.isZero()) {
            localAddresses.lock(keys.address(), address);
        }
    }

    /** The shared table forgets keys nothing counts on any more, once a minute, on a login's way. */
    private void cleanUpNowAndThen() {
        long now = clock.millis();
        long last = lastCleanUp.get();
        if (shared != null && now - last >= 60_000 && lastCleanUp.compareAndSet(last, now)) {
            shared.forgetStale();
            known.forgetStale();
        }
    }

    private Refused refused(Limits.Keys keys, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        log.refused(keys.user(), keys.address(), seconds);
        return new Refused(seconds);
    }
}
