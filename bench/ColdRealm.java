import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.securerestapi.realm.hash.PasswordHash;
import dev.securerestapi.realm.hash.Pbkdf2;
import dev.securerestapi.settings.Settings;

/**
 * A realm file of N users for bench/cold-logins.sh, each hashed in one scheme by the realm's own
 * code: {@code cold-I} with password {@code cold-pass-I}, role user, and {@code admin}. Run with the
 * users command's jar on the class path:
 * {@code java -cp target/secure-rest-api-users.jar bench/ColdRealm.java FILE argon2id|pbkdf2 N}.
 * Prints how long one hash took here, on average, made on all cores at once.
 */
public class ColdRealm {
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        boolean argon2 = args[1].equals("argon2id");
        int users = Integer.parseInt(args[2]);
        long start = System.nanoTime();
        String lines = IntStream.rangeClosed(1, users).parallel()
                .mapToObj(i -> "cold-" + i + ": " + hash("cold-pass-" + i, argon2) + ", user")
                .collect(Collectors.joining("\n", "# DEVELOPMENT ONLY: bench users, their passwords are in bench/cold-logins.sh\n"
                        + "admin: " + hash("SuperSecretPwd", argon2) + ", admin, user\n", "\n"));
        double perHash = (System.nanoTime() - start) / 1e6 / (users + 1) * Runtime.getRuntime().availableProcessors();
        Files.writeString(file, lines, StandardCharsets.ISO_8859_1);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        System.out.printf("%s: %d users, %.0f ms of one core per hash%n", args[1], users, perHash);
    }

    private static String hash(String password, boolean argon2) {
        return argon2 ? PasswordHash.of(password, Settings.Argon2.DEFAULTS).stored() : Pbkdf2.of(password).stored();
    }
}
