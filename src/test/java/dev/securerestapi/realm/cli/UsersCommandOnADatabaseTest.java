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
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;

import dev.securerestapi.CountingDatabase;
import dev.securerestapi.realm.RealmEntry;
import dev.securerestapi.realm.db.UserTable;
import dev.securerestapi.realm.hash.Argon2id;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users command on the shared database's tables (H2 here; PostgreSQL in SharedUsersIT): same commands, same exit codes. */
class UsersCommandOnADatabaseTest {

    private final CountingDatabase database = new CountingDatabase();
    private final Map<String, String> env = Map.of(DatabaseUsers.URL, database.url());
    private String out;
    private String err;

    private int run(Map<String, String> environment, String stdin, String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        UsersCommand command = new UsersCommand(environment, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null,
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = command.run(args);
        } catch (Failure e) {
            stderr.writeBytes(e.getMessage().getBytes(StandardCharsets.UTF_8));
            code = e.exitCode();
        }
        out = stdout.toString(StandardCharsets.UTF_8);
        err = stderr.toString(StandardCharsets.UTF_8);
        return code;
    }

    private int run(String stdin, String... args) {
        return run(env, stdin, args);
    }

    private RealmEntry stored(String name) throws Exception {
        try (Connection c = DriverManager.getConnection(database.url())) {
            return UserTable.read(c).entries().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
        }
    }

    @Test
    void everyCommandWorksOnTheTablesAsOnAFile() throws Exception {
        assertEquals(0, run("hilltop-orchard-42\n", "--database", "add", "grace", "--roles", "admin,user"), err);
        assertTrue(Argon2id.parse(stored("grace").stored()).orElseThrow().matches("hilltop-orchard-42"), "Argon2id, never the password");
        assertEquals(0, run("", "--database", "list"), err);
        assertEquals("grace\tadmin,user\targon2id\n", out);
        assertEquals(0, run("hilltop-orchard-42\n", "--database", "verify", "grace"), err);
        assertEquals(1, run("not-it\n", "--database", "verify", "grace"), "a wrong password does not match");
        assertEquals(0, run("quiet-river-stone\n", "--database", "passwd", "grace"), err);
        assertEquals(0, run("quiet-river-stone\n", "--database", "verify", "grace"), err);
        assertEquals(0, run("", "--database", "roles", "grace", "user"), err);
        assertEquals(java.util.List.of("user"), stored("grace").roles());
        assertEquals(0, run("", "--database", "remove", "grace"), err);
        assertEquals(0, run("", "--database", "list"), err);
        assertEquals("", out);
    }

    /** Lines Apache's htpasswd 2.4 wrote (-B -C 10, -m, -s), each for the password "secret". */
    private static final String HTPASSWD = "carol:$2y$10$YnW39MsmJkntZTlOD1nKuO9l4GWjgcd2yCBf7aL6IPl4NTLhAiRpy\n"
            + "alice:$apr1$OeEwY4lf$2Xq4N18itqgJgkdHgVN6Q0\n# a comment\n\nbob:{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=\n";

    @Test
    void anHtpasswdFileImportsIntoTheTablesAllOfItOrNone(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.htpasswd"), HTPASSWD + "dora:plain-text\n");
        assertEquals(6, run("", "--database", "import", bad.toString()), "a line it cannot take");
        assertTrue(err.contains("line 6: the password of 'dora': none of the hashes this command imports"), err);
        assertEquals(0, run("", "--database", "list"), err);
        assertEquals("", out, "nothing was imported");

        Path file = Files.writeString(dir.resolve("users.htpasswd"), HTPASSWD);
        assertEquals(0, run("", "--database", "import", file.toString(), "--roles", "user,admin"), err);
        assertTrue(out.contains("imported 3 users") && out.contains("1 hashes kept as they are, 2 weak ones wrapped"), out);
        assertEquals(0, run("", "--database", "list"), err);
        assertEquals("alice\tadmin,user\targon2id(apr1)\nbob\tadmin,user\targon2id(sha1)\ncarol\tadmin,user\tbcrypt\n", out, "by name, as the tables keep them");
        for (String user : java.util.List.of("carol", "alice", "bob")) {
            assertEquals(0, run("secret\n", "--database", "verify", user), user + ": " + out + err);
            assertEquals(1, run("Secret\n", "--database", "verify", user), user);
        }
        assertTrue(!stored("alice").stored().contains("2Xq4N18itqgJgkdHgVN6Q0"), "the weak hash is not stored as it is");
        assertEquals(4, run("", "--database", "import", file.toString()), "they exist now");
    }

    @Test
    void mistakesGetTheFilesExitCodesAndChangeNothing() throws Exception {
        assertEquals(0, run("copper-kettle-88\n", "--database", "add", "roy"), err);
        String before = stored("roy").stored();
        assertEquals(4, run("other\n", "--database", "add", "roy"), "exists");
        assertEquals(2, run("other\n", "--database", "add", "ｒｏｙ"), "a look-alike is not a name in its RFC 8265 form");
        assertTrue(err.contains("that would be 'roy'"), err);
        assertEquals(3, run("x\n", "--database", "passwd", "nobody"));
        assertEquals(3, run("", "--database", "remove", "nobody"));
        assertEquals(5, run("\n", "--database", "passwd", "roy"), "an empty password");
        assertEquals(2, run("", "--database", "roles", "roy", "root"), "an unknown role");
        assertEquals(2, run("", "--database", "--password", "x", "list"), "no password on the command line");
        assertEquals(2, run("", "--database", "--file", "realm.properties", "list"), "a file or the database, not both");
        assertEquals(before, stored("roy").stored());
        assertEquals(java.util.List.of("user"), stored("roy").roles());
    }

    @Test
    void withoutADatabaseTheCommandSaysWhatToDo() {
        assertEquals(2, run(Map.of(), "", "--database", "list"));
        assertTrue(err.contains(DatabaseUsers.URL), err);
    }

    /** The login core's tables are its own: the users command makes a store on an empty database, no WAR started. */
    @Test
    void onAnEmptyDatabaseTheCommandMakesTheStoreItself() {
        Map<String, String> empty = Map.of(DatabaseUsers.URL, "jdbc:h2:mem:empty-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        assertEquals(0, run(empty, "", "--database", "list"), err);
        assertEquals(0, run(empty, "hilltop-orchard-43\n", "--database", "add", "grace", "--roles", "admin,user"), err);
        assertEquals(0, run(empty, "", "--database", "list"), err);
        assertTrue(out.contains("grace\tadmin,user"), out);
    }

    @Test
    void aConfigFileOthersCanReadIsWarnedAbout(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("db.properties"), "url=" + database.url() + "\nuser=\npassword=\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(0, run(Map.of(), "", "--database-config", config.toString(), "list"), err);
        assertTrue(err.contains("warning"), "the file holds the database's password: " + err);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        assertEquals(0, run(Map.of(), "", "--database-config", config.toString(), "list"), err);
        assertEquals("", err);
    }
}
