package dev.securerestapi.realm;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collection;
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
public record Pbkdf2(byte[] salt, int iterations, byte[] hash) {

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

    /** The log line for a realm entry in any other format: names the user, never the entry. */
    public static String unusableEntry(String user) {
        return "Realm secure-rest-api: the entry for user '" + RealmEntry.printable(user) + "' is not " + REQUIRED + "; that user cannot log in";
    }

    /**
     * What a login for a name the realm does not hold is checked against: a hash no password
     * matches (random bytes), as slow as the slowest of {@code stored}, and never faster than a
     * new entry. A failed login then costs the same whether the name exists or not. Its salt is
     * all zeros, so that a credential handler that sees only the stored string (Tomcat's) can tell
     * the login's outcome apart for the metrics ({@link #standsForNoUser}); it never leaves the server.
     */
    public static Pbkdf2 unknownUser(Collection<String> stored) {
        int slowest = stored.stream().map(Pbkdf2::parse).flatMap(Optional::stream)
                .mapToInt(Pbkdf2::iterations).max().orElse(ITERATIONS);
        byte[] hash = new byte[HASH_BYTES];
        new SecureRandom().nextBytes(hash);
        return new Pbkdf2(new byte[SALT_BYTES], Math.max(slowest, ITERATIONS), hash);
    }

    /** Whether {@code stored} is an {@link #unknownUser} hash: a login checked against it named no user. */
    public static boolean standsForNoUser(String stored) {
        return stored.startsWith(NO_USER_SALT);
    }

    private static final String NO_USER_SALT = "0".repeat(SALT_BYTES * 2) + "$";

    /** A new hash of {@code password}, in NFC ({@link Password#normalized}), with a fresh random salt. */
    public static Pbkdf2 of(String password) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return new Pbkdf2(salt, ITERATIONS, derive(Password.normalized(password), salt, ITERATIONS, HASH_BYTES));
    }

    /**
     * Whether {@code password}, in NFC, is the hashed one. Constant-time comparison; the work is the
     * PBKDF2 itself, hundreds of milliseconds by design.
     */
    public boolean matches(String password) {
        return MessageDigest.isEqual(hash, derive(Password.normalized(password), salt, iterations, hash.length));
    }

    public String stored() {
        return HEX.formatHex(salt) + "$" + iterations + "$" + HEX.formatHex(hash);
    }

    private static byte[] derive(String password, byte[] salt, int iterations, int bytes) {
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
