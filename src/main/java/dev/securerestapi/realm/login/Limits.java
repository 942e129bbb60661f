package dev.securerestapi.realm.login;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * {@link LoginThrottle}'s three limits in one place: this instance's memory, or the database every
 * instance shares. Each login counts under three keys ({@link Keys}); an attempt holds a place
 * under each ({@link Places}) while its password is checked; a failure turns them into counts
 * ({@link Counts}). The name-wide limit does not hold back a client that logged in as the name
 * lately ({@link KnownClients}).
 */
final class Limits {

    /** What one login counts under: the name and the client's network, the name, the client's address. */
    record Keys(String user, String pair, String name, String address) {}

    /** The places one attempt holds; {@code name} null when the name-wide limit let a known client by uncounted. */
    record Places(Tracker.Place pair, Tracker.Place name, Tracker.Place address) {
        boolean bypassed() {
            return pair.bypassed() || (name != null && name.bypassed()) || (address != null && address.bypassed());
        }
    }

    /** The failures counted for each key when an attempt failed (0 where it held no place, or could not be counted). */
    record Counts(int pair, int name, int address) {
        boolean any() {
            return pair + name + address > 0;
        }
    }

    final Tracker pairs;
    final Tracker names;
    final Tracker addresses;
    /** Whether these are the counts every instance goes by (the database's), not this instance's alone. */
    final boolean shared;
    private final KnownClients known;

    Limits(Tracker pairs, Tracker names, Tracker addresses, boolean shared, KnownClients known) {
        this.pairs = pairs;
        this.names = names;
        this.addresses = addresses;
        this.shared = shared;
        this.known = known;
    }

    /**
     * Takes a place under each key, in order: pair, name, address. Null when a key is locked or has
     * no room (nothing stays held then). A place the tracker {@link Tracker.Place#bypassed}, since
     * the password was verified while the attempt waited, stops the taking there.
     */
    Places take(Keys keys, BooleanSupplier verifiedMeanwhile) {
        Tracker.Place pair = pairs.reserve(keys.pair(), verifiedMeanwhile);
        if (pair == null) {
            return null;
        }
        if (pair.bypassed()) {
            return new Places(pair, null, null);
        }
        Tracker.Place name = names.reserve(keys.name(), verifiedMeanwhile);
        if (name == null && !exempt(keys)) {
            pairs.release(pair);
            return null;
        }
        if (name != null && name.bypassed()) {
            return new Places(pair, name, null);
        }
        Tracker.Place address = addresses.reserve(keys.address(), verifiedMeanwhile);
        if (address == null) {
            release(new Places(pair, name, null));
            return null;
        }
        return new Places(pair, name, address);
    }

    void release(Places places) {
        pairs.release(places.pair());
        if (places.name() != null) {
            names.release(places.name());
        }
        if (places.address() != null) {
            addresses.release(places.address());
        }
    }

    /** Turns the places into failures; a missing place (a key that was locked when it was asked for) counts 0. */
    Counts fail(Places places) {
        return new Counts(places.pair() == null ? 0 : pairs.fail(places.pair()), places.name() == null ? 0 : names.fail(places.name()),
                places.address() == null ? 0 : addresses.fail(places.address()));
    }

    /** How long a login under {@code keys} stays refused here: the longest of its three locks. */
    Duration lockedFor(Keys keys) {
        return max(nameLockedFor(keys), addresses.lockedFor(keys.address()));
    }

    /** How long a right password stays refused here: the pair's lock, or the name's unless the client is known. */
    Duration nameLockedFor(Keys keys) {
        return max(pairs.lockedFor(keys.pair()), nameWideLockedFor(keys));
    }

    /** How long the name-wide lock refuses this client: not at all when it logged in as the name lately. */
    Duration nameWideLockedFor(Keys keys) {
        Duration locked = names.lockedFor(keys.name());
        return locked.isZero() || !known.known(keys.pair()) ? locked : Duration.ZERO; // asks who is known only of a locked name
    }

    /** Whether a right password must be refused now: its name locked (for this client) while it was checked. */
    boolean nameLockedNow(Keys keys) {
        return pairs.locked(keys.pair()) || (names.locked(keys.name()) && !known.known(keys.pair()));
    }

    /** Zero while new keys can be tracked; else how long until there is room for one. */
    Duration untilRoom() {
        return max(max(pairs.untilRoom(), names.untilRoom()), addresses.untilRoom());
    }

    /** Forgets the keys nothing counts on any more (the shared table's; memory forgets them as it goes). */
    void forgetStale() {
        pairs.forgetStale();
        names.forgetStale();
        addresses.forgetStale();
    }

    /** A client that logged in as the name lately passes its name-wide lock, uncounted there. */
    private boolean exempt(Keys keys) {
        return !names.lockedFor(keys.name()).isZero() && known.known(keys.pair());
    }

    static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
