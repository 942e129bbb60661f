package dev.securerestapi.realm.login;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Which (user, password, stored hash) triples were verified lately, so a slow hash is paid once
 * per login rather than once per request. Only successes are remembered. An entry holds the
 * password only as an HMAC under a key made at random when the class loads, so nothing in memory
 * can be turned back into a password or tried offline; it dies after {@code ttl}, and with it whenever the stored hash
 * changes (the hash is part of the entry) or the user is gone (the realm no longer asks).
 * At most {@code maxEntries} are kept.
 */
public final class VerifiedCredentials {

    /** One random key for every cache in this class loader: a password is MACed once per request ({@link #key}). */
    private static final SecretKeySpec KEY = randomKey();
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(KEY);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    });

    /**
     * A login as the caches hold it: the user, the password as its HMAC, and the stored hash it was
     * (or is to be) checked against. Made once per request; it holds no password.
     */
    public record Key(ByteBuffer password, String user, String stored) {
        @Override
        public String toString() {
            return "Key[" + user + "]";
        }
    }

    /** The key of a login: the one place a password is MACed. */
    public static Key key(String user, String password, String stored) {
        return new Key(ByteBuffer.wrap(MAC.get().doFinal(password.getBytes(StandardCharsets.UTF_8))), user, stored);
    }

    private final Map<Key, Long> expiries = new ConcurrentHashMap<>();
    /** For each entry, the number of the {@link #remember} that made it: which came after what. */
    private final Map<Key, Long> made = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong remembered = new java.util.concurrent.atomic.AtomicLong();
    private final int maxEntries;
    private final long ttlMillis;
    private final Clock clock;

    public VerifiedCredentials(int maxEntries, Duration ttl, Clock clock) {
        this.maxEntries = maxEntries;
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
    }

    public boolean isVerified(String user, String password, String stored) {
        return isVerified(key(user, password, stored));
    }

    public boolean isVerified(Key entry) {
        Long expiry = expiries.get(entry);
        if (expiry == null) {
            return false;
        }
        if (expiry <= clock.millis()) {
            expiries.remove(entry, expiry);
            made.remove(entry);
            return false;
        }
        return true;
    }

    /** How many successes were remembered so far: a mark for {@link #verifiedAfter}. */
    public long mark() {
        return remembered.get();
    }

    /** Whether the triple was remembered after {@code mark} was taken, and is still remembered. */
    public boolean verifiedAfter(Key entry, long mark) {
        Long number = made.get(entry);
        Long expiry = expiries.get(entry);
        return number != null && number > mark && expiry != null && expiry > clock.millis();
    }

    /** Call only after the slow check succeeded. */
    public void remember(String user, String password, String stored) {
        remember(key(user, password, stored));
    }

    /**
     * Call only after the slow check succeeded. When the cache is full, the expired entries go,
     * then the oldest tenth at once: one sort per many new logins, not a scan for each (a burst
     * of first logins, such as scripts' tokens, stays cheap).
     */
    public void remember(Key entry) {
        long now = clock.millis();
        if (expiries.size() >= maxEntries) {
            synchronized (this) {
                if (expiries.size() >= maxEntries) {
                    expiries.values().removeIf(expiry -> expiry <= now);
                    int excess = expiries.size() - maxEntries + Math.max(1, maxEntries / 10);
                    if (excess > 0) {
                        expiries.entrySet().stream().sorted(Map.Entry.comparingByValue()).limit(excess).toList()
                                .forEach(oldest -> expiries.remove(oldest.getKey(), oldest.getValue()));
                    }
                    made.keySet().retainAll(expiries.keySet());
                }
            }
        }
        made.put(entry, remembered.incrementAndGet());
        expiries.put(entry, now + ttlMillis);
    }

    /** Forgets a triple that no longer verifies. */
    public void forget(Key entry) {
        expiries.remove(entry);
        made.remove(entry);
    }

    public int size() {
        return expiries.size();
    }

    private static SecretKeySpec randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretKeySpec(key, "HmacSHA256");
    }
}
