package dev.securerestapi.app.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import dev.securerestapi.realm.db.RealmSchema;
import dev.securerestapi.realm.db.UserTable;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;

/**
 * A database an earlier build migrated has the login core's tables from the application's Flyway
 * migrations V2 and V4, which the WAR no longer carries: the application still starts on it,
 * and the core's schema step leaves those tables and their rows as they are.
 */
class DatabaseOfAnEarlierBuildTest {

    @Test
    void theRealmMigrationsOfEarlierBuildsAreNeitherMissedNorRunAgain() throws Exception {
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "");
        try {
            Database.over(pool).close();
            try (Connection c = pool.getConnection(); Statement statement = c.createStatement()) {
                RealmSchema.ensure(c);
                UserTable.add(c, "grace", "00".repeat(16) + "$600000$" + "ab".repeat(32), List.of("admin"));
                // what an earlier build's Flyway recorded: V2 and V4 applied, from files this build does not have
                for (String[] applied : new String[][] {{"2", "realm"}, {"4", "login known"}}) {
                    statement.executeUpdate("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\","
                            + " \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") VALUES (" + (10 + Integer.parseInt(applied[0]))
                            + ", '" + applied[0] + "', '" + applied[1] + "', 'SQL', 'V" + applied[0] + "__x.sql', 1, 'sa', 1, TRUE)");
                }
            }
            Database.over(pool).close(); // starts: the missing files are no reason to refuse the database
            try (Connection c = pool.getConnection()) {
                RealmSchema.ensure(c);
                assertEquals(1, UserTable.read(c).entries().size(), "grace is still there");
                assertEquals(1, UserTable.version(c));
                try (Statement statement = c.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM realm_version")) {
                    rows.next();
                    assertEquals(1, rows.getInt(1), "one version row, however often the schema step runs");
                }
                assertTrue(c.getMetaData().getTables(null, null, "LOGIN_KNOWN", null).next());
            }
        } finally {
            pool.dispose();
        }
    }

    /** An instance with its users in the database makes the core's tables before the application migrates its own. */
    @Test
    void aDatabaseWhereTheLoginCoreCameFirstStillGetsTheApplicationsTables() throws Exception {
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "");
        try {
            try (Connection c = pool.getConnection()) {
                RealmSchema.ensure(c);
            }
            Database.over(pool).close();
            try (Connection c = pool.getConnection(); Statement statement = c.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM subscribers")) {
                rows.next();
                assertEquals(0, rows.getInt(1), "V1 ran: the mailing list's table is there");
                assertEquals(0, UserTable.version(c));
            }
        } finally {
            pool.dispose();
        }
    }
}
