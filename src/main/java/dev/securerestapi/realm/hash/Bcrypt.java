package dev.securerestapi.realm.hash;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import dev.securerestapi.settings.Settings;

/**
 * A bcrypt hash as Apache's {@code htpasswd -B}, OpenBSD and Spring Security write it
 * ({@code $2y$10$...}, also {@code $2a$} and {@code $2b$}), of cost 10 or more: imported users keep
 * it and log in with it until their next login stores Argon2id instead. Checked by Bouncy Castle.
 * bcrypt reads at most 72 bytes of a password.
 */
public record Bcrypt(String stored, int workFactor) implements PasswordHash {

    /** OWASP's minimum work factor. */
    public static final int MIN_COST = 10;
    private static final Pattern FORMAT = Pattern.compile("\\$2[aby]\\$([0-9]{2})\\$[./A-Za-z0-9]{53}");

    /** The hash, or empty if it is not bcrypt of cost {@link #MIN_COST} to 31. */
    public static Optional<Bcrypt> parse(String stored) {
        Matcher m = FORMAT.matcher(stored);
        if (!m.matches()) {
            return Optional.empty();
        }
        int cost = Integer.parseInt(m.group(1));
        return cost < MIN_COST || cost > 31 ? Optional.empty() : Optional.of(new Bcrypt(stored, cost));
    }

    /** A bcrypt hash of {@code cost} that no password a client can send matches: of random bytes, one hash made now. */
    static Bcrypt noMatch(int cost) {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        char[] secret = new char[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (char) (0x01 + random.nextInt(0x1f)); // control characters: never in a login's password
        }
        return new Bcrypt(OpenBSDBCrypt.generate("2y", secret, salt, cost), cost);
    }

    @Override
    public boolean matches(String password) {
        char[] chars = Password.normalized(password).toCharArray();
        try {
            return HashSlots.run(0, () -> {
                try {
                    return OpenBSDBCrypt.checkPassword(stored, chars);
                } catch (IllegalArgumentException notBcrypt) {
                    return false; // a salt or hash Bouncy Castle cannot decode: matches nothing
                }
            });
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
    }

    @Override
    public String scheme() {
        return "bcrypt";
    }

    @Override
    public Bcrypt withoutMatch() {
        return noMatch(workFactor);
    }

    @Override
    public long work() {
        return 1L << workFactor;
    }

    @Override
    public long cost() {
        return (long) (Cost.BCRYPT_NANOS_PER_ROUND * work());
    }

    /** Never: imported, and replaced by Argon2id at the user's next login. */
    @Override
    public boolean isCurrent(Settings.Argon2 defaults) {
        return false;
    }

    @Override
    public String toString() {
        return "Bcrypt[cost=" + workFactor + "]";
    }
}
