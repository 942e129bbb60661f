package dev.securerestapi.realm.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.securerestapi.realm.Pbkdf2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealmFileUsersTest {

    private static final String HASH = Pbkdf2.of("pass-1").stored();
    /** Past the settling time of any file written now: each look reads what changed. */
    private final Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1));

    @TempDir
    Path dir;

    private Path write(String content) throws Exception {
        Path file = dir.resolve("realm");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + Files.size(file)));
        return file;
    }

    @Test
    void eitherFormatIsReadAndEntriesNobodyCanLogInWithAreLeftOut() throws Exception {
        Path jetty = write("roy: " + HASH + ", user\nweak: plain-password, admin\nMallory: " + HASH + ", user\n");
        try (RealmFileUsers users = new RealmFileUsers(jetty, true, Duration.ofMinutes(1), later)) {
            assertEquals(Set.of("roy"), users.users().byName().keySet());
            assertEquals(List.of("user"), users.users().byName().get("roy").roles());
        }
        Path tomcat = write("<tomcat-users><user username=\"roy\" password=\"" + HASH + "\" roles=\"admin,user\"/></tomcat-users>");
        try (RealmFileUsers users = new RealmFileUsers(tomcat, true, Duration.ofMinutes(1), later)) {
            assertEquals(List.of("admin", "user"), users.users().byName().get("roy").roles());
        }
    }

    @Test
    void anEditThatBreaksTheFileOrDeletesItLeavesTheUsersReadLastInForce() throws Exception {
        Path file = write("roy: " + HASH + ", user\n");
        try (RealmFileUsers users = new RealmFileUsers(file, true, Duration.ofMinutes(1), later)) {
            write("roy: " + HASH + ", user\ngrace: " + HASH + ", admin\n");
            users.look();
            assertEquals(Set.of("roy", "grace"), users.users().byName().keySet(), "a good edit is read");
            assertTrue(users.staleFor().isZero());
            write("roy: " + HASH + ", user\ngrace\n");
            users.look();
            assertEquals(Set.of("roy", "grace"), users.users().byName().keySet(), "a malformed edit is ignored");
            assertTrue(!users.staleFor().isZero(), "and the directory says it is stale");
            Files.delete(file);
            users.look();
            assertEquals(Set.of("roy", "grace"), users.users().byName().keySet(), "deleting the file revokes nobody");
            write("roy: " + HASH + ", user\n");
            users.look();
            assertEquals(Set.of("roy"), users.users().byName().keySet(), "the next good edit is read");
        }
    }

    @Test
    void aFileThatCannotBeReadAtStartStopsItOrLetsNobodyIn() throws Exception {
        Path file = write("roy: " + HASH + ", user\ngrace\n");
        IllegalStateException stop = assertThrows(IllegalStateException.class,
                () -> new RealmFileUsers(file, true, Duration.ofMinutes(1), later));
        assertTrue(stop.getMessage().contains("line 2"), stop.getMessage());
        try (RealmFileUsers users = new RealmFileUsers(file, false, Duration.ofMinutes(1), later)) {
            assertEquals(0, users.users().size());
        }
        try (RealmFileUsers users = new RealmFileUsers(dir.resolve("missing"), false, Duration.ofMinutes(1), later)) {
            assertEquals(0, users.users().size());
        }
    }

    @Test
    void aChangeIsReadOnlyOnceTheFileHasSettled() throws Exception {
        Path file = write("roy: " + HASH + ", user\n");
        try (RealmFileUsers users = new RealmFileUsers(file, true, Duration.ofMinutes(1), Clock.systemUTC())) {
            Files.writeString(file, "grace: " + HASH + ", admin\n");
            users.look();
            assertEquals(Set.of("roy"), users.users().byName().keySet(), "written just now: maybe still being written");
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_000));
            users.look();
            assertEquals(Set.of("grace"), users.users().byName().keySet());
        }
    }
}
