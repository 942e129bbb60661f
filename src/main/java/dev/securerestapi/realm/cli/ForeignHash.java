package dev.securerestapi.realm.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.securerestapi.realm.hash.Argon2id;
import dev.securerestapi.realm.hash.Bcrypt;
import dev.securerestapi.realm.hash.PasswordHash;
import dev.securerestapi.realm.hash.Pbkdf2;
import dev.securerestapi.realm.hash.Scrypt;
import dev.securerestapi.realm.hash.Wrapped;
import dev.securerestapi.settings.Settings;

/**
 * What {@code users import} stores for a password entry another tool wrote: a strong hash as it is
 * (Argon2id at this realm's floor, PBKDF2-SHA256 at its policy, bcrypt of cost
 * {@link Bcrypt#MIN_COST} or more, scrypt at OWASP's minimum), a weak one wrapped in Argon2id ({@link Wrapped}), a password
 * kept readable ({@code {noop}}, Jetty's {@code OBF:}, Tomcat's plain passwords) simply hashed.
 * It reads Apache htpasswd's hashes, Spring Security's delegating {@code {id}} ones, Jetty's
 * {@code MD5:} and {@code CRYPT:}, and the digests Tomcat's credential handlers and
 * {@code digest.sh} write ({@code --digest} names their algorithm, which the file does not say).
 */
final class ForeignHash {

    /**
     * What the entries do not say of themselves.
     *
     * @param digest Tomcat's credential handler algorithm for bare digests ({@code MD5}, {@code SHA-256},
     *        {@code PBKDF2WithHmacSHA512}, ...), or {@code plain} for passwords kept as they are; null if not given
     * @param pbkdf2 Spring's Pbkdf2PasswordEncoder parameters, {@code ALGORITHM:ITERATIONS:SALT_BYTES}; null if not given
     */
    record Options(String digest, String pbkdf2) {}

    /** An entry this command does not import, and why (never quoting the hash). */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String why) {
            super(why, null, false, false);
        }
    }

    private static final Pattern SPRING = Pattern.compile("\\{(noop|bcrypt|argon2|scrypt|pbkdf2|MD5|SHA-1|SHA-256)\\}(.*)", Pattern.DOTALL);
    private static final Pattern BCRYPT = Pattern.compile("\\$(2[aby])\\$([0-9]{2})\\$([./A-Za-z0-9]{22})[./A-Za-z0-9]{31}");
    private static final Pattern APR1 = Pattern.compile("\\$apr1\\$([./0-9A-Za-z]{1,8})\\$[./0-9A-Za-z]{22}");
    private static final Pattern SHA = Pattern.compile("\\{SHA\\}[A-Za-z0-9+/]{27}=");
    private static final Pattern DES_CRYPT = Pattern.compile("[./0-9A-Za-z]{13}");
    private static final Pattern SPRING_DIGEST = Pattern.compile("(?:\\{([^{}]{0,256})\\})?((?:[0-9a-f]{2}){16,64})");
    private static final Pattern TOMCAT_DIGEST = Pattern.compile("(?:((?:[0-9a-f]{2}){0,64})\\$([0-9]{1,9})\\$)?((?:[0-9a-f]{2}){16,64})");
    private static final Pattern DIGESTS = Pattern.compile("MD5|SHA-1|SHA-256|SHA-384|SHA-512");
    private static final Pattern PBKDF2 = Pattern.compile("PBKDF2WithHmacSHA(1|256|512)");
    private static final HexFormat HEX = HexFormat.of();

    private ForeignHash() {}

    /** What becomes of a password the file kept readable: the users command checks it against the policy first. */
    @FunctionalInterface
    interface Plain {
        PasswordHash hash(String password) throws Unreadable;
    }

    /**
     * The hash to store for {@code foreign}, made with {@code parameters} where it is new, and by
     * {@code plain} where the file kept the password readable. @throws Unreadable for anything else
     */
    static PasswordHash read(String foreign, Options options, Settings.Argon2 parameters, Plain plain) throws Unreadable {
        if ("plain".equals(options.digest())) {
            return plain.hash(foreign);
        }
        Matcher spring = SPRING.matcher(foreign);
        if (spring.matches()) {
            String rest = spring.group(2);
            return switch (spring.group(1)) {
                case "noop" -> plain.hash(rest);
                case "bcrypt" -> bcrypt(rest, parameters).orElseThrow(() -> new Unreadable("{bcrypt} holds no bcrypt hash"));
                case "argon2" -> argon2(rest, parameters).orElseThrow(() -> new Unreadable("{argon2} holds no Argon2id hash"));
                case "scrypt" -> scrypt(rest, parameters);
                case "pbkdf2" -> springPbkdf2(rest, options.pbkdf2(), parameters);
                default -> springDigest(spring.group(1), rest, parameters);
            };
        }
        if (foreign.startsWith("OBF:")) {
            return plain.hash(Obfuscation.reveal(foreign.substring(4)));
        }
        if (foreign.startsWith("MD5:") && foreign.substring(4).matches("[0-9a-fA-F]{32}")) {
            return Wrapped.of("digest:MD5:1:", foreign.substring(4).toLowerCase(java.util.Locale.ROOT), parameters);
        }
        if (foreign.startsWith("CRYPT:")) {
            return desCrypt(foreign.substring(6), parameters).orElseThrow(() -> new Unreadable("CRYPT: holds no DES crypt(3) hash"));
        }
        Optional<PasswordHash> known = bcrypt(foreign, parameters).or(() -> argon2(foreign, parameters)).or(() -> apache(foreign, parameters));
        if (known.isPresent()) {
            return known.get();
        }
        if (options.digest() != null) {
            return tomcat(foreign, options.digest(), parameters);
        }
        Optional<PasswordHash> strong = PasswordHash.parse(foreign).filter(h -> !(h instanceof Wrapped));
        if (strong.isPresent()) {
            return strong.get();
        }
        Optional<PasswordHash> crypt = desCrypt(foreign, parameters);
        if (crypt.isPresent()) {
            return crypt.get();
        }
        throw new Unreadable(TOMCAT_DIGEST.matcher(foreign).matches()
                ? "a bare digest: give --digest with the algorithm that made it (Tomcat's CredentialHandler: MD5, SHA-256, PBKDF2WithHmacSHA512, ...)"
                : "none of the hashes this command imports");
    }

    private static Optional<PasswordHash> bcrypt(String foreign, Settings.Argon2 parameters) {
        Matcher m = BCRYPT.matcher(foreign);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Bcrypt.parse(foreign).<PasswordHash>map(h -> h)
                .or(() -> Optional.of(Wrapped.of("bcrypt:" + m.group(1) + ":" + m.group(2) + ":" + m.group(3), foreign, parameters)));
    }

    /** Argon2id at this realm's floor kept; below it (Spring's defaults: m=16 MiB), wrapped; empty for anything else. */
    private static Optional<PasswordHash> argon2(String foreign, Settings.Argon2 parameters) {
        Optional<PasswordHash> kept = Argon2id.parse(foreign).map(h -> h);
        Optional<Argon2id> weak = Argon2id.read(foreign);
        if (kept.isPresent() || weak.isEmpty()) {
            return kept;
        }
        Argon2id h = weak.get();
        try {
            return Optional.of(Wrapped.of(String.join(":", "argon2id", String.valueOf(h.memoryKib()), String.valueOf(h.iterations()),
                    String.valueOf(h.parallelism()), String.valueOf(h.hash().length), Base64.getEncoder().withoutPadding().encodeToString(h.salt())),
                    HEX.formatHex(h.hash()), parameters));
        } catch (IllegalArgumentException uncomputable) {
            return Optional.empty();
        }
    }

    private static Optional<PasswordHash> apache(String foreign, Settings.Argon2 parameters) {
        Matcher apr1 = APR1.matcher(foreign);
        if (apr1.matches()) {
            return Optional.of(Wrapped.of("apr1:" + apr1.group(1), foreign, parameters));
        }
        return SHA.matcher(foreign).matches() ? Optional.of(Wrapped.of("sha1", foreign, parameters)) : Optional.empty();
    }

    private static Optional<PasswordHash> desCrypt(String foreign, Settings.Argon2 parameters) {
        return DES_CRYPT.matcher(foreign).matches() ? Optional.of(Wrapped.of("crypt:" + foreign.substring(0, 2), foreign, parameters))
                : Optional.empty();
    }

    /** Spring's SCryptPasswordEncoder: {@code $PARAMS$SALT$KEY} ({@link Scrypt}), kept at OWASP's minimum, wrapped below it. */
    private static PasswordHash scrypt(String rest, Settings.Argon2 parameters) throws Unreadable {
        Optional<Scrypt> kept = Scrypt.parse(rest);
        if (kept.isPresent()) {
            return kept.get();
        }
        Scrypt weak = Scrypt.read(rest).orElseThrow(() -> new Unreadable("{scrypt} holds no $params$salt$key this realm can compute"));
        return wrapped(String.join(":", "scrypt", String.valueOf(weak.n()), String.valueOf(weak.r()), String.valueOf(weak.p()),
                String.valueOf(weak.key().length), Base64.getEncoder().encodeToString(weak.salt())), HEX.formatHex(weak.key()), parameters,
                "{scrypt}'s parameters are none this realm can compute");
    }

    /** Spring's Pbkdf2PasswordEncoder: hex of salt then key, with the parameters {@code --pbkdf2} gives. */
    private static PasswordHash springPbkdf2(String rest, String given, Settings.Argon2 parameters) throws Unreadable {
        if (given == null) {
            throw new Unreadable("{pbkdf2} does not say its parameters: give --pbkdf2 ALGORITHM:ITERATIONS:SALT_BYTES"
                    + " (Spring Security 5.8 and later default to PBKDF2WithHmacSHA256:310000:16)");
        }
        String[] p = given.split(":");
        int saltBytes = Integer.parseInt(p[2]);
        if (!rest.matches("([0-9a-f]{2})+") || rest.length() / 2 <= saltBytes) {
            throw new Unreadable("{pbkdf2} holds no hex salt and key of the --pbkdf2 salt length");
        }
        return pbkdf2(p[0], Integer.parseInt(p[1]), rest.substring(0, 2 * saltBytes), rest.substring(2 * saltBytes), parameters);
    }

    private static PasswordHash pbkdf2(String algorithm, int iterations, String saltHex, String keyHex, Settings.Argon2 parameters) throws Unreadable {
        Optional<PasswordHash> atPolicy = algorithm.equals("PBKDF2WithHmacSHA256")
                ? Pbkdf2.parse(saltHex + "$" + iterations + "$" + keyHex).map(h -> h) : Optional.empty();
        if (atPolicy.isPresent()) {
            return atPolicy.get();
        }
        return wrapped(String.join(":", "pbkdf2", algorithm, String.valueOf(iterations), String.valueOf(keyHex.length() * 4), saltHex),
                keyHex, parameters, "PBKDF2 parameters this realm cannot compute");
    }

    /** Spring's MessageDigestPasswordEncoder: {@code {KEY}hex} of the password followed by {@code {KEY}}, or a bare hex digest. */
    private static PasswordHash springDigest(String algorithm, String rest, Settings.Argon2 parameters) throws Unreadable {
        Matcher m = SPRING_DIGEST.matcher(rest);
        if (!m.matches()) {
            throw new Unreadable("{" + algorithm + "} holds no hex digest");
        }
        String spec = m.group(1) == null ? "digest:" + algorithm + ":1:" : "spring:" + algorithm + ":1:" + m.group(1);
        return wrapped(spec, m.group(2), parameters, "{" + algorithm + "}'s salt is none this realm can keep");
    }

    /** What Tomcat's credential handlers (and digest.sh) write: {@code SALT$ITERATIONS$HEX}, or a bare hex digest. */
    private static PasswordHash tomcat(String foreign, String algorithm, Settings.Argon2 parameters) throws Unreadable {
        Matcher m = TOMCAT_DIGEST.matcher(foreign);
        if (!m.matches()) {
            throw new Unreadable("not a digest Tomcat's credential handler writes (SALT$ITERATIONS$HEX or HEX)");
        }
        String salt = m.group(1) == null ? "" : m.group(1);
        int iterations = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        if (PBKDF2.matcher(algorithm).matches()) {
            return pbkdf2(algorithm, iterations, salt, m.group(3), parameters);
        }
        int bytes = switch (algorithm) {
            case "MD5" -> 16;
            case "SHA-1" -> 20;
            case "SHA-256" -> 32;
            case "SHA-384" -> 48;
            default -> 64;
        };
        if (m.group(3).length() != 2 * bytes) {
            throw new Unreadable("a " + algorithm + " digest is " + bytes + " bytes, this one " + m.group(3).length() / 2 + ": is --digest right?");
        }
        return wrapped("digest:" + algorithm + ":" + iterations + ":" + salt, m.group(3), parameters, "digest parameters this realm cannot compute");
    }

    private static PasswordHash wrapped(String spec, String old, Settings.Argon2 parameters, String otherwise) throws Unreadable {
        try {
            return Wrapped.of(spec, old, parameters);
        } catch (IllegalArgumentException e) {
            throw new Unreadable(otherwise);
        }
    }

    /** Whether {@code --digest} names an algorithm this command reads. */
    static boolean knownDigest(String algorithm) {
        return algorithm.equals("plain") || DIGESTS.matcher(algorithm).matches() || PBKDF2.matcher(algorithm).matches();
    }

    /** Whether {@code --pbkdf2} is {@code ALGORITHM:ITERATIONS:SALT_BYTES}. */
    static boolean knownPbkdf2(String parameters) {
        return parameters.matches("PBKDF2WithHmacSHA(1|256|512):[1-9][0-9]{0,8}:[1-9][0-9]?");
    }

    /**
     * Jetty's {@code OBF:} form, which only hides a password from a glance: four base-36 digits per
     * byte (or {@code U} and four for a byte above 127), undone here to be hashed.
     */
    static final class Obfuscation {
        private Obfuscation() {}

        static String reveal(String obfuscated) throws Unreadable {
            byte[] bytes = new byte[obfuscated.length() / 4 + 1];
            int length = 0;
            try {
                for (int i = 0; i < obfuscated.length(); i += 4) {
                    if (obfuscated.charAt(i) == 'U') {
                        i++;
                        bytes[length++] = (byte) (Integer.parseInt(obfuscated.substring(i, i + 4), 36) >> 8);
                    } else {
                        int value = Integer.parseInt(obfuscated.substring(i, i + 4), 36);
                        bytes[length++] = (byte) ((value / 256 + value % 256 - 254) / 2);
                    }
                }
            } catch (RuntimeException malformed) {
                throw new Unreadable("OBF: holds no obfuscated password");
            }
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
    }
}
