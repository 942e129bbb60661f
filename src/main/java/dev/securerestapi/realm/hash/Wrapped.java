package dev.securerestapi.realm.hash;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.securerestapi.settings.Settings;

/**
 * A weak hash an import brought, kept only inside Argon2id, as OWASP's password storage guidance
 * describes for upgrading legacy hashes: what is stored is {@code {SPEC}$argon2id$...}, Argon2id of
 * what the old tool stored, never that itself. {@link Legacy} names each old function by its spec
 * ({@code apr1:SALT}, {@code sha1}, {@code crypt:SS}, ...). A login computes the old hash from the
 * password and checks that against the Argon2id; its next login stores plain Argon2id of the
 * password instead.
 */
public record Wrapped(String legacy, Argon2id outer) implements PasswordHash {

    private static final Pattern FORMAT = Pattern.compile("\\{([^{}]{1,400})\\}(\\$argon2id\\$.+)");

    public static Optional<Wrapped> parse(String stored) {
        Matcher m = FORMAT.matcher(stored);
        return m.matches() && Legacy.known(m.group(1)) ? Argon2id.parse(m.group(2)).map(outer -> new Wrapped(m.group(1), outer)) : Optional.empty();
    }

    /**
     * {@code old}, what the old function {@code spec} stored (as {@link Legacy} computes it), inside a
     * new Argon2id. @throws IllegalArgumentException for a spec {@link Legacy} does not know
     */
    public static Wrapped of(String spec, String old, Settings.Argon2 parameters) {
        if (!Legacy.known(spec)) {
            throw new IllegalArgumentException("no old hash function " + spec.replaceFirst(":.*", ""));
        }
        return new Wrapped(spec, Argon2id.of(old, parameters));
    }

    @Override
    public boolean matches(String password) {
        return outer.matches(Legacy.hash(legacy, Password.normalized(password)));
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

    /** The old hash's and the Argon2id's: a name nobody has costs as much when this is the slowest entry. */
    @Override
    public long cost() {
        return outer.cost() + Legacy.cost(legacy);
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
