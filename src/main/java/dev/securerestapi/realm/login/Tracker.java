package dev.securerestapi.realm.login;

import java.time.Duration;

/**
 * Failed logins and running checks per key, for one of {@link LoginThrottle}'s three limits:
 * in this instance's memory ({@link FailureTracker}), or in the database every instance shares
 * ({@link SharedFailureTracker}). An attempt takes a place ({@link #reserve}) before its password
 * is checked and either gives it back ({@link #release}) or turns it into a failure ({@link #fail}).
 */
interface Tracker {

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

    int limit();

    /** How long {@code key} stays locked, or zero. */
    Duration lockedFor(String key);

    /** The failures counted for {@code key} now (0 when it is not tracked, or cannot be read). */
    int failures(String key);

    /** Zero while a key not tracked yet can be; else how long until there is room for one (see {@link FailureTracker}). */
    default Duration untilRoom() {
        return Duration.ZERO;
    }

    /**
     * Takes a place for an attempt about to be checked. Null when {@code key} is locked, or when
     * its places stayed taken by running attempts for too long: the attempt must not be checked.
     * While it waits, {@code verifiedMeanwhile} is asked whether another check has just verified
     * the same password; if so it stops waiting with a {@link Place#bypassed} place.
     */
    Place reserve(String key, java.util.function.BooleanSupplier verifiedMeanwhile);

    default Place reserve(String key) {
        return reserve(key, () -> false);
    }

    /** Gives a place back: its attempt succeeded, or was never checked. */
    void release(Place place);

    /** Turns a place into a failure; returns the failures counted in the window, this one included (0 if uncounted). */
    int fail(Place place);

    /** True when {@code key} is locked now; for a running attempt, that happened while it ran. */
    boolean locked(String key);

    /** Forgets the key's failures (a success), keeping the attempts still running. */
    void reset(String key);
}
