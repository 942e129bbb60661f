package dev.securerestapi.realm.hash;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.securerestapi.settings.Settings;

/**
 * A temporary password's hash, as {@code users reset} stores it: Argon2id of a random password
 * the operator never chose, valid until {@code expires}, stored as
 * {@code {temporary:EPOCH_SECONDS}$argon2id$...}. While it holds, the login core grants it only
 * the role that may change the password; once expired it matches nothing.
 */
public record Temporary(Instant expires, Argon2id inner) implements PasswordHash {

    private static final Pattern FORMAT = Pattern.compile("\\{temporary:([0-9]{1,12})\\}(\\$argon2id\\$.+)");

    public static Optional<Temporary> parse(String stored) {
        Matcher m = FORMAT.matcher(stored);
        return m.matches() ? Argon2id.parse(m.group(2)).map(inner -> new Temporary(Instant.ofEpochSecond(Long.parseLong(m.group(1))), inner))
                : Optional.empty();
    }

    /** A new temporary hash of {@code password}, valid until {@code expires}. */
    public static Temporary of(String password, Instant expires, Settings.Argon2 parameters) {
        return new Temporary(Instant.ofEpochSecond(expires.getEpochSecond()), Argon2id.of(password, parameters));
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expires);
    }

    /** The password's check alone; {@link #expiredAt} is the login core's to ask. */
    @Override
    public boolean matches(String password) {
        return inner.matches(password);
    }

    @Override
    public String stored() {
        return "{temporary:" + expires.getEpochSecond() + "}" + inner.stored();
    }

    @Override
    public String scheme() {
        return "temporary";
    }

    @Override
    public long work() {
        return inner.work();
    }

    @Override
    public long cost() {
        return inner.cost();
    }

    @Override
    public PasswordHash withoutMatch() {
        return inner.withoutMatch();
    }

    /** Always: a temporary hash is replaced by its user's own password, never upgraded at login. */
    @Override
    public boolean isCurrent(Settings.Argon2 defaults) {
        return true;
    }
}
