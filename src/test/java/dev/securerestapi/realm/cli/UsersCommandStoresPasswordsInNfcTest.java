package dev.securerestapi.realm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The users command hashes a password in NFC, whatever form it was typed in: what Tomcat's own
 * credential handler (which normalizes nothing) is handed by the containers' authenticators.
 */
class UsersCommandStoresPasswordsInNfcTest {

    private static final Pattern HASH = Pattern.compile("(?m)^hanna: \\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+),");

    @Test
    void aDecomposedPasswordIsStoredAsItsComposedForm(@TempDir Path dir) throws Exception {
        Path realm = dir.resolve("realm.properties");
        Files.writeString(realm, "# a test realm\n");
        Files.setPosixFilePermissions(realm, PosixFilePermissions.fromString("rw-------"));
        String decomposed = "gru\u0308\u00dfe-pass";
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        UsersCommand command = new UsersCommand(Map.of(), new ByteArrayInputStream((decomposed + "\n").getBytes(StandardCharsets.UTF_8)),
                null, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, command.run(new String[] {"--file", realm.toString(), "add", "hanna", "--roles", "user"}),
                () -> err.toString(StandardCharsets.UTF_8));

        Matcher stored = HASH.matcher(Files.readString(realm, StandardCharsets.UTF_8));
        assertTrue(stored.find(), "an entry for hanna");
        // Argon2id of the composed form's UTF-8, computed here apart from the realm's code
        Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
        argon2.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(Integer.parseInt(stored.group(1))).withIterations(Integer.parseInt(stored.group(2)))
                .withParallelism(Integer.parseInt(stored.group(3))).withSalt(Base64.getDecoder().decode(stored.group(4))).build());
        byte[] ofComposed = new byte[32];
        argon2.generateBytes("gr\u00fc\u00dfe-pass".getBytes(StandardCharsets.UTF_8), ofComposed);
        assertEquals(Base64.getEncoder().withoutPadding().encodeToString(ofComposed), stored.group(5));
    }
}
