package dev.securerestapi.realm.hash;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

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
        byte[] salt = PasswordHash.randomBytes(16);
        byte[] secret = "calibration".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Argon2id argon2id = new Argon2id(4_096, 1, 1, salt, new byte[32]);
        String bcryptSix = Bcrypt.noMatch(6).stored();
        long pbkdf2 = Long.MAX_VALUE;
        long argon2 = Long.MAX_VALUE;
        long bcrypt = Long.MAX_VALUE;
        // outside HashSlots (a few small hashes): a flood of logins cannot make the measuring fail, and with it this class
        for (int round = 0; round < 3; round++) { // the fastest of three: the first runs before the JIT has compiled it
            long start = System.nanoTime();
            Pbkdf2.derive("calibration", salt, 20_000, 32);
            pbkdf2 = Math.min(pbkdf2, System.nanoTime() - start);
            start = System.nanoTime();
            argon2id.compute(secret);
            argon2 = Math.min(argon2, System.nanoTime() - start);
            start = System.nanoTime();
            OpenBSDBCrypt.checkPassword(bcryptSix, "calibration".toCharArray());
            bcrypt = Math.min(bcrypt, System.nanoTime() - start);
        }
        PBKDF2_NANOS_PER_ITERATION = pbkdf2 / 20_000.0;
        ARGON2_NANOS_PER_KIB_PASS = argon2 / 4_096.0;
        BCRYPT_NANOS_PER_ROUND = bcrypt / 64.0;
    }

    /** Measures, if that has not happened yet (the JIT compiles each scheme meanwhile). */
    static void measure() {
        // the class's initialisation does it
    }

    private Cost() {}
}
