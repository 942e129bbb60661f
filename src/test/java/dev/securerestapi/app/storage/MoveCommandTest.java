package dev.securerestapi.app.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data command's move, between two H2 files (its SQL is portable; MovingToPostgresIT moves
 * into PostgreSQL): rows keep their ids, versions and times, new ids go on past the highest, a
 * target with subscribers or a folder without a database is refused with nothing changed, and
 * nothing it prints holds the password.
 */
class MoveCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run move(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = MoveCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path source() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        String url = Database.embeddedUrl(data);
        Database.migrate(url, new java.util.Properties());
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (int i = 1; i <= 3; i++) {
                s.executeUpdate("INSERT INTO subscribers (name, email, email_key, created_at, version) VALUES ('S" + i + "', 's" + i
                        + "@example.org', 's" + i + "@example.org', TIMESTAMP WITH TIME ZONE '2026-0" + i + "-01 10:00:00+00', " + i + ")");
            }
            s.executeUpdate("DELETE FROM subscribers WHERE name = 'S3'");
        }
        return data;
    }

    private Path config(Path target) throws Exception {
        Path config = dir.resolve("target.properties");
        Files.writeString(config, "url=" + Database.embeddedUrl(target).replace("\\", "\\\\") + "\nuser=sa\npassword=secret-pass-123\n");
        return config;
    }

    /** The target's rows (its account is the config's). */
    private static List<String> rows(String url) throws Exception {
        return rows(url, "sa", "secret-pass-123");
    }

    private static List<String> rows(String url, String user, String password) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id, name, email, email_key, created_at, version FROM subscribers ORDER BY id")) {
            while (r.next()) {
                rows.add(r.getLong(1) + " " + r.getString(2) + " " + r.getString(3) + " " + r.getString(4) + " "
                        + r.getObject(5, java.time.OffsetDateTime.class).toInstant() + " " + r.getLong(6));
            }
        }
        return rows;
    }

    @Test
    void everySubscriberMovesWithItsIdVersionAndTimeAndNewIdsGoOnPastThem() throws Exception {
        Path data = source();
        Path target = dir.resolve("target");
        Run run = move("move", "--from", data.toString(), "--database-config", config(target).toString());
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("Moved 2 subscribers"), run.out());
        assertTrue(run.out().contains("new ids start at 3"), run.out());
        assertFalse((run.out() + run.err()).contains("secret-pass-123"));
        String to = Database.embeddedUrl(target);
        assertEquals(rows(Database.embeddedUrl(data), "", ""), rows(to));
        assertEquals(List.of("1 S1 s1@example.org s1@example.org 2026-01-01T10:00:00Z 1", "2 S2 s2@example.org s2@example.org 2026-02-01T10:00:00Z 2"),
                rows(to));
        try (Connection c = DriverManager.getConnection(to, "sa", "secret-pass-123"); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO subscribers (name, email, email_key, created_at) VALUES ('New', 'n@example.org', 'n@example.org', CURRENT_TIMESTAMP)");
            ResultSet id = s.executeQuery("SELECT id FROM subscribers WHERE name = 'New'");
            id.next();
            assertEquals(3, id.getLong(1), "the database's next id is past the moved ones");
        }
    }

    @Test
    void aTargetWithSubscribersIsRefusedAndKeepsThem() throws Exception {
        Path data = source();
        Path target = dir.resolve("target");
        Path config = config(target);
        assertEquals(0, move("move", "--from", data.toString(), "--database-config", config.toString()).exit());
        List<String> before = rows(Database.embeddedUrl(target));
        Run again = move("move", "--from", data.toString(), "--database-config", config.toString());
        assertEquals(4, again.exit(), again.toString());
        assertTrue(again.err().contains("already has 2 subscribers"), again.err());
        assertEquals(before, rows(Database.embeddedUrl(target)));
    }

    @Test
    void aFolderWithoutADatabaseIsRefusedWithoutMakingOne() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run run = move("move", "--from", empty.toString(), "--database-config", config(dir.resolve("target")).toString());
        assertEquals(4, run.exit(), run.toString());
        assertTrue(run.err().contains("no subscribers.mv.db"), run.err());
        try (var files = Files.list(empty)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void wrongArgumentsAreUsageErrorsAndHelpIsNot() {
        assertEquals(2, move().exit());
        assertEquals(2, move("copy").exit());
        assertEquals(2, move("move", "--from", "x").exit());
        assertEquals(2, move("move", "--from", "x", "--database-config", "y", "--force").exit());
        Run help = move("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("usage: java -jar secure-rest-api-data.jar move"), help.out());
    }
}
