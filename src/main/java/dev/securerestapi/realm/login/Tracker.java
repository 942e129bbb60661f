package dev.securerestapi.realm.login;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Failed logins and running checks per key, for one of {@link LoginThrottle}'s three limits:
 * in this instance's memory ({@link FailureTracker}), or in the database every instance shares
 * ({@link SharedFailureTracker}). An attempt takes a place ({@link #reserve}) before its password
 * is checked and either gives it back ({@link #release}) or turns it into a failure ({@link #fail}).
 * Both wait for a place the same way ({@link #reserve}); each tries for one in its own store
 * ({@link #tryReserve}).
 */
abstract sealed class Tracker permits FailureTracker, SharedFailureTracker {

    /**
     * A place taken by one attempt; {@code counted} false when the tracker could not count the key.
     * {@code bypassed}: the attempt needs none, since while it waited for one its password was
     * verified by a check that held one ({@link #reserve}'s {@code verifiedMeanwhile}).
     */
    record Place(String key, boolean counted, boolean bypassed) {
        Place(String key, boolean counted) {
            this(key, counted, false);
        }
    }

    /**
     * One key's count, and the rules both trackers apply to it: {@code failures} within the window
     * that began at {@code windowStart}, checks {@code running}, and the end of its lock (0: none).
     */
    record Count(int failures, int running, long windowStart, long lockedUntil) {
        boolean lockedAt(long now) {
            return now < lockedUntil;
        }

        /** A lock that ran out, or a window that passed: the count starts again. */
        boolean staleAt(long now, long window) {
            return !lockedAt(now) && (lockedUntil != 0 || now - windowStart >= window);
        }

        /** The count as it stands at {@code now}: afresh once stale, keeping the checks still running. */
        Count at(long now, long window) {
            return staleAt(now, window) ? new Count(0, running, now, 0) : this;
        }

        /** Failures and running checks fill the limit: a new attempt waits for a place. */
        boolean full(int limit) {
            return failures + running >= limit;
        }

        Count taken() {
            return new Count(failures, running + 1, windowStart, lockedUntil);
        }

        Count released() {
            return new Count(failures, Math.max(0, running - 1), windowStart, lockedUntil);
        }

        /** A running check failed; the {@code limit}-th failure of the window locks the key for {@code window}. */
        Count failed(long now, int limit, long window) {
            int count = failures + 1;
            return new Count(count, Math.max(0, running - 1), windowStart, count >= limit && !lockedAt(now) ? now + window : lockedUntil);
        }
    }

    /** What one try at a place for a key found. */
    enum Try {
        TAKEN,
        /** The tracker could not count the key (the shared database did not answer): a place it does not hold. */
        UNCOUNTED,
        /** The key is locked, or cannot be tracked: the attempt must not be checked. */
        REFUSED,
        /** Failures and running checks fill the limit: wait for a place. */
        FULL,
        /** Another instance added the key meanwhile: try again at once. */
        RACED
    }

    final int limit;
    /** Milliseconds a window of failures, and the lock it ends in, last. */
    final long window;
    final Clock clock;
    private final long waitMillis;
    private final long pollMillis;

    /**
     * @param wait how long an attempt waits for a place held by running attempts before it is refused
     * @param poll how long it sleeps between tries meanwhile
     */
    Tracker(int limit, Duration window, Clock clock, Duration wait, Duration poll) {
        this.limit = limit;
        this.window = window.toMillis();
        this.clock = clock;
        this.waitMillis = wait.toMillis();
        this.pollMillis = poll.toMillis();
    }

    final int limit() {
        return limit;
    }

    /** How long {@code key} stays locked, or zero. */
    abstract Duration lockedFor(String key);

    /** The failures counted for {@code key} now (0 when it is not tracked, or cannot be read). */
    abstract int failures(String key);

    /** Zero while a key not tracked yet can be; else how long until there is room for one (see {@link FailureTracker}). */
    Duration untilRoom() {
        return Duration.ZERO;
    }

    /**
     * Takes a place for an attempt about to be checked. Null when {@code key} is locked, or when
     * its places stayed taken by running attempts for too long: the attempt must not be checked.
     * While it waits, {@code verifiedMeanwhile} is asked whether another check has just verified
     * the same password; if so it stops waiting with a {@link Place#bypassed} place.
     */
    final Place reserve(String key, BooleanSupplier verifiedMeanwhile) {
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        while (true) {
            Try tried = tryReserve(key);
            if (tried == Try.TAKEN || tried == Try.UNCOUNTED) {
                return new Place(key, tried == Try.TAKEN);
            }
            if (tried == Try.REFUSED || (tried == Try.FULL && System.nanoTime() > deadline)) {
                return null;
            }
            if (tried == Try.FULL) {
                if (verifiedMeanwhile.getAsBoolean()) {
                    return new Place(key, false, true);
                }
                try {
                    Thread.sleep(pollMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
    }

    final Place reserve(String key) {
        return reserve(key, () -> false);
    }

    /** One try at a place for {@code key}, without waiting. */
    abstract Try tryReserve(String key);

    /** Gives a place back: its attempt succeeded, or was never checked. */
    abstract void release(Place place);

    /** Turns a place into a failure; returns the failures counted in the window, this one included (0 if uncounted). */
    abstract int fail(Place place);

    /** True when {@code key} is locked now; for a running attempt, that happened while it ran. */
    boolean locked(String key) {
        return !lockedFor(key).isZero();
    }

    /** Forgets the key's failures (a success), keeping the attempts still running. */
    abstract void reset(String key);

    /** Forgets the keys nothing counts on any more: no lock, window over, no check running. Memory does so as it goes. */
    void forgetStale() {}
}
