package dev.securerestapi.realm.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/**
 * The login core's own tables ({@code realm-schema.sql} beside this class): made when missing, with
 * nothing but JDBC, so that the WAR and the users command each make them on a database that has
 * none, and neither needs the other (nor the application's migrations) first. Each statement leaves
 * a table that is already there alone, so instances that start together may all run it.
 */
public final class RealmSchema {

    private static final List<String> STATEMENTS = statements();

    private RealmSchema() {}

    /** Makes whatever of the tables is missing, and realm_version's one row. */
    public static void ensure(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            for (String sql : STATEMENTS) {
                statement.execute(sql);
            }
            if (!UserTable.hasVersionRow(connection)) {
                try {
                    statement.executeUpdate("INSERT INTO realm_version (id, version) VALUES (1, 0)");
                } catch (SQLException raced) {
                    if (!UserTable.hasVersionRow(connection)) {
                        throw raced;
                    } // another instance made it meanwhile
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static List<String> statements() {
        try (InputStream in = RealmSchema.class.getResourceAsStream("realm-schema.sql")) {
            if (in == null) {
                throw new IllegalStateException("realm-schema.sql is missing beside " + RealmSchema.class.getName());
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^\\s*--.*$", "");
            return Arrays.stream(text.split(";")).map(String::strip).filter(sql -> !sql.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
