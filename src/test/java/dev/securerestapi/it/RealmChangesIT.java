package dev.securerestapi.it;

import static dev.securerestapi.it.support.ProblemAssert.assertChallenged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.securerestapi.it.support.Await;
import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.OnEach;
import dev.securerestapi.it.support.TestUsers.User;
import dev.securerestapi.it.support.TestUsers;
import dev.securerestapi.it.support.UsersJar;
import dev.securerestapi.realm.hash.PasswordHash;
import dev.securerestapi.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * What operators do to a running realm takes effect without a restart, and the cache of verified
 * logins never outlives it: a changed password stops the old one as soon as the container has
 * re-read the file, a removed user is refused. Each test edits only users it added itself, and
 * runs on every container at once ({@link OnEach}): it mostly waits for each to re-read its file.
 */
@Execution(ExecutionMode.CONCURRENT) // mostly waits for reloads: beside the suites that keep the CPU busy
@ResourceLock(Containers.REALM_FILES)
class RealmChangesIT {

    /** Within 10 s (Tomcat looks every 2 s at files older than 2 s; Jetty scans every 2 s). */
    private static final Duration RELOAD = UsersCommandIT.RELOAD;

    @Test
    void changedPasswordStopsTheOldOneAndRemovedUserIsRefused() throws Exception {
        OnEach.container(Containers.all(), this::changedPasswordStopsTheOldOneAndRemovedUserIsRefusedOn);
    }

    private void changedPasswordStopsTheOldOneAndRemovedUserIsRefusedOn(Container container) throws Exception {
        Http http = new Http(container);
        User erin = ownUser(container, "rc-erin");
        User frank = ownUser(container, "rc-frank");
        try {
            // both work, and erin's login is now a cached, verified one
            assertEquals(200, http.get("api/v1/private", erin).statusCode());
            assertEquals(200, http.get("api/v1/private", erin).statusCode());
            assertEquals(200, http.get("api/v1/private", frank).statusCode());

            String newPassword = "rc-erin-new-pass";
            edit(container.realmFile(), erin, newPassword, frank);

            Instant deadline = Instant.now().plus(RELOAD);
            while (http.get("api/v1/private", erin).statusCode() == 200) {
                assertTrue(Instant.now().isBefore(deadline), "the old password still works " + RELOAD + " after the edit");
                Thread.sleep(500);
            }
            // once re-read, the old password is refused every time: the cache does not bring it back
            assertChallenged(http.get("api/v1/private", erin));
            assertEquals(200, http.get("api/v1/private", new User(erin.name(), newPassword, List.of())).statusCode());
            assertChallenged(http.get("api/v1/private", frank));
        } finally {
            removeIfThere(container, erin);
            removeIfThere(container, frank);
        }
    }

    @Test
    void aMalformedEditKeepsTheUsersReadBeforeAndTheLogSaysWhere() throws Exception {
        OnEach.container(Containers.all(), this::aMalformedEditKeepsTheUsersReadBeforeAndTheLogSaysWhereOn);
    }

    private void aMalformedEditKeepsTheUsersReadBeforeAndTheLogSaysWhereOn(Container container) throws Exception {
        Http http = new Http(container);
        User kept = ownUser(container, "rc-kept");
        Path realm = container.realmFile();
        String good = Files.readString(realm, StandardCharsets.UTF_8);
        try {
            assertEquals(200, http.get("api/v1/private", kept).statusCode());
            // the user's line goes, and the file breaks: a line without a hash, or XML cut short
            String withoutKept = good.lines().filter(line -> !line.matches(".*\\b" + kept.name() + "\\b.*"))
                    .collect(Collectors.joining("\n", "", "\n"));
            boolean xml = good.stripLeading().startsWith("<");
            String broken = xml ? withoutKept.replace("</tomcat-users>", "") : withoutKept + "half-typed-user\n";
            String expected = xml ? "not well-formed XML" : "user 'half-typed-user' has no password hash";
            long logged = warnings(container.log(), expected);
            replace(realm, broken);
            Await.within(RELOAD, () -> warnings(container.log(), expected) > logged,
                    () -> "the log does not say why the edit was refused:\n" + tail(container.log()));
            String line = container.log().lines().filter(l -> l.contains(expected) && l.contains(STAYS)).reduce((a, b) -> b).orElseThrow();
            assertTrue(line.matches(".*" + Pattern.quote(realm.getFileName().toString()) + " line [0-9]+: .*"), line);
            assertEquals(200, http.get("api/v1/private", kept).statusCode(), "the users read before still log in");
            assertEquals(200, http.get("api/v1/private", TestUsers.ADMIN).statusCode());
            // not a quiet state: the warning comes back while it lasts (every 3 s on the shared containers)
            long once = warnings(container.log(), expected);
            Await.within(Duration.ofSeconds(15), () -> warnings(container.log(), expected) > once,
                    () -> "the stale realm was not warned about again:\n" + tail(container.log()));
            String again = container.log().lines().filter(l -> l.contains(expected) && l.contains(STAYS)).reduce((a, b) -> b).orElseThrow();
            assertTrue(again.matches(".*stale for [0-9]+ s.*"), again);
        } finally {
            replace(realm, good);
            Await.within(RELOAD, () -> http.get("api/v1/private", kept).statusCode() == 200, () -> "the good file is read again");
            removeIfThere(container, kept);
        }
    }

    @Test
    void deletingTheFileRevokesNobodyAndTheLogKeepsSayingSo() throws Exception {
        OnEach.container(Containers.all(), this::deletingTheFileRevokesNobodyAndTheLogKeepsSayingSoOn);
    }

    private void deletingTheFileRevokesNobodyAndTheLogKeepsSayingSoOn(Container container) throws Exception {
        Http http = new Http(container);
        User kept = ownUser(container, "rc-deleted");
        Path realm = container.realmFile();
        Path aside = realm.resolveSibling(realm.getFileName() + ".aside");
        String missing = realm.getFileName() + ": no such file";
        int before = occurrences(container.log(), missing);
        Files.move(realm, aside, StandardCopyOption.ATOMIC_MOVE);
        try {
            Await.within(RELOAD, () -> occurrences(container.log(), missing) > before,
                    () -> "the log does not say the file is gone:\n" + tail(container.log()));
            assertEquals(200, http.get("api/v1/private", kept).statusCode(), "deleting the file revokes nobody");
            int once = occurrences(container.log(), missing);
            Await.within(Duration.ofSeconds(15), () -> occurrences(container.log(), missing) > once,
                    () -> "the missing file was not warned about again:\n" + tail(container.log()));
        } finally {
            Files.move(aside, realm, StandardCopyOption.ATOMIC_MOVE);
            // a file put back with its old time is still read: touch it so both containers see a change
            Files.setLastModifiedTime(realm, java.nio.file.attribute.FileTime.from(Instant.now()));
            Await.within(RELOAD, () -> http.get("api/v1/private", kept).statusCode() == 200, () -> "the file is read again");
            removeIfThere(container, kept);
        }
    }

    /** A user of this test alone, added with the users command and logging in before the test goes on. */
    private static User ownUser(Container container, String name) {
        User user = new User(name, "own-" + java.util.UUID.randomUUID().toString().substring(0, 8), List.of("user"));
        removeIfThere(container, user);
        UsersJar.Result added = UsersJar.run(container.realmFile(), user.password() + "\n", "add", name, "--roles", "user");
        assertEquals(0, added.exitCode(), added::toString);
        Http http = new Http(container);
        Await.within(RELOAD, () -> http.get("api/v1/private", user).statusCode() == 200, () -> name + " cannot log in");
        return user;
    }

    private static void removeIfThere(Container container, User user) {
        UsersJar.run(container.realmFile(), null, "remove", user.name()); // exit 3 when it is not there
    }

    private static final String STAYS = "the users read before stay in force";

    /**
     * The log lines that say an edit was refused for {@code why} and the users read before stay
     * (the audit line of the same refusal, written just before, says only the first).
     */
    private static long warnings(String log, String why) {
        return log.lines().filter(l -> l.contains(why) && l.contains(STAYS)).count();
    }

    private static int occurrences(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    private static String tail(String log) {
        return log.length() > 3000 ? log.substring(log.length() - 3000) : log;
    }

    /** As an editor saves a file: a new one with the old one's mode, renamed over it. */
    private static void replace(Path realm, String text) throws IOException {
        Path next = Files.writeString(realm.resolveSibling(realm.getFileName() + ".next"), text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(next, Files.getPosixFilePermissions(realm));
        Files.move(next, realm, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** As an operator would: one user's hash replaced, another's line gone, the file swapped in whole. */
    private static void edit(Path realm, User changed, String newPassword, User removed) throws IOException {
        String text = Files.readString(realm, StandardCharsets.UTF_8);
        Matcher entry = Pattern.compile("(?m)^.*\\b" + Pattern.quote(changed.name()) + "\\b.*?(" + TestUsers.STORED_HASH + ").*$").matcher(text);
        assertTrue(entry.find(), changed.name() + " is in " + realm);
        String edited = text.replace(entry.group(1), PasswordHash.of(newPassword, Settings.Argon2.DEFAULTS).stored()).lines()
                .filter(line -> !line.matches(".*\\b" + Pattern.quote(removed.name()) + "\\b.*"))
                .collect(Collectors.joining("\n", "", "\n"));
        replace(realm, edited);
    }
}
