package dev.securerestapi.realm.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.securerestapi.realm.hash.Argon2id;
import dev.securerestapi.realm.hash.Pbkdf2;
import dev.securerestapi.settings.Settings;
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

    @Test
    void anUpgradeRewritesOnlyItsUsersEntryAndOnlyWhileItHoldsTheOldHash() throws Exception {
        String argon2 = Argon2id.of("pass-1", Settings.Argon2.DEFAULTS).stored();
        Path file = write("# kept\nroy: " + HASH + ", user\ngrace: " + HASH + ", admin\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        try (RealmFileUsers users = new RealmFileUsers(file, true, Duration.ofMinutes(1), later)) {
            users.upgrade("roy", HASH, argon2, "test");
            users.upgrade("grace", "not-what-it-holds", argon2, "test"); // changed meanwhile: stays
            awaitWritten(users);
            assertEquals("# kept\nroy: " + argon2 + ", user\ngrace: " + HASH + ", admin\n", Files.readString(file));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            users.look();
            assertEquals(argon2, users.users().byName().get("roy").stored(), "read back");
        }
    }

    @Test
    void aFileThatCannotBeReplacedStaysAsItIsAndTheLogSaysSoOnce() throws Exception {
        Path file = write("roy: " + HASH + ", user\n");
        Files.createSymbolicLink(dir.resolve(".realm.lock"), dir.resolve("elsewhere")); // never followed: no edit can lock the file
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(RealmFileUsers.class.getName());
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        log.addHandler(handler);
        try (RealmFileUsers users = new RealmFileUsers(file, true, Duration.ofMinutes(1), later)) {
            String argon2 = Argon2id.of("pass-1", Settings.Argon2.DEFAULTS).stored();
            users.upgrade("roy", HASH, argon2, "test");
            users.upgrade("roy", HASH, argon2, "test");
            awaitWritten(users);
            assertEquals("roy: " + HASH + ", user\n", Files.readString(file));
            assertEquals(1, logged.stream().filter(m -> m.contains("stays as it is: hashes are not upgraded at login")).count(), logged.toString());
            assertTrue(logged.stream().noneMatch(m -> m.contains(HASH) || m.contains(argon2)), "never a hash in the log");
        } finally {
            log.removeHandler(handler);
        }
    }

    /** Until the directory's thread has run what was handed to it before now. */
    private static void awaitWritten(RealmFileUsers users) throws Exception {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        users.later(done::countDown);
        assertTrue(done.await(1, java.util.concurrent.TimeUnit.MINUTES), "the directory's thread is stuck");
    }
}
