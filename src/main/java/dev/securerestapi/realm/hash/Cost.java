package dev.securerestapi.realm.hash;

import java.security.SecureRandom;

/**
 * What one unit of each scheme's work costs on this machine, measured once (a few milliseconds,
 * the first time two entries of different schemes are compared): so the check of a name nobody
 * has ({@link PasswordHash#unknownUser}) can be as slow as the slowest entry, whatever its scheme.
 */
final class Cost {

    static final double PBKDF2_NANOS_PER_ITERATION;
    static final double ARGON2_NANOS_PER_KIB_PASS;
    static final double BCRYPT_NANOS_PER_ROUND;

    static {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        long pbkdf2 = Long.MAX_VALUE;
        long argon2 = Long.MAX_VALUE;
        long bcrypt = Long.MAX_VALUE;
        Bcrypt sixRounds = Bcrypt.noMatch(6);
        for (int round = 0; round < 3; round++) { // the fastest of three: the first runs before the JIT has compiled it
            long start = System.nanoTime();
            new Pbkdf2(salt, 20_000, new byte[32]).matches("calibration");
            pbkdf2 = Math.min(pbkdf2, System.nanoTime() - start);
            start = System.nanoTime();
            new Argon2id(4_096, 1, 1, salt, new byte[32]).matches("calibration");
            argon2 = Math.min(argon2, System.nanoTime() - start);
            start = System.nanoTime();
            sixRounds.matches("calibration");
            bcrypt = Math.min(bcrypt, System.nanoTime() - start);
        }
        PBKDF2_NANOS_PER_ITERATION = pbkdf2 / 20_000.0;
        ARGON2_NANOS_PER_KIB_PASS = argon2 / 4_096.0;
        BCRYPT_NANOS_PER_ROUND = bcrypt / 64.0;
    }

    private Cost() {}
}
