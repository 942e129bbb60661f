package dev.securerestapi.realm.hash;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.apache.commons.codec.digest.Md5Crypt;
import org.apache.commons.codec.digest.UnixCrypt;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * The old hash functions an import brought, each named by a spec that holds its parameters and
 * salt: what {@link Wrapped} computes from a password before checking the Argon2id around it. A
 * spec's hash is the string the import wrapped, so both sides must agree exactly:
 * <ul>
 * <li>{@code apr1:SALT}: Apache's {@code $apr1$SALT$...}, the whole string;
 * <li>{@code sha1}: Apache's {@code {SHA}base64};
 * <li>{@code crypt:SS}: traditional DES crypt(3), 13 characters (htpasswd {@code -d}, Jetty's {@code CRYPT:});
 * <li>{@code bcrypt:2y:COST:SALT}: bcrypt below {@link Bcrypt#MIN_COST}, the whole string;
 * <li>{@code digest:ALGORITHM:ITERATIONS:SALTHEX}: hex of a digest of salt then password, digested
 *     again ITERATIONS - 1 times (Tomcat's MessageDigestCredentialHandler; with no salt and one
 *     iteration, Jetty's {@code MD5:} and a plain hex digest);
 * <li>{@code spring:ALGORITHM:ITERATIONS:KEY}: hex of Spring Security's MessageDigestPasswordEncoder,
 *     a digest of the password followed by {@code {KEY}};
 * <li>{@code pbkdf2:ALGORITHM:ITERATIONS:BITS:SALTHEX}: hex of PBKDF2 (Tomcat's
 *     SecretKeyCredentialHandler, Spring's Pbkdf2PasswordEncoder);
 * <li>{@code scrypt:N:R:P:BYTES:SALTBASE64}: hex of scrypt (Spring's SCryptPasswordEncoder);
 * <li>{@code argon2id:M:T:P:BYTES:SALTBASE64}: hex of an Argon2id below this realm's floor (Spring's Argon2PasswordEncoder).
 * </ul>
 * The slow ones run in {@link HashSlots}, scrypt holding its memory there as Argon2id does.
 */
final class Legacy {

    private static final Pattern SPEC = Pattern.compile("apr1:[./0-9A-Za-z]{1,8}|sha1|crypt:[./0-9A-Za-z]{2}"
            + "|bcrypt:2[aby]:[0-9]{2}:[./A-Za-z0-9]{22}"
            + "|digest:(MD5|SHA-1|SHA-256|SHA-384|SHA-512):[0-9]{1,6}:([0-9a-f]{2}){0,64}"
            + "|spring:(MD5|SHA-1|SHA-256|SHA-512):[0-9]{1,6}:[^{}]{0,256}"
            + "|pbkdf2:PBKDF2WithHmacSHA(1|256|512):[0-9]{1,9}:[0-9]{2,4}:([0-9a-f]{2}){1,64}"
            + "|scrypt:[0-9]{1,8}:[0-9]{1,3}:[0-9]{1,3}:[0-9]{2}:[A-Za-z0-9+/=]{4,128}"
            + "|argon2id:[0-9]{1,8}:[0-9]{1,3}:[0-9]{1,2}:[0-9]{2}:[A-Za-z0-9+/]{11,128}");
    private static final HexFormat HEX = HexFormat.of();

    private Legacy() {}

    /** Whether {@code spec} names one of the functions here with parameters it can compute (and memory the heap can hold). */
    static boolean known(String spec) {
        if (!SPEC.matcher(spec).matches()) {
            return false;
        }
        String[] p = spec.split(":");
        return switch (p[0]) {
            case "scrypt" -> isPowerOfTwo(p[1]) && HashSlots.fits(scryptKib(p)) && Integer.parseInt(p[2]) > 0 && Integer.parseInt(p[3]) > 0;
            case "argon2id" -> HashSlots.fits(Long.parseLong(p[1])) && Integer.parseInt(p[2]) > 0 && Integer.parseInt(p[3]) > 0;
            case "digest", "spring", "pbkdf2" -> Integer.parseInt(p[2]) > 0;
            default -> true;
        };
    }

    /** What the old tool stored for {@code password} (already in NFC) under {@code spec}, a {@link #known} one. */
    static String hash(String spec, String password) {
        String[] p = spec.split(":", spec.startsWith("spring:") ? 4 : -1);
        byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
        return switch (p[0]) {
            case "apr1" -> Md5Crypt.apr1Crypt(utf8, p[1]);
            case "sha1" -> "{SHA}" + Base64.getEncoder().encodeToString(digest("SHA-1", 1, utf8));
            case "crypt" -> UnixCrypt.crypt(utf8, p[1]);
            case "bcrypt" -> HashSlots.run(0, () -> OpenBSDBCrypt.generate(p[1], password.toCharArray(), bcryptSalt(p[3]), Integer.parseInt(p[2])));
            case "digest" -> HEX.formatHex(digest(p[1], Integer.parseInt(p[2]), concat(HEX.parseHex(p[3]), utf8)));
            case "spring" -> HEX.formatHex(digest(p[1], Integer.parseInt(p[2]), (password + "{" + p[3] + "}").getBytes(StandardCharsets.UTF_8)));
            case "pbkdf2" -> HEX.formatHex(HashSlots.run(0, () -> pbkdf2(p[1], password, HEX.parseHex(p[4]), Integer.parseInt(p[2]), Integer.parseInt(p[3]))));
            case "scrypt" -> HEX.formatHex(HashSlots.run((int) scryptKib(p), () -> SCrypt.generate(utf8, Base64.getDecoder().decode(p[5]),
                    Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]), Integer.parseInt(p[4]))));
            case "argon2id" -> HEX.formatHex(new Argon2id(Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]),
                    Base64.getDecoder().decode(p[5]), new byte[Integer.parseInt(p[4])]).derive(password));
            default -> throw new IllegalArgumentException("no such old hash: " + p[0]);
        };
    }

    /**
     * About how long {@link #hash} takes for {@code spec}, in nanoseconds, from {@link Cost}'s
     * measures: scrypt as two passes over its memory, as Argon2id's pass costs; the digests and
     * crypts as nothing, next to the Argon2id around them.
     */
    static long cost(String spec) {
        String[] p = spec.split(":");
        return switch (p[0]) {
            case "bcrypt" -> (long) (Cost.BCRYPT_NANOS_PER_ROUND * (1L << Integer.parseInt(p[2])));
            case "pbkdf2" -> (long) (Cost.PBKDF2_NANOS_PER_ITERATION * Long.parseLong(p[2]) * ((Integer.parseInt(p[3]) + 255) / 256));
            case "scrypt" -> new Scrypt(Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]), new byte[0], new byte[0]).cost();
            case "argon2id" -> (long) (Cost.ARGON2_NANOS_PER_KIB_PASS * Long.parseLong(p[1]) * Long.parseLong(p[2]));
            default -> 0;
        };
    }

    private static long scryptKib(String[] p) {
        return 128L * Long.parseLong(p[1]) * Long.parseLong(p[2]) / 1024;
    }

    private static boolean isPowerOfTwo(String n) {
        long value = Long.parseLong(n);
        return value > 1 && (value & (value - 1)) == 0;
    }

    private static byte[] digest(String algorithm, int iterations, byte[] input) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            byte[] out = md.digest(input);
            for (int i = 1; i < iterations; i++) {
                out = md.digest(out);
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pbkdf2(String algorithm, String password, byte[] salt, int iterations, int bits) {
        try {
            return SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, bits)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** bcrypt's 22-character salt (its own base64 alphabet) as the 16 bytes it encodes. */
    static byte[] bcryptSalt(String encoded) {
        String alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        byte[] out = new byte[16];
        long bits = 0;
        int held = 0;
        int at = 0;
        for (int i = 0; i < encoded.length() && at < out.length; i++) {
            bits = (bits << 6) | alphabet.indexOf(encoded.charAt(i));
            held += 6;
            if (held >= 8) {
                held -= 8;
                out[at++] = (byte) (bits >> held);
            }
        }
        return out;
    }
}
