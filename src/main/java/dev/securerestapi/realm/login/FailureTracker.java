package dev.securerestapi.realm.login;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login attempts per key within a window, counted before the password is checked: an attempt
 * takes a place ({@link #reserve}) and gives it back when it succeeds ({@link #release}), so
 * that parallel guesses cannot all pass the check while the slow hash runs. The attempt that
 * takes the {@code limit}-th place within {@code window} of the first still runs; the key is
 * then locked for {@code window}, and every later one is refused without a hash.
 *
 * <p>Holds at most {@code capacity} keys (plus those being added by requests in flight). When
 * full, keys whose window has passed go first, then the unlocked key whose window began longest
 * ago; a locked key is never dropped to make room, so a flood of new keys cannot unlock anyone.
 * When every tracked key is locked, a new key's attempts go uncounted until room frees up (each
 * still costs the caller a password hash, and the other trackers still count it).
 */
final class FailureTracker {

    /**
     * @param count places taken in the window: failures, and attempts still running
     * @param lockedBy the place whose taking locked the key (0: not locked)
     */
    private record Entry(int count, long windowStart, long lockedUntil, int lockedBy) {
        boolean lockedAt(long now) {
            return now < lockedUntil;
        }

        boolean staleAt(long now, long window) {
            return !lockedAt(now) && (lockedUntil != 0 || now - windowStart >= window);
        }
    }

    /** A place taken by one attempt: {@code place} 0 when the tracker had no room to count it. */
    record Place(String key, long windowStart, int place) {}

    private final int limit;
    private final long window;
    private final int capacity;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    FailureTracker(int limit, Duration window, int capacity, Clock clock) {
        this.limit = limit;
        this.window = window.toMillis();
        this.capacity = capacity;
        this.clock = clock;
    }

    int limit() {
        return limit;
    }

    /** How long {@code key} stays locked, or zero. */
    Duration lockedFor(String key) {
        Entry entry = entries.get(key);
        long now = clock.millis();
        if (entry != null && entry.staleAt(now, window)) {
            entries.remove(key, entry); // forgotten, so an idle tracker empties and lookups are skipped
        }
        return entry == null || !entry.lockedAt(now) ? Duration.ZERO : Duration.ofMillis(entry.lockedUntil - now);
    }

    /**
     * Takes a place for an attempt about to be checked, or returns null when {@code key} is locked
     * (the attempt must not be checked).
     */
    Place reserve(String key) {
        long now = clock.millis();
        if (!entries.containsKey(key) && entries.size() >= capacity && !makeRoom(now)) {
            return new Place(key, now, 0);
        }
        Place[] taken = new Place[1];
        entries.compute(key, (k, entry) -> {
            if (entry != null && entry.lockedAt(now)) {
                return entry;
            }
            Entry next = entry == null || entry.staleAt(now, window)
                    ? new Entry(1, now, 0, 0)
                    : new Entry(entry.count + 1, entry.windowStart, entry.lockedUntil, entry.lockedBy);
            if (next.count >= limit) {
                next = new Entry(next.count, next.windowStart, now + window, next.count);
            }
            taken[0] = new Place(k, next.windowStart, next.count);
            return next;
        });
        return taken[0];
    }

    /**
     * Gives a place back: its attempt succeeded, or was never checked. A lock that this very
     * place brought about is lifted with it.
     */
    void release(Place place) {
        if (place.place() == 0) {
            return;
        }
        entries.computeIfPresent(place.key(), (k, entry) -> {
            if (entry.windowStart != place.windowStart()) {
                return entry;
            }
            boolean ownLock = entry.lockedBy == place.place();
            int count = Math.max(0, entry.count - 1);
            if (count == 0 && (ownLock || entry.lockedUntil == 0)) {
                return null;
            }
            return ownLock ? new Entry(count, entry.windowStart, 0, 0) : new Entry(count, entry.windowStart, entry.lockedUntil, entry.lockedBy);
        });
    }

    /** True when {@code key} was locked by another attempt since {@code place} was taken. */
    boolean lockedSince(Place place) {
        Entry entry = entries.get(place.key());
        return entry != null && entry.lockedAt(clock.millis()) && entry.lockedBy != place.place();
    }

    /** Counts of the key's window so far (failures and attempts running). */
    int count(String key) {
        Entry entry = entries.get(key);
        return entry == null ? 0 : entry.count;
    }

    void reset(String key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }

    private synchronized boolean makeRoom(long now) {
        entries.values().removeIf(e -> e.staleAt(now, window));
        if (entries.size() < capacity) {
            return true;
        }
        return entries.entrySet().stream()
                .filter(e -> !e.getValue().lockedAt(now))
                .min((a, b) -> Long.compare(a.getValue().windowStart, b.getValue().windowStart))
                .map(oldest -> entries.remove(oldest.getKey()) != null)
                .orElse(false);
    }
}
