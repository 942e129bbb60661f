package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import dev.securerestapi.it.support.Await;
import dev.securerestapi.it.support.Cluster;
import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.DocBlocks;
import dev.securerestapi.it.support.ForeignUsers;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.ParallelGuesses;
import dev.securerestapi.it.support.PostgresServer;
import dev.securerestapi.it.support.ProblemAssert;
import dev.securerestapi.it.support.RawHttp;
import dev.securerestapi.it.support.TestUsers;
import dev.securerestapi.it.support.UsersJar;
import dev.securerestapi.realm.RealmEntry;
import dev.securerestapi.realm.db.UserTable;
import dev.securerestapi.realm.hash.Argon2id;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Two instances, a stock Tomcat (with the add-on) and a stock Jetty running the same WAR, reading
 * their users from one PostgreSQL database as README.md's "Users in PostgreSQL" sets them up, with
 * the default lockout limits: the users command's changes reach both within 5 s, and failed logins
 * count the same on both. They are the shared cluster's n1 and n2, asked directly, not through
 * HAProxy. Each test uses users and client addresses of its own.
 */
@Execution(ExecutionMode.CONCURRENT) // mostly waits for the cluster to start and its nodes to see each change; nobody else uses the cluster: beside the suites that run one after another
class SharedUsersIT {

    /** The bound for a change to reach every instance. */
    static final Duration EVERYWHERE = Duration.ofSeconds(5);

    /** The cluster's Tomcat n1 and Jetty n2, and where the users command finds their database. */
    private record Nodes(Container tomcat, Container jetty, Path dbConfig, String jdbcUrl) {
        List<Container> nodes() {
            return List.of(tomcat, jetty);
        }
    }

    private static final Supplier<Boolean> README_CHECKED = Containers.memoize(SharedUsersIT::readmeShowsWhatTheUsersBlockPrinted);
    /** The right password among the parallel guesses: one the password policy takes. */
    private static final String PASSWORD_OF_A_GUESSED_USER = "guessed-at-in-parallel";

    /**
     * The shared cluster's nodes (Cluster.shared): set up by those same docs, and by README's users
     * block, which its cluster.sh runs.
     */
    private static Nodes cluster() {
        Cluster cluster = Cluster.shared();
        README_CHECKED.get();
        return new Nodes(cluster.node("n1"), cluster.node("n2"), cluster.usersDatabaseConfig(), cluster.jdbcUrl());
    }

    /** Every line README's users-postgresql block printed when the cluster ran it is one README shows. */
    private static Boolean readmeShowsWhatTheUsersBlockPrinted() {
        String readme = DocBlocks.block("users-postgresql");
        String output = Cluster.shared().usersBlockOutput();
        for (String line : output.strip().split("\n")) {
            if (!line.startsWith("added ") && !readme.contains("# " + line)) {
                throw new IllegalStateException("README's block does not show what list prints: " + line + "\n" + output);
            }
        }
        return true;
    }

    private static UsersJar.Result users(String stdin, String... args) {
        return UsersJar.onDatabase(cluster().dbConfig(), stdin, args);
    }

    private static void addUser(String name, String password, String roles) {
        UsersJar.Result added = users(password + "\n", "add", name, "--roles", roles);
        assertEquals(0, added.exitCode(), added::toString);
    }

    private static int status(Container node, String path, String user, String password) {
        return RawHttp.getFrom("127.0.0.1", node, path, user, password).status();
    }

    /**
     * Waits for every instance to answer {@code status} to {@code user}, as a client of the user's
     * own address behind the balancer: the failed logins of the waiting (a change not yet seen
     * counts as one) go against that address, not against 127.0.0.1, which the cluster's other
     * requests share and whose limit across all instances is 50 in 5 minutes.
     */
    private static void awaitEverywhere(String what, String user, String password, int status) {
        awaitEverywhere("127.0.6." + (Math.floorMod(user.hashCode(), 250) + 1), what, user, password, status);
    }

    /**
     * As a client at {@code from} behind the balancer: the failed logins of the waiting count
     * against that address.
     */
    private static void awaitEverywhere(String from, String what, String user, String password, int status) {
        for (Container node : cluster().nodes()) {
            Await.within(EVERYWHERE, () -> RawHttp.getFrom(from, node, "api/v1/private", user, password).status() == status,
                    () -> what + ": " + node + " does not answer " + status + " for " + user);
        }
    }

    @Test
    void theUsersReadmeAddsLogInThroughEveryInstance() throws Exception {
        for (Container node : cluster().nodes()) {
            Http http = new Http(node);
            var admin = http.send(http.request("api/v1/me").header("Authorization", Http.basic("admin", "SuperSecretPwd")));
            assertEquals(200, admin.statusCode(), () -> node + ": " + admin.body());
            assertEquals("{\"name\":\"admin\",\"roles\":[\"admin\",\"user\"]}", admin.body());
            var roy = http.send(http.request("api/v1/me").header("Authorization", Http.basic("roy", "reads-the-mailing-list")));
            assertEquals("{\"name\":\"roy\",\"roles\":[\"user\"]}", roy.body(), node::toString);
            assertEquals(401, status(node, "api/v1/private", "roy", "not-roy"), node::toString);
        }
        assertTrue(cluster().jetty().log()
                .contains("Storage: the container's DataSource jdbc/subscribers"), "Jetty keeps its data in PostgreSQL too");
    }

    @Test
    void aChangedPasswordStopsTheOldOneOnEveryInstanceWithinFiveSecondsRememberedLoginsIncluded() {
        addUser("shared-ivy", "ivy-pass-1", "user");
        awaitEverywhere("a new user", "shared-ivy", "ivy-pass-1", 200);
        for (Container node : cluster().nodes()) {
            assertEquals(200, status(node, "api/v1/private", "shared-ivy", "ivy-pass-1"), "now a remembered login on " + node);
        }
        UsersJar.Result changed = users("ivy-pass-2\n", "passwd", "shared-ivy");
        assertEquals(0, changed.exitCode(), changed::toString);
        awaitEverywhere("the old password", "shared-ivy", "ivy-pass-1", 401);
        awaitEverywhere("the new password", "shared-ivy", "ivy-pass-2", 200);
    }

    /**
     * PUT /api/v1/me/password on the Tomcat node stores the new hash in the shared tables: both
     * nodes, their remembered logins included, refuse the old password within five seconds and take
     * the new one; the audit line is the Tomcat node's.
     */
    @Test
    void aUserChangingTheirOwnPasswordOnOneInstanceIsRefusedTheOldOneOnEveryInstanceWithinFiveSeconds() {
        addUser("shared-paula", "paula-pass-1", "user");
        awaitEverywhere("a new user", "shared-paula", "paula-pass-1", 200);
        for (Container node : cluster().nodes()) {
            assertEquals(200, status(node, "api/v1/private", "shared-paula", "paula-pass-1"), "now a remembered login on " + node);
        }
        Http http = new Http(cluster().tomcat());
        var changed = http.send(http.request("api/v1/me/password").header("Authorization", Http.basic("shared-paula", "paula-pass-1"))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"current\":\"paula-pass-1\",\"new\":\"paula-pass-2-longer\"}")));
        assertEquals(204, changed.statusCode(), changed::body);
        awaitEverywhere("the old password", "shared-paula", "paula-pass-1", 401);
        awaitEverywhere("the new password", "shared-paula", "paula-pass-2-longer", 200);
        assertTrue(cluster().tomcat().log().contains("\"user\":\"shared-paula\",\"client\":"), "audited");
    }

    /**
     * {@code users --database reset}: the temporary password opens only its change on every node;
     * changed on the Jetty node, the user's own password and roles work on both.
     */
    @Test
    void aTemporaryPasswordInTheSharedDatabaseOpensOnlyItsChangeOnEveryInstance() {
        addUser("shared-tess", "tess-first-pass", "user");
        UsersJar.Result reset = users("", "reset", "shared-tess");
        assertEquals(0, reset.exitCode(), reset::toString);
        String temporary = reset.out().replaceFirst("(?s).*: ", "").strip();
        awaitEverywhere("the temporary password", "shared-tess", temporary, 403);
        Http http = new Http(cluster().jetty());
        var changed = http.send(http.request("api/v1/me/password").header("Authorization", Http.basic("shared-tess", temporary))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"current\":\"" + temporary + "\",\"new\":\"tess-own-pass-2\"}")));
        assertEquals(204, changed.statusCode(), changed::body);
        awaitEverywhere("her own password", "shared-tess", "tess-own-pass-2", 200);
        awaitEverywhere("the temporary one", "shared-tess", temporary, 401);
    }

    /**
     * A PBKDF2 hash in the shared table (as an earlier build, or a database of imported users,
     * left it): the first login, on Tomcat, stores Argon2id in its place, and Jetty then checks
     * the new hash.
     */
    @Test
    void aPbkdf2UserLoggingInOnOneInstanceIsStoredAsArgon2idForEveryInstance() throws Exception {
        String legacy = TestUsers.pbkdf2("una-pass", 600_000);
        try (Connection c = DriverManager.getConnection(cluster().jdbcUrl(), PostgresServer.ROLE, PostgresServer.PASSWORD)) {
            UserTable.add(c, "shared-una", legacy, List.of("user"));
        }
        Container tomcat = cluster().tomcat();
        Await.within(EVERYWHERE, () -> status(tomcat, "api/v1/private", "shared-una", "una-pass") == 200, () -> "shared-una on " + tomcat);
        Await.within(EVERYWHERE, () -> storedFor("shared-una").startsWith("$argon2id$"), () -> "still " + storedFor("shared-una"));
        assertTrue(Argon2id.parse(storedFor("shared-una")).orElseThrow().matches("una-pass"));
        awaitEverywhere("the upgraded hash", "shared-una", "una-pass", 200);
        awaitEverywhere("a wrong password", "shared-una", "not-una-pass", 401);
        assertTrue(tomcat.log().contains("\"event\":\"users.hash_upgraded\""), "an audit line says so");
    }

    @Test
    void aFileOfEveryFormatImportedIntoTheDatabaseLogsInOnTomcatAndIsArgon2idOnJetty() throws Exception {
        Map<String, String> users = new LinkedHashMap<>();
        for (ForeignUsers file : ForeignUsers.everyFormat()) {
            List<String> args = new ArrayList<>(List.of("import", file.file().toString()));
            args.addAll(file.options());
            UsersJar.Result imported = users(null, args.toArray(String[]::new));
            assertEquals(0, imported.exitCode(), file.file().getFileName() + ": " + imported);
            users.putAll(file.users());
        }
        String listed = users(null, "list").out();
        users.forEach((user, scheme) -> assertTrue(listed.contains(user + "\tuser\t" + scheme + "\n"), user + " as " + scheme + " in\n" + listed));
        for (String user : users.keySet()) {
            Await.within(EVERYWHERE, () -> status(cluster().tomcat(), "api/v1/private", user, ForeignUsers.password(user)) == 200,
                    () -> user + " cannot log in on " + cluster().tomcat());
        }
        for (String user : users.keySet()) {
            Await.within(EVERYWHERE, () -> storedFor(user).startsWith("$argon2id$"), () -> user + " is still " + users.get(user));
        }
        String upgraded = users(null, "list").out();
        users.keySet().forEach(user -> assertTrue(upgraded.contains(user + "\tuser\targon2id\n"), user + " in\n" + upgraded));
        for (String user : users.keySet()) {
            assertEquals(200, status(cluster().jetty(), "api/v1/private", user, ForeignUsers.password(user)), user + " on " + cluster().jetty());
        }
    }

    private static String storedFor(String name) {
        try (Connection c = DriverManager.getConnection(cluster().jdbcUrl(), PostgresServer.ROLE, PostgresServer.PASSWORD)) {
            return UserTable.read(c).entries().stream().filter(e -> e.name().equals(name))
                    .map(RealmEntry::stored).findFirst().orElse("(none)");
        } catch (SQLException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * Access tokens in the shared database: made on the Tomcat node, they log in on the Jetty node;
     * revoked there, or their user removed with the users command, they are refused by both within
     * 5 s. Through HAProxy a token logs in too, and wrong tokens sent with made-up forwarded
     * headers lock the name for the client HAProxy saw, as wrong passwords do. The table holds
     * digests only, and removing the user takes their rows with it.
     */
    @Test
    void aTokenMadeOnOneInstanceWorksOnTheOtherAndItsRevocationOrItsUsersRemovalReachesEveryInstanceWithinFiveSeconds()
            throws Exception {
        addUser("shared-toby", "toby-pass-long", "user");
        awaitEverywhere("a new user", "shared-toby", "toby-pass-long", 200);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Http tomcat = new Http(cluster().tomcat());
        List<com.fasterxml.jackson.databind.JsonNode> tokens = new ArrayList<>();
        for (String name : List.of("ci", "backup")) {
            var made = tomcat.send(tomcat.request("api/v1/me/tokens").header("Authorization", Http.basic("shared-toby", "toby-pass-long"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"scope\":\"read\",\"expires_in_days\":7}")));
            assertEquals(201, made.statusCode(), made::body);
            tokens.add(json.readTree(made.body()));
        }
        String ci = tokens.get(0).path("token").asText();
        String backup = tokens.get(1).path("token").asText();
        awaitEverywhere("a token made on Tomcat", "shared-toby", ci, 200);
        assertEquals(200, RawHttp.getFrom("127.0.5.1", Cluster.shared().proxy(), "api/v1/private", "shared-toby", ci).status(),
                "through HAProxy too");
        // wrong tokens through HAProxy, each claiming another client: counted against the address HAProxy saw, like passwords
        for (int i = 0; i < 5; i++) {
            RawHttp.Response guess = RawHttp.getFrom("127.0.5.2", Cluster.shared().proxy(), "api/v1/private",
                    Http.basic("shared-toby", "srapi_" + "G".repeat(42) + i).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                    "X-Forwarded-For: 203.0.113." + i + "\r\n");
            assertEquals(401, guess.status(), guess::toString);
        }
        RawHttp.Response locked = RawHttp.getFrom("127.0.5.2", Cluster.shared().proxy(), "api/v1/private",
                Http.basic("shared-toby", ci).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), "X-Forwarded-For: 203.0.113.99\r\n");
        assertEquals(429, locked.status(), () -> "five wrong tokens locked the name for that client, the right token too: " + locked);
        UsersJar.Result listed = users(null, "tokens", "shared-toby");
        assertTrue(listed.exitCode() == 0 && listed.out().contains(tokens.get(0).path("id").asText()), listed::toString);

        Http jetty = new Http(cluster().jetty());
        var revoked = jetty.send(jetty.request("api/v1/me/tokens/" + tokens.get(0).path("id").asText())
                .header("Authorization", Http.basic("shared-toby", "toby-pass-long")).DELETE());
        assertEquals(204, revoked.statusCode(), revoked::body);
        awaitEverywhere("a token revoked on Jetty", "shared-toby", ci, 401);
        awaitEverywhere("the other token", "shared-toby", backup, 200);

        try (Connection c = DriverManager.getConnection(cluster().jdbcUrl(), PostgresServer.ROLE, PostgresServer.PASSWORD);
                Statement select = c.createStatement();
                ResultSet rows = select.executeQuery("SELECT digest FROM realm_tokens WHERE name = 'shared-toby'")) {
            assertTrue(rows.next(), "the backup token's row");
            assertTrue(rows.getString(1).matches("[0-9a-f]{64}") && !backup.contains(rows.getString(1)), "a digest, never the secret");
            assertFalse(rows.next(), "the revoked one is gone");
        }
        UsersJar.Result removed = users(null, "remove", "shared-toby");
        assertEquals(0, removed.exitCode(), removed::toString);
        awaitEverywhere("the token of a removed user", "shared-toby", backup, 401);
        try (Connection c = DriverManager.getConnection(cluster().jdbcUrl(), PostgresServer.ROLE, PostgresServer.PASSWORD);
                Statement select = c.createStatement();
                ResultSet rows = select.executeQuery("SELECT COUNT(*) FROM realm_tokens WHERE name = 'shared-toby'")) {
            assertTrue(rows.next() && rows.getInt(1) == 0, "the user's tokens went with the user");
        }
    }

    @Test
    void aRemovedUserIsRefusedByEveryInstanceWithinFiveSeconds() {
        addUser("shared-kim", "kim-pass", "user");
        awaitEverywhere("a new user", "shared-kim", "kim-pass", 200);
        UsersJar.Result removed = users(null, "remove", "shared-kim");
        assertEquals(0, removed.exitCode(), removed::toString);
        awaitEverywhere("a removed user", "shared-kim", "kim-pass", 401);
    }

    @Test
    void aRoleGivenWithTheUsersCommandLetsTheUserChangeDataOnEveryInstance() throws Exception {
        addUser("shared-jack", "jack-pass", "user");
        awaitEverywhere("a new user", "shared-jack", "jack-pass", 200);
        for (Container node : cluster().nodes()) {
            assertEquals(403, create(node, "shared-jack", "jack-pass"), "a reader may not change data on " + node);
        }
        UsersJar.Result roles = users(null, "roles", "shared-jack", "admin,user");
        assertEquals(0, roles.exitCode(), roles::toString);
        for (Container node : cluster().nodes()) {
            Await.within(EVERYWHERE, () -> create(node, "shared-jack", "jack-pass") == 201, () -> node + " did not see the new role");
        }
    }

    private static int create(Container node, String user, String password) {
        Http http = new Http(node);
        return http.send(http.request("api/v1/subscribers").header("Authorization", Http.basic(user, password))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Shared\",\"email\":\"shared-" + UUID.randomUUID() + "@example.org\"}")))
                .statusCode();
    }

    @Test
    void failuresOnOneInstanceCountOnTheOther() {
        addUser("shared-leo", "leo-pass", "user");
        awaitEverywhere("a new user", "shared-leo", "leo-pass", 200);
        for (int i = 0; i < 3; i++) {
            assertEquals(401, RawHttp.getFrom("127.0.2.1", cluster().tomcat(), "api/v1/private", "shared-leo", "wrong-" + i).status());
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(401, RawHttp.getFrom("127.0.2.1", cluster().jetty(), "api/v1/private", "shared-leo", "wrong-j" + i).status());
        }
        // neither instance saw five failures itself
        for (Container node : cluster().nodes()) {
            RawHttp.Response locked = RawHttp.getFrom("127.0.2.1", node, "api/v1/private", "shared-leo", "leo-pass");
            assertEquals(429, locked.status(), () -> node + ": " + locked);
            ProblemAssert.assertProblemBody(429, locked.body());
            assertEquals(200, RawHttp.getFrom("127.0.2.2", node, "api/v1/private", "shared-leo", "leo-pass").status(),
                    "locked for that address only, on " + node);
        }
    }

    @Test
    void parallelGuessesOnTomcatGetNoMoreChecksThanTheLimit() throws Exception {
        parallelGuesses("shared-max-t", "127.0.3.1", List.of(cluster().tomcat()));
    }

    @Test
    void parallelGuessesOnJettyGetNoMoreChecksThanTheLimit() throws Exception {
        parallelGuesses("shared-max-j", "127.0.3.2", List.of(cluster().jetty()));
    }

    @Test
    void parallelGuessesSpreadOverBothInstancesGetNoMoreChecksThanOnOne() throws Exception {
        parallelGuesses("shared-max-b", "127.0.3.3", cluster().nodes());
    }

    /**
     * 150 wrong passwords and the right one, at once, over {@code nodes} in turn: at most 5 are
     * checked, and the right one is refused, though every node has verified it before.
     */
    private static void parallelGuesses(String user, String from, List<Container> nodes) throws Exception {
        addUser(user, PASSWORD_OF_A_GUESSED_USER, "user");
        for (Container node : nodes) {
            Await.within(EVERYWHERE, () -> status(node, "api/v1/private", user, PASSWORD_OF_A_GUESSED_USER) == 200, () -> node + " lacks " + user);
        }
        ParallelGuesses burst = ParallelGuesses.send(nodes, from, user, PASSWORD_OF_A_GUESSED_USER);
        assertTrue(burst.checked() <= 5, burst.checked() + " wrong passwords were checked over " + nodes + "; at most 5 may be");
        assertEquals(ParallelGuesses.GUESSES, burst.checked() + burst.refused(), "every guess was answered 401 or 429");
        assertEquals(429, burst.right().status(), "the right password among the guesses does not get in");
    }

    @Test
    void aFloodOfNamesIsCountedInTheTableAsDigestsOnly() throws SQLException {
        for (int i = 0; i < 40; i++) {
            Container node = cluster().nodes().get(i % 2);
            assertEquals(401, RawHttp.getFrom("127.0.4." + (i / 10), node, "api/v1/private", "flood-" + i, "guess").status());
        }
        try (Connection c = DriverManager.getConnection(cluster().jdbcUrl(), PostgresServer.ROLE, PostgresServer.PASSWORD);
                Statement select = c.createStatement();
                ResultSet rows = select.executeQuery("SELECT throttle_key, failures FROM login_throttle")) {
            int flooded = 0;
            while (rows.next()) {
                String key = rows.getString(1);
                assertTrue(key.matches("[0-9a-f]{64}"), "a key is a digest: " + key);
                assertFalse(key.contains("flood") || key.contains("127.0.4"), key);
                flooded += rows.getInt(2) == 1 ? 1 : 0;
            }
            assertTrue(flooded >= 80, "each name counted once for itself and once with its address: " + flooded);
        }
    }
}
