package dev.securerestapi.it;

import static dev.securerestapi.it.support.ProblemAssert.assertChallenged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import dev.securerestapi.it.support.Await;
import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.OnEach;
import dev.securerestapi.it.support.RealmFiles;
import dev.securerestapi.it.support.TestUsers;
import dev.securerestapi.it.support.TestUsers.User;
import dev.securerestapi.it.support.UsersJar;
import dev.securerestapi.realm.hash.Argon2id;
import dev.securerestapi.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A user whose stored hash is PBKDF2 (as Tomcat's digest tool and earlier builds wrote it) logs in
 * as before, and from that login on is stored as Argon2id at the default parameters, on every
 * container: the container rewrites its own realm file (the other lines byte for byte), reads it
 * back, and the same password goes on logging in against the new hash. A wrong password upgrades
 * nothing. The shared database's case is {@link SharedUsersIT}'s.
 */
@Execution(ExecutionMode.CONCURRENT) // mostly waits for reloads
@ResourceLock(Containers.REALM_FILES)
class HashUpgradeIT {

    private static final Duration RELOAD = UsersCommandIT.RELOAD;

    @Test
    void aPbkdf2EntryIsArgon2idFromItsUsersNextLoginOnAndStillLogsIn() throws Exception {
        OnEach.container(Containers.all(), this::upgradedOn);
    }

    private void upgradedOn(Container container) throws Exception {
        Path realm = container.realmFile();
        User pat = new User("hu-pat", "hu-pat-pass", List.of("user"));
        UsersJar.run(realm, null, "remove", pat.name()); // exit 3 when it is not there
        String legacy = TestUsers.pbkdf2(pat.password(), 600_000);
        try {
            int readsBefore = RealmFiles.reads(container.log(), realm);
            RealmFiles.append(realm, pat.name(), legacy, pat.roles());
            Http http = new Http(container);
            Await.within(RELOAD, () -> http.get("api/v1/private", pat).statusCode() == 200, () -> pat.name() + " cannot log in with a PBKDF2 hash");
            String others = withoutLineOf(Files.readString(realm, StandardCharsets.UTF_8), pat);

            Await.within(RELOAD, () -> RealmFiles.stored(realm, pat.name()).startsWith("$argon2id$"), () -> pat.name() + " is still " + RealmFiles.stored(realm, pat.name()));
            Argon2id upgraded = Argon2id.parse(RealmFiles.stored(realm, pat.name())).orElseThrow();
            assertTrue(upgraded.isCurrent(Settings.Argon2.DEFAULTS) && upgraded.matches(pat.password()), upgraded.toString());
            assertEquals(others, withoutLineOf(Files.readString(realm, StandardCharsets.UTF_8), pat), "every other line as it was");
            assertTrue(container.log().contains("\"event\":\"users.hash_upgraded\",\"instance\""), "an audit line says so");
            assertFalse(container.log().contains(legacy) || container.log().contains(upgraded.stored()), "never a hash in the log");

            // read back (the append was one read, this is the next): the password logs in against the new hash, a wrong one
            // does not, and an Argon2id hash at the default is not upgraded again
            Await.within(RELOAD, () -> RealmFiles.reads(container.log(), realm) >= readsBefore + 2, () -> "the upgraded file was never read back");
            assertEquals(200, http.get("api/v1/private", pat).statusCode());
            assertChallenged(http.get("api/v1/private", new User(pat.name(), "not-" + pat.password(), List.of())));
            assertEquals(200, http.get("api/v1/private", pat).statusCode());
            assertEquals(upgraded.stored(), RealmFiles.stored(realm, pat.name()), "upgraded once");
        } finally {
            UsersJar.run(realm, null, "remove", pat.name());
        }
    }

    private static String withoutLineOf(String text, User user) {
        return text.lines().filter(line -> !line.contains(user.name())).collect(Collectors.joining("\n"));
    }
}
