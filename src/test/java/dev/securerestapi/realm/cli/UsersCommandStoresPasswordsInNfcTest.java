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
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The users command hashes a password in NFC, whatever form it was typed in: what Tomcat's own
 * credential handler (which normalizes nothing) is handed by the containers' authenticators.
 */
class UsersCommandStoresPasswordsInNfcTest {

    private static final Pattern HASH = Pattern.compile("(?m)^hanna: ([0-9a-f]{32})\\$(\\d+)\\$([0-9a-f]{64})");

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
        HexFormat hex = HexFormat.of();
        byte[] ofComposed = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(new PBEKeySpec(
                "gr\u00fc\u00dfe-pass".toCharArray(), hex.parseHex(stored.group(1)), Integer.parseInt(stored.group(2)), 256)).getEncoded();
        assertEquals(hex.formatHex(ofComposed), stored.group(3));
    }
}
