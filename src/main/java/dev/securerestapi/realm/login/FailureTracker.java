package dev.securerestapi.realm.login;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 * When every tracked key is locked, a new key's attempts go uncounted until room frees up (each
 * still costs the caller a password hash, and the other trackers still count it).
 */
final class FailureTracker implements Tracker {

    private record Entry(int failures, int running, long windowStart, long lockedUntil) {
        boolean lockedAt(long now) {
            return now < lockedUntil;
        }

        boolean staleAt(long now, long window) {
            return !lockedAt(now) && (lockedUntil != 0 || now - windowStart >= window);
        }
    }

    private final int limit;
    private final long window;
    private final int capacity;
    private final Clock clock;
    private final long waitMillis;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Told of a key whose lock ran out, when the tracker first notices (the next look at the key). */
    private volatile java.util.function.Consumer<String> onUnlock = key -> {};

    /** @param wait how long an attempt waits for a place taken by running attempts before it is refused */
    FailureTracker(int limit, Duration window, int capacity, Clock clock, Duration wait) {
        this.waitMillis = wait.toMillis();
        this.limit = limit;
        this.window = window.toMillis();
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public int limit() {
        return limit;
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
    public Duration lockedFor(String key) {
        Entry entry = entries.get(key);
        long now = clock.millis();
        if (entry != null && entry.running == 0 && entry.staleAt(now, window) && entries.remove(key, entry)) {
            // forgotten, so an idle tracker empties
            if (entry.lockedUntil != 0) {
                onUnlock.accept(key);
            }
        }
        return entry == null || !entry.lockedAt(now) ? Duration.ZERO : Duration.ofMillis(entry.lockedUntil - now);
    }

    /**
     * Takes a place for an attempt about to be checked. Null when {@code key} is locked, or when
     * its places stayed taken by running attempts for too long: the attempt must not be checked.
     */
    @Override
    public Place reserve(String key, java.util.function.BooleanSupplier verifiedMeanwhile) {
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        while (true) {
            long now = clock.millis();
            if (!entries.containsKey(key) && entries.size() >= capacity && !makeRoom(now)) {
                return new Place(key, false);
            }
            int[] outcome = new int[1]; // 1 taken, 2 locked, 0 full
            boolean[] unlocked = new boolean[1];
            entries.compute(key, (k, entry) -> {
                if (entry != null && entry.lockedAt(now)) {
                    outcome[0] = 2;
                    return entry;
                }
                unlocked[0] = entry != null && entry.lockedUntil != 0;
                Entry current = entry == null ? new Entry(0, 0, now, 0)
                        : entry.staleAt(now, window) ? new Entry(0, entry.running, now, 0) : entry;
                if (current.failures + current.running >= limit) {
                    return current;
                }
                outcome[0] = 1;
                return new Entry(current.failures, current.running + 1, current.windowStart, current.lockedUntil);
            });
            if (unlocked[0]) {
                onUnlock.accept(key);
            }
            if (outcome[0] == 1) {
                return new Place(key, true);
            }
            if (outcome[0] == 2 || System.nanoTime() > deadline) {
                return null;
            }
            if (verifiedMeanwhile.getAsBoolean()) {
                return new Place(key, false, true);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** Gives a place back: its attempt succeeded, or was never checked. */
    @Override
    public void release(Place place) {
        if (!place.counted()) {
            return;
        }
        entries.computeIfPresent(place.key(), (k, entry) -> {
            Entry next = new Entry(entry.failures, Math.max(0, entry.running - 1), entry.windowStart, entry.lockedUntil);
            return next.running == 0 && next.failures == 0 && next.lockedUntil == 0 ? null : next;
        });
    }

    /** Turns a place into a failure; returns the failures counted in the window, this one included (0 if uncounted). */
    @Override
    public int fail(Place place) {
        if (!place.counted()) {
            return 0;
        }
        long now = clock.millis();
        int[] failures = new int[1];
        entries.compute(place.key(), (k, entry) -> {
            Entry current = entry == null ? new Entry(0, 1, now, 0) : entry;
            int count = current.failures + 1;
            long lockedUntil = count >= limit && !current.lockedAt(now) ? now + window : current.lockedUntil;
            failures[0] = count;
            return new Entry(count, Math.max(0, current.running - 1), current.windowStart, lockedUntil);
        });
        return failures[0];
    }

    /** True when {@code key} is locked now; for a running attempt, that happened while it ran. */
    @Override
    public boolean locked(String key) {
        Entry entry = entries.get(key);
        return entry != null && entry.lockedAt(clock.millis());
    }

    /** Failures counted in the key's window so far. */
    int failures(String key) {
        Entry entry = entries.get(key);
        return entry == null ? 0 : entry.failures;
    }

    /** Forgets the key's failures (a success), keeping the attempts still running. */
    @Override
    public void reset(String key) {
        entries.computeIfPresent(key, (k, entry) -> entry.running == 0 ? null : new Entry(0, entry.running, clock.millis(), 0));
    }

    /** True when nothing is counted for {@code key}: no failure, no running attempt, no lock. */
    boolean idle(String key) {
        return !entries.containsKey(key);
    }

    /** Locks {@code key} for {@code duration}, as another tracker (the shared one) found it locked. */
    void lock(String key, Duration duration) {
        long now = clock.millis();
        entries.compute(key, (k, entry) -> {
            int running = entry == null ? 0 : entry.running;
            long until = Math.max(entry == null ? 0 : entry.lockedUntil, now + duration.toMillis());
            return new Entry(Math.max(limit, entry == null ? 0 : entry.failures), running, now, until);
        });
    }

    int size() {
        return entries.size();
    }

    private synchronized boolean makeRoom(long now) {
        entries.values().removeIf(e -> e.running == 0 && e.staleAt(now, window));
        if (entries.size() < capacity) {
            return true;
        }
        return entries.entrySet().stream()
                .filter(e -> !e.getValue().lockedAt(now) && e.getValue().running == 0)
                .min((a, b) -> Long.compare(a.getValue().windowStart, b.getValue().windowStart))
                .map(oldest -> entries.remove(oldest.getKey()) != null)
                .orElse(false);
    }
}
