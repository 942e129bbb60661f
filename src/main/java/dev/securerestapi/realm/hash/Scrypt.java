package dev.securerestapi.realm.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.SCrypt;

import dev.securerestapi.settings.Settings;

/**
 * An scrypt hash (RFC 7914) as Spring Security's SCryptPasswordEncoder writes it after its
 * {@code {scrypt}} id, {@code $PARAMS$SALT$KEY} (PARAMS hex of log2(N) << 16 | r << 8 | p, salt
 * and key in base64), at or above OWASP's minimum (N = 2^17, r = 8, p = 1): imported users keep it
 * and log in with it until their next login stores Argon2id instead. Below that minimum an import
 * wraps it ({@link Wrapped}). Computed by Bouncy Castle; each check holds 128 * N * r bytes, which
 * {@link HashSlots} bounds.
 */
public record Scrypt(int n, int r, int p, byte[] salt, byte[] key) implements PasswordHash {

    /** OWASP's minimum: N = 2^17 (128 MiB with r = 8), r = 8, p = 1. */
    public static final int MIN_N = 1 << 17;
    public static final int MIN_R = 8;
    private static final Pattern FORMAT = Pattern.compile("\\$([0-9a-f]{1,8})\\$([A-Za-z0-9+/]{16,128}={0,2})\\$([A-Za-z0-9+/]{16,128}={0,2})");

    /** The hash, or empty if it is not this format at OWASP's minimum, or needs more memory than checks may hold. */
    public static Optional<Scrypt> parse(String stored) {
        return read(stored).filter(h -> h.n >= MIN_N && h.r >= MIN_R);
    }

    /** The hash at any parameters this realm can compute (an import wraps one below the minimum), or empty. */
    public static Optional<Scrypt> read(String stored) {
        Matcher m = FORMAT.matcher(stored);
        if (!m.matches()) {
            return Optional.empty();
        }
        long params = Long.parseLong(m.group(1), 16);
        int log2n = (int) (params >> 16 & 0xff);
        int r = (int) (params >> 8 & 0xff);
        int p = (int) (params & 0xff);
        if (log2n < 1 || log2n > 24 || r < 1 || r > 32 || p < 1 || p > 16 || !HashSlots.fits(memoryKib(1 << log2n, r))) {
            return Optional.empty();
        }
        try {
            byte[] salt = Base64.getDecoder().decode(m.group(2));
            byte[] key = Base64.getDecoder().decode(m.group(3));
            return salt.length < 8 || key.length < 16 ? Optional.empty() : Optional.of(new Scrypt(1 << log2n, r, p, salt, key));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static long memoryKib(long n, int r) {
        return 128L * n * r / 1024;
    }

    @Override
    public boolean matches(String password) {
        byte[] secret = Password.normalized(password).getBytes(StandardCharsets.UTF_8);
        try {
            return MessageDigest.isEqual(key, HashSlots.run((int) memoryKib(n, r), () -> SCrypt.generate(secret, salt, n, r, p, key.length)));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    @Override
    public String stored() {
        long params = (long) Integer.numberOfTrailingZeros(n) << 16 | (long) r << 8 | p;
        return "$" + Long.toHexString(params) + "$" + Base64.getEncoder().encodeToString(salt) + "$" + Base64.getEncoder().encodeToString(key);
    }

    @Override
    public String scheme() {
        return "scrypt";
    }

    @Override
    public long work() {
        return memoryKib(n, r) * p;
    }

    /** Two passes over its memory, as an Argon2id pass over as much costs ({@link Cost}). */
    @Override
    public long cost() {
        return (long) (Cost.ARGON2_NANOS_PER_KIB_PASS * 2 * work());
    }

    @Override
    public Scrypt withoutMatch() {
        return new Scrypt(n, r, p, salt, PasswordHash.randomBytes(key.length));
    }

    /** Never: imported, and replaced by Argon2id at the user's next login. */
    @Override
    public boolean isCurrent(Settings.Argon2 defaults) {
        return false;
    }

    @Override
    public String toString() {
        return "Scrypt[N=" + n + ",r=" + r + ",p=" + p + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Scrypt that && n == that.n && r == that.r && p == that.p && Arrays.equals(salt, that.salt)
                && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + n;
    }
}
