package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import dev.securerestapi.it.support.ItConfig;
import dev.securerestapi.it.support.UsersJar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every mistake an operator can make with the users command gets a clear message on standard
 * error and its own non-zero exit code, and leaves the realm file exactly as it was. Run on a
 * file in each format.
 */
class UsersCommandMistakesIT {

    private static final String JETTY = "# a comment that stays\nroy: " + hash() + ", user\n";
    private static final String TOMCAT = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- a comment that stays -->\n"
            + "<tomcat-users>\n  <user username=\"roy\" password=\"" + hash() + "\" roles=\"user\"/>\n</tomcat-users>\n";

    private Path dir;

    @BeforeEach
    void freshDirectory() {
        dir = ItConfig.freshWorkDir("users-command-mistakes");
    }

    private static String hash() {
        return dev.securerestapi.realm.hash.Pbkdf2.of("roy").stored();
    }

    private Path realm(String format) throws Exception {
        Path file = dir.resolve(format.equals("jetty") ? "realm.properties" : "users.xml");
        Files.writeString(file, format.equals("jetty") ? JETTY : TOMCAT, StandardCharsets.UTF_8);
        return file;
    }

    /** Runs the command, checks its exit code and message, and that the file did not change. */
    private static void refused(Path file, int exitCode, String message, String stdin, String... args) throws Exception {
        byte[] before = Files.exists(file) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        UsersJar.Result result = UsersJar.run(file, stdin, args);
        assertEquals(exitCode, result.exitCode(), result::toString);
        assertTrue(result.err().contains(message), "stderr should say '" + message + "':\n" + result);
        if (before != null) {
            assertArrayEquals(before, Files.readAllBytes(file), "the file changed");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void anUnknownUserIsNamed(String format) throws Exception {
        Path file = realm(format);
        refused(file, 3, "no user 'ann'", null, "remove", "ann");
        refused(file, 3, "no user 'ann'", "x\n", "passwd", "ann");
        refused(file, 3, "no user 'Roy' (there is 'roy'", null, "roles", "Roy", "user");
        refused(file, 3, "no user 'ann'", "x\n", "verify", "ann");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void aUserWhoExistsUnderAnySpellingIsNotAddedAgain(String format) throws Exception {
        Path file = realm(format);
        refused(file, 4, "user 'roy' already exists", "pass\n", "add", "roy");
        // an entry written by hand under a spelling RFC 8265 folds: the folded name is taken
        String withAnn = Files.readString(file).replace("roy", "Ann");
        Files.writeString(file, withAnn, StandardCharsets.UTF_8);
        refused(file, 4, "differing from 'ann' only by case, width or Unicode form",
                "amber-gate-19\n", "add", "ann");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void aNewNameMustAlreadyBeInItsRfc8265Form(String format) throws Exception {
        Path file = realm(format);
        refused(file, 2, "that would be 'roy'", "pass\n", "add", "ROY");
        refused(file, 2, "that would be 'admin'", "pass\n", "add", "\uff21\uff24\uff2d\uff29\uff2e");
        refused(file, 2, "that would be 'admin'", "pass\n", "add", "\uff41\uff44\uff4d\uff49\uff4e");
        refused(file, 2, "is not a user name", "pass\n", "add", "ad\u200bmin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void editingAFileEveryAccountCanReadWarnsAndGoesOn(String format) throws Exception {
        Path file = realm(format);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        UsersJar.Result exposed = UsersJar.run(file, "amber-gate-19\n", "add", "ann");
        assertEquals(0, exposed.exitCode(), exposed::toString);
        assertTrue(exposed.err().contains("is readable by every account on this machine (mode rw-r--r--)")
                && exposed.err().contains("chmod 600"), exposed::toString);

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        UsersJar.Result groupOnly = UsersJar.run(file, "birch-lane-27\n", "add", "bob");
        assertEquals(0, groupOnly.exitCode(), groupOnly::toString);
        assertEquals("", groupOnly.err().replaceAll("(?m)^\\{\"time\":.*\"event\":\"users.changed\".*\n", ""),
                "0640 (the container's group) is fine: no warning, only the audit line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void aSymbolicLinkWhereTheLockGoesIsRefusedNotFollowed(String format) throws Exception {
        Path file = realm(format);
        Path elsewhere = dir.resolve("elsewhere");
        Files.createSymbolicLink(dir.resolve("." + file.getFileName() + ".lock"), elsewhere);
        refused(file, 6, "is a symbolic link; the lock file is never followed", "amber-gate-19\n", "add", "ann");
        assertFalse(Files.exists(elsewhere, java.nio.file.LinkOption.NOFOLLOW_LINKS), "nothing was created where the link points");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void anEmptyPasswordOrOneWithControlCharactersIsRefused(String format) throws Exception {
        Path file = realm(format);
        refused(file, 5, "empty password", "\n", "add", "ann");
        refused(file, 5, "empty password", "", "passwd", "roy");
        refused(file, 5, "control characters", "tab\there\n", "passwd", "roy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void aPasswordIsNeverTakenFromTheCommandLine(String format) throws Exception {
        Path file = realm(format);
        refused(file, 2, "never taken from the command line", null, "passwd", "roy", "new-password");
        refused(file, 2, "never taken from the command line", null, "add", "ann", "--password", "secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void unknownRolesCommandsAndNamesAreUsageErrors(String format) throws Exception {
        Path file = realm(format);
        refused(file, 2, "unknown role 'boss'", null, "roles", "roy", "boss");
        refused(file, 2, "unknown command 'delete'", null, "delete", "roy");
        refused(file, 2, "is not a user name", "pass\n", "add", "ann:colon");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void aMissingUnreadableOrMalformedFileIsNotWritten(String format) throws Exception {
        Path file = realm(format);
        refused(dir.resolve("missing"), 6, "no such file", null, "list");
        refused(dir.resolve("missing"), 6, "no such file (to create it, add --format", "amber-gate-19\n", "add", "ann");
        assertFalse(Files.exists(dir.resolve("missing")));
        refused(dir, 6, "cannot read", null, "list");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));
        // root reads it anyway, and the command refuses to write it; anyone else cannot read it
        refused(file, 6, "root".equals(System.getProperty("user.name")) ? "its owner may not read it" : "not readable",
                "amber-gate-19\n", "add", "ann");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        String broken = format.equals("jetty") ? JETTY + "ann\n" : TOMCAT.replace("</tomcat-users>", "");
        Files.writeString(file, broken, StandardCharsets.UTF_8);
        refused(file, 6, format.equals("jetty") ? "line 3: user 'ann' has no password hash" : "not well-formed XML",
                "birch-lane-27\n", "add", "bob");
    }
}
