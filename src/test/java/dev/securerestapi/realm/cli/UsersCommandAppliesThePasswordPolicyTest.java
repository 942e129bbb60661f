package dev.securerestapi.realm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * add, passwd and the import of passwords a file kept readable go by the password policy: a
 * refused password changes nothing, the message names the rule (exit 5; for an import, the line,
 * exit 6) and never the password.
 */
class UsersCommandAppliesThePasswordPolicyTest {

    @TempDir
    Path dir;
    private Path realm;
    private String out;
    private String err;

    @BeforeEach
    void aRealmWithRoy() throws Exception {
        realm = dir.resolve("realm.properties");
        Files.writeString(realm, "# a test realm\n");
        Files.setPosixFilePermissions(realm, PosixFilePermissions.fromString("rw-------"));
        assertEquals(0, run("copper-kettle-88\n", "add", "roy"), err);
    }

    private int run(String stdin, String... args) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        all[0] = "--file";
        all[1] = realm.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int exit;
        try {
            exit = new UsersCommand(Map.of(), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null,
                    new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8)).run(all);
        } catch (Failure failure) { // as main prints it
            e.writeBytes(failure.getMessage().getBytes(StandardCharsets.UTF_8));
            exit = failure.exitCode();
        }
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return exit;
    }

    @Test
    void aPasswordThePolicyRefusesChangesNothingAndIsNeverShown() throws Exception {
        String before = Files.readString(realm);
        String[][] refused = {{"short7!", "too_short"}, {"iloveyou", "common"}, {"Ann-2026-spring", "contains_name"},
            {"secure-rest-api-pw", "contains_service"}};
        for (String[] attempt : refused) {
            assertEquals(5, run(attempt[0] + "\n", "add", "ann"), attempt[0]);
            assertTrue(err.contains("the password is refused") && err.contains("(" + attempt[1] + ";"), err);
            assertFalse((out + err).contains(attempt[0]), "never the password: " + out + err);
            if (!attempt[1].equals("contains_name")) {
                assertEquals(5, run(attempt[0] + "\n", "passwd", "roy"), attempt[0]);
            }
        }
        assertEquals(5, run("roy-and-more\n", "passwd", "roy"));
        assertEquals(before, Files.readString(realm), "nothing changed");
        assertEquals(0, run("a-fine-long-passphrase\n", "passwd", "roy"), err);
    }

    @Test
    void anImportOfAReadablePasswordThePolicyRefusesIsRefusedByLineAndImportsNothing() throws Exception {
        Path spring = Files.writeString(dir.resolve("users.properties"),
                "ann={noop}a-fine-long-passphrase,user\nbob={noop}password1,user\ncid={noop}cid-is-my-name,user\n");
        String before = Files.readString(realm);
        assertEquals(6, run("", "import", spring.toString()), out + err);
        assertTrue(err.contains("line 2") && err.contains("(common)") && err.contains("line 3") && err.contains("(contains_name)"), err);
        assertFalse(err.contains("password1") || err.contains("cid-is-my-name"), err);
        assertEquals(before, Files.readString(realm), "nothing imported");
    }

    @Test
    void hashOnlyWarnsForItSetsNoPasswordByItself() throws Exception {
        assertEquals(0, run("roy\n", "hash"), err);
        assertTrue(out.startsWith("$argon2id$"), out);
        assertTrue(err.contains("warning: the password policy would refuse this password (too_short)"), err);
        assertFalse(err.contains("roy\n"), err);
    }

    @Test
    void resetPrintsATemporaryPasswordOnceThatTheRealmFileHoldsOnlyAsATemporaryHash() throws Exception {
        assertEquals(0, run("", "reset", "roy"), err);
        java.util.regex.Matcher printed = java.util.regex.Pattern.compile(
                "temporary password of roy \\(until (\\S+), only to change it: PUT /api/v1/me/password\\): ([a-z2-9]{5}(-[a-z2-9]{5}){3})\n")
                .matcher(out);
        assertTrue(printed.matches(), out);
        String password = printed.group(2);
        String realmText = Files.readString(realm);
        assertTrue(realmText.contains("roy: {temporary:"), realmText);
        assertFalse(realmText.contains(password), "never the password itself");
        java.time.Instant until = java.time.Instant.parse(printed.group(1));
        assertTrue(until.isAfter(java.time.Instant.now().plus(java.time.Duration.ofHours(23))), "24 hours by default");
        assertEquals(0, run(password + "\n", "verify", "roy"), out + err);
        assertEquals(0, run("", "list"), err);
        assertTrue(out.contains("roy\tuser\ttemporary\t(until " + until + ", only to change it)"), out);
        assertEquals(3, run("", "reset", "nobody"), "no such user");
    }
}
