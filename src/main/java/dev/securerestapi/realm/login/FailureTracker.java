package dev.securerestapi.realm.login;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Failed logins per key within a window, with the attempts still being checked counted beside
 * them: an attempt takes a place ({@link #reserve}) before its password is checked, and either
 * gives it back ({@link #release}, it succeeded) or turns it into a failure ({@link #fail}). While
 * failures and running attempts together fill the {@code limit}, a new attempt waits briefly for a
 * place instead of being checked beside them, so parallel guesses cannot all pass while the slow
 * hashes run; a client's own parallel requests, whose checks take microseconds once verified, wait
 * for microseconds. The {@code limit}-th failure within {@code window} of the first locks the key
 * for {@code window}.
 *
 * <p>Holds at most {@code capacity} keys (plus those being added by requests in flight). When
 * full, keys whose window has passed go first, then the unlocked key whose window began longest
 * ago; a locked key is never dropped to make room, so a flood of new keys cannot unlock anyone.
 * When every tracked key is locked (or being checked), a new key's attempts are refused until room
 * frees up, as if it were locked until the first lock ends: never checked uncounted. Logins an
 * instance verified lately take no place, so they go on; the log says so at most once a minute.
 */
final class FailureTracker extends Tracker {

    private static final Logger LOG = Logger.getLogger(FailureTracker.class.getName());

    private final int capacity;
    private final Map<String, Count> entries = new ConcurrentHashMap<>();
    /** Told of a key whose lock ran out, when the tracker first notices (the next look at the key). */
    private volatile java.util.function.Consumer<String> onUnlock = key -> {};

    /** @param wait how long an attempt waits for a place taken by running attempts before it is refused */
    FailureTracker(int limit, Duration window, int capacity, Clock clock, Duration wait) {
        super(limit, window, clock, wait, Duration.ofMillis(1));
        this.capacity = capacity;
    }

    void onUnlock(java.util.function.Consumer<String> listener) {
        onUnlock = listener;
    }

    /** Keys locked now. */
    long lockedNow() {
        long now = clock.millis();
        return entries.values().stream().filter(e -> e.lockedAt(now)).count();
    }

    /** How long {@code key} stays locked, or zero. */
    @Override
    Duration lockedFor(String key) {
        Count entry = entries.get(key);
        long now = clock.millis();
        if (entry != null && entry.running() == 0 && entry.staleAt(now, window) && entries.remove(key, entry)) {
            // forgotten, so an idle tracker empties
            if (entry.lockedUntil() != 0) {
                onUnlock.accept(key);
            }
        }
        return entry == null || !entry.lockedAt(now) ? Duration.ZERO : Duration.ofMillis(entry.lockedUntil() - now);
    }

    @Override
    Try tryReserve(String key) {
        long now = clock.millis();
        if (!entries.containsKey(key) && entries.size() >= capacity && !makeRoom(now)) {
            full();
            return Try.REFUSED; // an uncounted check would be a free guess
        }
        Try[] tried = {Try.FULL};
        boolean[] unlocked = new boolean[1];
        entries.compute(key, (k, entry) -> {
            if (entry != null && entry.lockedAt(now)) {
                tried[0] = Try.REFUSED;
                return entry;
            }
            unlocked[0] = entry != null && entry.lockedUntil() != 0;
            Count current = entry == null ? new Count(0, 0, now, 0) : entry.at(now, window);
            if (current.full(limit)) {
                return current;
            }
            tried[0] = Try.TAKEN;
            return current.taken();
        });
        if (unlocked[0]) {
            onUnlock.accept(key);
        }
        return tried[0];
    }

    /** Gives a place back: its attempt succeeded, or was never checked. */
    @Override
    void release(Place place) {
        if (!place.counted()) {
            return;
        }
        entries.computeIfPresent(place.key(), (k, entry) -> {
            Count next = entry.released();
            return next.equals(new Count(0, 0, next.windowStart(), 0)) ? null : next;
        });
    }

    /** Turns a place into a failure; returns the failures counted in the window, this one included (0 if uncounted). */
    @Override
    int fail(Place place) {
        if (!place.counted()) {
            return 0;
        }
        long now = clock.millis();
        int[] failures = new int[1];
        entries.compute(place.key(), (k, entry) -> {
            Count next = (entry == null ? new Count(0, 1, now, 0) : entry.at(now, window)).failed(now, limit, window);
            failures[0] = next.failures();
            return next;
        });
        return failures[0];
    }

    /** True when {@code key} is locked now; for a running attempt, that happened while it ran. */
    @Override
    boolean locked(String key) {
        Count entry = entries.get(key);
        return entry != null && entry.lockedAt(clock.millis());
    }

    /** Failures counted in the key's window so far. */
    @Override
    int failures(String key) {
        Count entry = entries.get(key);
        return entry == null ? 0 : entry.failures();
    }

    /** Forgets the key's failures (a success), keeping the attempts still running. */
    @Override
    void reset(String key) {
        entries.computeIfPresent(key, (k, entry) -> entry.running() == 0 ? null : new Count(0, entry.running(), clock.millis(), 0));
    }

    /** True when nothing is counted for {@code key}: no failure, no running attempt, no lock. */
    boolean idle(String key) {
        return !entries.containsKey(key);
    }

    /** Locks {@code key} for {@code duration}, as another tracker (the shared one) found it locked. */
    void lock(String key, Duration duration) {
        long now = clock.millis();
        entries.compute(key, (k, entry) -> {
            Count current = entry == null ? new Count(0, 0, now, 0) : entry;
            return new Count(Math.max(limit, current.failures()), current.running(), now, Math.max(current.lockedUntil(), now + duration.toMillis()));
        });
    }

    int size() {
        return entries.size();
    }

    /**
     * For a key not tracked: zero while there is or can be room for it, else how long until the
     * first lock ends (a key being checked frees up sooner: then a second).
     */
    @Override
    Duration untilRoom() {
        long now = clock.millis();
        if (entries.size() < capacity) {
            return Duration.ZERO;
        }
        long first = Long.MAX_VALUE;
        for (Count e : entries.values()) {
            if (!e.lockedAt(now)) {
                if (e.running() == 0) {
                    return Duration.ZERO; // stale or unlocked: makeRoom drops it
                }
                first = Math.min(first, now + 1_000);
            } else {
                first = Math.min(first, e.lockedUntil());
            }
        }
        return first == Long.MAX_VALUE ? Duration.ZERO : Duration.ofMillis(first - now);
    }

    private final NowAndThen fullLogged = new NowAndThen(Duration.ofMinutes(1));

    private void full() {
        if (fullLogged.due()) {
            LOG.warning("Login throttle: all " + capacity + " keys it tracks are locked; logins for a name or address it does not"
                    + " track yet are refused until a lock ends (lockout.tracked; logged at most once a minute)");
        }
    }

    private synchronized boolean makeRoom(long now) {
        entries.values().removeIf(e -> e.running() == 0 && e.staleAt(now, window));
        if (entries.size() < capacity) {
            return true;
        }
        return entries.entrySet().stream()
                .filter(e -> !e.getValue().lockedAt(now) && e.getValue().running() == 0)
                .min((a, b) -> Long.compare(a.getValue().windowStart(), b.getValue().windowStart()))
                .map(oldest -> entries.remove(oldest.getKey()) != null)
                .orElse(false);
    }
}
