package dev.securerestapi.realm.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import dev.securerestapi.realm.hash.Password;
import dev.securerestapi.settings.Settings;

/**
 * An Argon2id password hash (RFC 9106) in the PHC string format every Argon2 library reads and
 * writes, {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash} (salt and hash in base64 without
 * padding), computed by Bouncy Castle's pure-Java implementation. Memory-hard: each check holds
 * {@code m} KiB, which {@link HashSlots} bounds. Only version 19 (1.3) at or above
 * {@link Settings.Argon2#FLOOR} is accepted.
 */
public record Argon2id(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) implements PasswordHash {

    public static final String REQUIRED = "an Argon2id hash ($argon2id$v=19$m=..,t=..,p=..$salt$hash) of at least m="
            + Settings.Argon2.FLOOR.memoryKib() + ",t=" + Settings.Argon2.FLOOR.iterations() + ",p=" + Settings.Argon2.FLOOR.parallelism();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern FORMAT = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=([0-9]{1,10}),t=([0-9]{1,10}),p=([0-9]{1,3})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,86})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    /** The stored form, or empty if it is not this format at policy strength, or needs more memory than checks may hold. */
    public static Optional<Argon2id> parse(String stored) {
        return read(stored).filter(h -> new Settings.Argon2(h.memoryKib, h.iterations, h.parallelism).atLeastTheFloor());
    }

    /**
     * The PHC string of any Argon2id this realm can compute, below its floor too (an import
     * wraps such a hash), or empty: another format, more passes than {@link Settings.Argon2#MAX_ITERATIONS},
     * or more memory than checks may hold.
     */
    public static Optional<Argon2id> read(String stored) {
        Matcher m = FORMAT.matcher(stored);
        if (!m.matches()) {
            return Optional.empty();
        }
        long memory = Long.parseLong(m.group(1));
        long iterations = Long.parseLong(m.group(2));
        int parallelism = Integer.parseInt(m.group(3));
        if (iterations < 1 || iterations > Settings.Argon2.MAX_ITERATIONS || parallelism < 1 || memory < 8L * parallelism
                || !HashSlots.fits(memory)) {
            return Optional.empty();
        }
        try {
            byte[] salt = Base64.getDecoder().decode(m.group(4));
            byte[] hash = Base64.getDecoder().decode(m.group(5));
            if (salt.length < 8 || hash.length < 16) {
                return Optional.empty();
            }
            return Optional.of(new Argon2id((int) memory, (int) iterations, parallelism, salt, hash));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** A new hash of {@code password}, in NFC ({@link Password#normalized}), with a fresh random salt. */
    public static Argon2id of(String password, Settings.Argon2 parameters) {
        byte[] salt = PasswordHash.randomBytes(SALT_BYTES);
        Argon2id shape = new Argon2id(parameters.memoryKib(), parameters.iterations(), parameters.parallelism(), salt, new byte[HASH_BYTES]);
        return new Argon2id(shape.memoryKib, shape.iterations, shape.parallelism, salt, shape.derive(Password.normalized(password)));
    }

    /** Whether {@code password}, in NFC, is the hashed one: constant-time comparison of a hash that holds {@code m} KiB. */
    @Override
    public boolean matches(String password) {
        return MessageDigest.isEqual(hash, derive(Password.normalized(password)));
    }

    /** The hash of {@code password} (as given) with this entry's parameters and salt, in a {@link HashSlots} slot. */
    byte[] derive(String password) {
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        try {
            return HashSlots.run(memoryKib, () -> compute(secret));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** The hash of {@code secret} with this entry's parameters and salt, outside {@link HashSlots} (for {@link Cost}'s small runs). */
    byte[] compute(byte[] secret) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism).withSalt(salt).build());
        byte[] out = new byte[hash.length];
        generator.generateBytes(secret, out);
        return out;
    }

    @Override
    public Argon2id withoutMatch() {
        return new Argon2id(memoryKib, iterations, parallelism, salt, PasswordHash.randomBytes(hash.length));
    }

    @Override
    public String stored() {
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(hash);
    }

    @Override
    public String scheme() {
        return "argon2id";
    }

    @Override
    public long work() {
        return (long) memoryKib * iterations;
    }

    @Override
    public long cost() {
        return (long) (Cost.ARGON2_NANOS_PER_KIB_PASS * work());
    }

    @Override
    public boolean isCurrent(Settings.Argon2 defaults) {
        return memoryKib >= defaults.memoryKib() && iterations >= defaults.iterations() && parallelism >= defaults.parallelism();
    }

    @Override
    public String toString() {
        return "Argon2id[m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Argon2id that && memoryKib == that.memoryKib && iterations == that.iterations
                && parallelism == that.parallelism && Arrays.equals(salt, that.salt) && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(hash) + memoryKib;
    }
}
