package dev.securerestapi.realm.hash;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

import dev.securerestapi.settings.Settings;

/**
 * A stored password hash a login is checked against, in one of the schemes this realm accepts:
 * {@link Argon2id}, the default for every new hash, or {@link Pbkdf2} (Tomcat's format), which
 * keeps working and is replaced by Argon2id at the user's next login. Checks go through
 * {@link HashSlots}, so a flood of cold logins waits or is refused instead of exhausting the
 * heap. Passwords are hashed and checked in NFC.
 */
public sealed interface PasswordHash permits Argon2id, Pbkdf2, Bcrypt, Scrypt, Wrapped, Temporary {

    /** What a stored entry must be for anyone to log in with it, as messages say it. */
    String REQUIRED = Argon2id.REQUIRED + ", or " + Pbkdf2.REQUIRED + " (or one the users command imported: bcrypt of cost "
            + Bcrypt.MIN_COST + " or more, scrypt at OWASP's minimum, or {OLD}$argon2id$... over an older hash)";

    /** Whether {@code password} is the hashed one; slow by design. @throws HashSlots.Busy when no check can start soon */
    boolean matches(String password);

    /** The stored form: what realm files and the database hold. */
    String stored();

    /** The scheme's name as the users command lists it: {@code argon2id}, {@code pbkdf2-sha256}. */
    String scheme();

    /** The work one check does, in its scheme's own unit (iterations; KiB times passes): which of two entries of one scheme is slower. */
    long work();

    /** About how long one check takes here, in nanoseconds (measured once, {@link Cost}): which of two entries of any schemes is slower. */
    long cost();

    /** The same scheme, parameters and salt with a random hash: as slow to check as this one, and matching no password. */
    PasswordHash withoutMatch();

    /** Whether a new hash made with {@code defaults} would be no stronger: then it needs no upgrade. */
    boolean isCurrent(Settings.Argon2 defaults);

    /** The hash {@code stored} holds, or empty when it is no scheme here at policy strength (never a plain password). */
    static Optional<PasswordHash> parse(String stored) {
        return Argon2id.parse(stored).<PasswordHash>map(h -> h).or(() -> Pbkdf2.parse(stored)).or(() -> Bcrypt.parse(stored))
                .or(() -> Scrypt.parse(stored)).or(() -> Temporary.parse(stored)).or(() -> Wrapped.parse(stored));
    }

    /** A new hash of {@code password}: Argon2id with {@code parameters} and a fresh random salt. */
    static PasswordHash of(String password, Settings.Argon2 parameters) {
        return Argon2id.of(password, parameters);
    }

    /**
     * Runs each scheme a few times, small, on a thread of its own: the JIT compiles them before the
     * first logins come, and {@link #cost} is measured. Returns at once.
     */
    static void warmUp() {
        Thread warming = new Thread(Cost::measure,
                "secure-rest-api password hash warm-up");
        warming.setDaemon(true);
        warming.start();
    }

    /**
     * What a login for a name the realm does not hold is checked against: a hash no password
     * matches (random bytes) in the scheme and with the parameters of the slowest of
     * {@code hashes}, so a failed login costs the same whether the name exists or not; with no
     * entries, a new default one. It never leaves the server.
     */
    static PasswordHash unknownUser(Collection<PasswordHash> hashes, Settings.Argon2 defaults) {
        boolean oneScheme = hashes.stream().map(PasswordHash::scheme).distinct().count() <= 1; // then nothing needs measuring
        return hashes.stream().max(Comparator.comparingLong(oneScheme ? PasswordHash::work : PasswordHash::cost))
                .orElseGet(() -> new Argon2id(defaults.memoryKib(), defaults.iterations(), defaults.parallelism(), randomBytes(16), new byte[32]))
                .withoutMatch();
    }

    /** {@code length} bytes from a SecureRandom. */
    static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
