package dev.securerestapi.realm.login;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per key within a window: the {@code limit}-th failure within {@code window} of the
 * first locks the key for {@code window}. Holds at most {@code capacity} keys. When full, keys
 * whose window has passed go first, then the unlocked key whose window began longest ago; a locked
 * key is never dropped to make room, so a flood of new keys cannot unlock anyone. When every
 * tracked key is locked, a new key's failures go uncounted until room frees up (each failure
 * still costs the caller a password hash, and the other tracker still counts it).
 */
final class FailureTracker {

    private record Entry(int failures, long windowStart, long lockedUntil) {
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
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    FailureTracker(int limit, Duration window, int capacity, Clock clock) {
        this.limit = limit;
        this.window = window.toMillis();
        this.capacity = capacity;
        this.clock = clock;
    }

    /** How long {@code key} stays locked, or zero. Cheap: called on every request with credentials. */
    Duration lockedFor(String key) {
        Entry entry = entries.get(key);
        long now = clock.millis();
        if (entry != null && entry.staleAt(now, window)) {
            entries.remove(key, entry); // forgotten, so an idle tracker empties and lookups are skipped
        }
        return entry == null || !entry.lockedAt(now) ? Duration.ZERO : Duration.ofMillis(entry.lockedUntil - now);
    }

    /**
     * Counts a failure; returns the failures counted in the current window, this one included
     * (zero when the tracker had no room for the key).
     */
    synchronized int failed(String key) {
        long now = clock.millis();
        Entry entry = entries.get(key);
        if (entry == null && entries.size() >= capacity && !makeRoom(now)) {
            return 0;
        }
        Entry next = entry == null || entry.staleAt(now, window)
                ? new Entry(1, now, 0)
                : new Entry(entry.failures + 1, entry.windowStart, entry.lockedUntil);
        if (next.failures >= limit && !next.lockedAt(now)) {
            next = new Entry(next.failures, next.windowStart, now + window);
        }
        entries.put(key, next);
        return next.failures;
    }

    void reset(String key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }

    private boolean makeRoom(long now) {
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
