package dev.securerestapi.it;

import static dev.securerestapi.it.support.ProblemAssert.assertChallenged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.securerestapi.it.support.Await;
import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.DocBlocks;
import dev.securerestapi.it.support.ForeignUsers;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.ItConfig;
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
 * docs/operations.md's "Importing users" block, as it stands, on every container's realm file: an
 * htpasswd file made by Apache's own htpasswd (bcrypt, $apr1$, crypt) is imported, every user logs
 * in with the password they had and a wrong one does not, and after that first login each is
 * stored as Argon2id and logs in against it. Then the same, on the stock Tomcat and the stock Jetty,
 * for a file of every format the command reads, each made by its own tool ({@link ForeignUsers}).
 */
@Execution(ExecutionMode.CONCURRENT) // mostly waits for reloads
@ResourceLock(Containers.REALM_FILES)
class ImportingUsersIT {

    private static final Duration RELOAD = UsersCommandIT.RELOAD;
    private static final List<User> IMPORTED = List.of(new User("alice", "alice-pass", List.of("user")),
            new User("bob", "bob-pass", List.of("user")), new User("carl", "carl-pass", List.of("user")));

    @Test
    void anHtpasswdFileOfEveryKindImportsLogsInAndBecomesArgon2id() throws Exception {
        OnEach.container(Containers.all(), this::importedOn);
    }

    private void importedOn(Container container) throws Exception {
        Path realm = container.realmFile();
        String before = UsersJar.run(realm, null, "list").out(); // left by an earlier run: removed first
        IMPORTED.stream().filter(user -> before.contains(user.name() + "\t")).forEach(user -> UsersJar.run(realm, null, "remove", user.name()));
        // the block's checkout: its users jar, and its realm file standing for this container's (the command edits what a link points at)
        Path checkout = ItConfig.freshWorkDir("importing-users-" + container.name().replaceAll("[^A-Za-z0-9]+", "-"));
        Files.createDirectories(checkout.resolve("target"));
        Files.createSymbolicLink(checkout.resolve("target/secure-rest-api-users.jar"), ItConfig.usersJar());
        Files.createSymbolicLink(checkout.resolve("target/my-realm.properties"), realm);
        try {
            int readsBefore = RealmFiles.reads(container.log(), realm);
            Process block = new ProcessBuilder("bash", "-euo", "pipefail", "-c", DocBlocks.block("importing-users"))
                    .directory(checkout.toFile()).redirectErrorStream(true).start();
            assertTrue(block.waitFor(5, TimeUnit.MINUTES), "the block did not end");
            String output = new String(block.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, block.exitValue(), output);
            assertTrue(output.contains("imported 3 users into") && output.contains("1 hashes kept as they are, 2 weak ones wrapped"), output);
            for (String line : List.of("alice\tuser\tbcrypt", "bob\tuser\targon2id(apr1)", "carl\tuser\targon2id(crypt)")) {
                assertTrue(output.contains(line + "\n") && DocBlocks.block("importing-users").contains("# " + line + "\n"), line + " in\n" + output);
            }

            Http http = new Http(container);
            for (User user : IMPORTED) {
                Await.within(RELOAD, () -> http.get("api/v1/private", user).statusCode() == 200, () -> user.name() + " cannot log in");
                assertChallenged(http.get("api/v1/private", new User(user.name(), "not-" + user.password(), List.of())));
            }
            for (User user : IMPORTED) {
                Await.within(RELOAD, () -> RealmFiles.stored(realm, user.name()).startsWith("$argon2id$"), () -> user.name() + " is still " + scheme(realm, user));
                assertTrue(Argon2id.parse(RealmFiles.stored(realm, user.name())).orElseThrow().isCurrent(Settings.Argon2.DEFAULTS));
            }
            // read back (the import was one read, the upgrades at least one more): the same passwords log in against Argon2id
            Await.within(RELOAD, () -> RealmFiles.reads(container.log(), realm) >= readsBefore + 2, () -> "the upgraded file was never read back");
            Await.within(RELOAD, () -> IMPORTED.stream().allMatch(user -> http.get("api/v1/private", user).statusCode() == 200),
                    () -> "an imported user no longer logs in");
        } finally {
            IMPORTED.forEach(user -> UsersJar.run(realm, null, "remove", user.name()));
        }
    }

    @Test
    void aFileOfEveryFormatImportsLogsInOnBothContainersAndBecomesArgon2id() throws Exception {
        // the stock distributions: the embedded Jetty and the Tomcat with PostgreSQL read realm files as these do
        OnEach.container(java.util.stream.Stream.of(Containers.tomcat(), Containers.jetty()), this::everyFormatOn);
    }

    private void everyFormatOn(Container container) throws Exception {
        Path realm = container.realmFile();
        Map<String, String> users = new java.util.LinkedHashMap<>();
        ForeignUsers.everyFormat().forEach(file -> users.putAll(file.users()));
        String before = UsersJar.run(realm, null, "list").out();
        users.keySet().stream().filter(user -> before.contains(user + "\t")).forEach(user -> UsersJar.run(realm, null, "remove", user));
        // put back as it was afterwards, in one atomic replace (one users command run per user took a minute)
        Path kept = Files.createTempFile(realm.getParent(), ".before-import", ".tmp");
        Files.copy(realm, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        try {
            for (ForeignUsers file : ForeignUsers.everyFormat()) {
                List<String> args = new java.util.ArrayList<>(List.of("import", file.file().toString()));
                args.addAll(file.options());
                UsersJar.Result imported = UsersJar.run(realm, null, args.toArray(String[]::new));
                assertEquals(0, imported.exitCode(), file.file().getFileName() + ": " + imported);
            }
            String listed = UsersJar.run(realm, null, "list").out();
            users.forEach((user, scheme) -> assertTrue(listed.contains(user + "\tuser\t" + scheme + "\n"), user + " as " + scheme + " in\n" + listed));

            Http http = new Http(container);
            for (String user : users.keySet()) {
                User right = new User(user, ForeignUsers.password(user), List.of("user"));
                Await.within(RELOAD, () -> http.get("api/v1/private", right).statusCode() == 200, () -> user + " cannot log in");
                assertChallenged(http.get("api/v1/private", new User(user, "x" + right.password(), List.of())));
            }
            for (String user : users.keySet()) {
                Await.within(RELOAD, () -> RealmFiles.stored(realm, user).startsWith("$argon2id$"), () -> user + " is still " + users.get(user));
            }
            String upgraded = UsersJar.run(realm, null, "list").out();
            users.keySet().forEach(user -> assertTrue(upgraded.contains(user + "\tuser\targon2id\n"), user + " in\n" + upgraded));
            Await.within(RELOAD, () -> users.keySet().stream()
                    .allMatch(user -> http.get("api/v1/private", new User(user, ForeignUsers.password(user), List.of())).statusCode() == 200),
                    () -> "an imported user no longer logs in against Argon2id");
        } finally {
            Files.move(kept, realm, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static String scheme(Path realm, User user) {
        String stored = RealmFiles.stored(realm, user.name());
        return stored.length() > 12 ? stored.substring(0, 12) + "..." : stored;
    }
}
