package dev.securerestapi.it;

import static dev.securerestapi.it.support.ProblemAssert.assertChallenged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import dev.securerestapi.it.support.Await;
import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.OnEach;
import dev.securerestapi.it.support.TestUsers.User;
import dev.securerestapi.it.support.TestUsers;
import dev.securerestapi.it.support.UsersJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The operators' user command, run as a process on the realm file of a running container, and
 * the container logging users in with what it wrote, within 10 seconds and without a restart; on
 * every container at once ({@link OnEach}), since it mostly waits for each to re-read its file.
 */
@ResourceLock(Containers.REALM_FILES)
class UsersCommandIT {

    /** How soon a reload must take effect, through the command or an editor. */
    static final Duration RELOAD = Duration.ofSeconds(10);

    @Test
    void usersTheCommandAddsChangesAndRemovesLogInAsItWroteWithinTenSeconds() throws Exception {
        OnEach.container(Containers.all(), UsersCommandIT::addsChangesAndRemoves);
    }

    private static void addsChangesAndRemoves(Container container) throws Exception {
        Path realm = container.realmFile();
        Http http = new Http(container);
        Files.setPosixFilePermissions(realm, PosixFilePermissions.fromString("rw-r-----"));
        String before = Files.readString(realm, java.nio.charset.StandardCharsets.ISO_8859_1);
        Object inodeBefore = Files.readAttributes(realm, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        User grace = new User("grace", "first-meadow-pass", List.of("user"));
        UsersJar.Result added = UsersJar.run(realm, grace.password() + "\n", "add", "grace", "--roles", "user");
        assertEquals(0, added.exitCode(), added::toString);
        Await.within(RELOAD, () -> http.get("api/v1/private", grace).statusCode() == 200, () -> "grace cannot log in");
        assertEquals(403, http.method("DELETE", "api/v1/subscribers/1", grace).statusCode(), "a reader may not change data");

        assertEquals(0, UsersJar.run(realm, grace.password() + "\n", "verify", "grace").exitCode());
        UsersJar.Result wrong = UsersJar.run(realm, "not-her-password\n", "verify", "grace");
        assertEquals(1, wrong.exitCode(), wrong::toString);

        UsersJar.Result roles = UsersJar.run(realm, null, "roles", "grace", "admin,user");
        assertEquals(0, roles.exitCode(), roles::toString);
        Await.within(RELOAD, () -> http.get("api/v1/me", grace).body().contains("admin"), () -> "grace did not become admin");

        User renewed = new User("grace", "second-meadow-pass", List.of("admin", "user"));
        UsersJar.Result passwd = UsersJar.run(realm, renewed.password() + "\n", "passwd", "grace");
        assertEquals(0, passwd.exitCode(), passwd::toString);
        Await.within(RELOAD, () -> http.get("api/v1/private", renewed).statusCode() == 200, () -> "the new password does not work");
        assertChallenged(http.get("api/v1/private", grace));

        UsersJar.Result list = UsersJar.run(realm, null, "list");
        assertEquals(0, list.exitCode(), list::toString);
        assertTrue(list.out().contains("grace\tadmin,user\targon2id\n"), list.out());
        assertTrue(list.out().contains("admin\tadmin,user\targon2id\n"), list.out());
        assertFalse(java.util.regex.Pattern.compile(TestUsers.STORED_HASH).matcher(list.out()).find(), "list never shows a hash:\n" + list.out());

        UsersJar.Result removed = UsersJar.run(realm, null, "remove", "grace");
        assertEquals(0, removed.exitCode(), removed::toString);
        Await.within(RELOAD, () -> http.get("api/v1/private", renewed).statusCode() == 401, () -> "grace can still log in");
        assertEquals(200, http.get("api/v1/private", TestUsers.ADMIN).statusCode(), "everyone else still logs in");

        // every other line, comments included, is as it was; the file was replaced, not rewritten in place
        assertEquals(before, Files.readString(realm, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(realm)));
        assertNotEquals(inodeBefore, Files.readAttributes(realm, java.nio.file.attribute.BasicFileAttributes.class).fileKey());
        try (var siblings = Files.list(realm.getParent())) {
            assertEquals(List.of(), siblings.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList(),
                    "no temporary file left behind");
        }
    }
}
