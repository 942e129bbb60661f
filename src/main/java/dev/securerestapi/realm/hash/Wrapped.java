package dev.securerestapi.realm.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.securerestapi.settings.Settings;

/**
 * A weak hash an import brought (Apache's {@code $apr1$} or {@code {SHA}}), kept only inside
 * Argon2id, as OWASP's password storage guidance describes for upgrading legacy hashes: what is
 * stored is Argon2id of the old hash string, {@code {apr1:SALT}$argon2id$...} or
 * {@code {sha1}$argon2id$...}, never the weak hash itself. A login computes the old hash from the
 * password (and the kept salt) and checks that against the Argon2id; its next login stores plain
 * Argon2id of the password instead.
 */
public record Wrapped(String legacy, Argon2id outer) implements PasswordHash {

    private static final Pattern FORMAT = Pattern.compile("\\{(apr1:[./0-9A-Za-z]{1,8}|sha1)\\}(\\$argon2id\\$.+)");
    private static final Pattern APR1 = Pattern.compile("\\$apr1\\$([./0-9A-Za-z]{1,8})\\$[./0-9A-Za-z]{22}");
    private static final Pattern SHA = Pattern.compile("\\{SHA\\}[A-Za-z0-9+/]{27}=");

    public static Optional<Wrapped> parse(String stored) {
        Matcher m = FORMAT.matcher(stored);
        return m.matches() ? Argon2id.parse(m.group(2)).map(outer -> new Wrapped(m.group(1), outer)) : Optional.empty();
    }

    /** {@code foreign} ({@code $apr1$salt$hash} or {@code {SHA}base64}) kept inside a new Argon2id, or empty for any other string. */
    public static Optional<Wrapped> wrap(String foreign, Settings.Argon2 parameters) {
        Matcher apr1 = APR1.matcher(foreign);
        if (apr1.matches()) {
            return Optional.of(new Wrapped("apr1:" + apr1.group(1), Argon2id.of(foreign, parameters)));
        }
        if (SHA.matcher(foreign).matches()) {
            return Optional.of(new Wrapped("sha1", Argon2id.of(foreign, parameters)));
        }
        return Optional.empty();
    }

    /** The old hash of {@code password}, as the tool that made the imported entry would write it. */
    private String legacyHash(String password) {
        if (legacy.startsWith("apr1:")) {
            return Md5Crypt.apr1(password, legacy.substring("apr1:".length()));
        }
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
            return "{SHA}" + Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean matches(String password) {
        return outer.matches(legacyHash(Password.normalized(password)));
    }

    @Override
    public String stored() {
        return "{" + legacy + "}" + outer.stored();
    }

    @Override
    public Wrapped withoutMatch() {
        return new Wrapped(legacy, outer.withoutMatch());
    }

    @Override
    public String scheme() {
        return "argon2id(" + legacy.replaceFirst(":.*", "") + ")";
    }

    @Override
    public long work() {
        return outer.work();
    }

    @Override
    public long cost() {
        return outer.cost();
    }

    /** Never: replaced by plain Argon2id at the user's next login. */
    @Override
    public boolean isCurrent(Settings.Argon2 defaults) {
        return false;
    }

    @Override
    public String toString() {
        return "Wrapped[" + legacy.replaceFirst(":.*", "") + ", " + outer + "]";
    }
}
