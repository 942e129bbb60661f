package dev.securerestapi.realm.hash;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A PBKDF2-HMAC-SHA256 password hash in the format Tomcat's SecretKeyCredentialHandler stores and
 * reads, {@code saltHex$iterations$hashHex}, so one users' hash serves both containers.
 * The one place this format is read and written: the realms of both containers, the Tomcat
 * add-on and the users command ({@code hash} prints one) all go through it.
 */
public record Pbkdf2(byte[] salt, int iterations, byte[] hash) implements PasswordHash {

    public static final int ITERATIONS = 600_000;
    public static final int MIN_ITERATIONS = 600_000;
    public static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /** What a stored entry must be for anyone to log in with it, as messages say it. */
    public static final String REQUIRED = "a PBKDF2-HMAC-SHA256 hash (salt$iterations$hash) of at least " + MIN_ITERATIONS + " iterations";
    private static final Pattern FORMAT = Pattern.compile("([0-9a-f]{32,})\\$([0-9]{1,10})\\$([0-9a-f]{64})");
    private static final HexFormat HEX = HexFormat.of();

    /** The stored form, or empty if it is not this format at policy strength (never a plain password). */
    public static Optional<Pbkdf2> parse(String stored) {
        Matcher m = FORMAT.matcher(stored);
        if (!m.matches()) {
            return Optional.empty();
        }
        long iterations = Long.parseLong(m.group(2));
        if (iterations < MIN_ITERATIONS || iterations > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(new Pbkdf2(HEX.parseHex(m.group(1)), (int) iterations, HEX.parseHex(m.group(3))));
    }

    /** A new hash of {@code password}, in NFC ({@link Password#normalized}), with a fresh random salt. */
    public static Pbkdf2 of(String password) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        String normalized = Password.normalized(password);
        return new Pbkdf2(salt, ITERATIONS, HashSlots.run(0, () -> derive(normalized, salt, ITERATIONS, HASH_BYTES)));
    }

    /**
     * Whether {@code password}, in NFC, is the hashed one. Constant-time comparison; the work is the
     * PBKDF2 itself, hundreds of milliseconds by design.
     */
    @Override
    public boolean matches(String password) {
        String normalized = Password.normalized(password);
        return MessageDigest.isEqual(hash, HashSlots.run(0, () -> derive(normalized, salt, iterations, hash.length)));
    }

    @Override
    public String stored() {
        return HEX.formatHex(salt) + "$" + iterations + "$" + HEX.formatHex(hash);
    }

    @Override
    public String scheme() {
        return "pbkdf2-sha256";
    }

    @Override
    public Pbkdf2 withoutMatch() {
        return new Pbkdf2(salt, iterations, PasswordHash.randomBytes(hash.length));
    }

    @Override
    public long work() {
        return iterations;
    }

    @Override
    public long cost() {
        return (long) (Cost.PBKDF2_NANOS_PER_ITERATION * iterations);
    }

    /** Never: new hashes are Argon2id, so a PBKDF2 entry is replaced at its user's next login. */
    @Override
    public boolean isCurrent(dev.securerestapi.settings.Settings.Argon2 defaults) {
        return false;
    }

    /** The hash, outside {@link HashSlots} (for {@link Cost}'s small runs, and inside a slot). */
    static byte[] derive(String password, byte[] salt, int iterations, int bytes) {
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    @Override
    public String toString() {
        return "Pbkdf2[iterations=" + iterations + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Pbkdf2 that && iterations == that.iterations
                && Arrays.equals(salt, that.salt) && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(hash) + iterations;
    }
}
