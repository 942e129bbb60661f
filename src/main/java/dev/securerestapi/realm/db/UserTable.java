package dev.securerestapi.realm.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.securerestapi.realm.RealmEntry;

/**
 * The realm's users in the database several instances share: tables {@code realm_users} and
 * {@code realm_user_roles}, and the counter {@code realm_version} that every change moves in the
 * same transaction, so an instance needs one cheap query a second to know whether to read the
 * users again. Made by {@link RealmSchema}, the login core's own schema step. Portable SQL.
 */
public final class UserTable {

    /** The users at one version of the tables. Entries carry no line: {@code line} is 0. */
    public record Snapshot(long version, List<RealmEntry> entries) {
        public Snapshot {
            entries = List.copyOf(entries);
        }
    }

    /** Whether realm_version holds its one row. */
    static boolean hasVersionRow(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM realm_version WHERE id = 1");
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getInt(1) > 0;
        }
    }

    /** An edit the tables refused: the user exists (add), or does not (every other edit). */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    private UserTable() {}

    public static long version(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT version FROM realm_version WHERE id = 1");
                ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("realm_version has no row: the schema was not made by RealmSchema");
            }
            return row.getLong(1);
        }
    }

    /** Every user with its roles, and the version they are at, read in one transaction. */
    public static Snapshot read(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            long version = version(c);
            Map<String, String> hashes = new LinkedHashMap<>();
            try (PreparedStatement select = c.prepareStatement("SELECT name, password_hash FROM realm_users ORDER BY name");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    hashes.put(rows.getString(1), rows.getString(2));
                }
            }
            Map<String, List<String>> roles = new LinkedHashMap<>();
            try (PreparedStatement select = c.prepareStatement("SELECT name, role FROM realm_user_roles ORDER BY name, role");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    roles.computeIfAbsent(rows.getString(1), name -> new ArrayList<>()).add(rows.getString(2));
                }
            }
            c.commit();
            List<RealmEntry> entries = new ArrayList<>();
            hashes.forEach((name, hash) -> entries.add(new RealmEntry(name, hash, roles.getOrDefault(name, List.of()), 0)));
            return new Snapshot(version, entries);
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setTransactionIsolation(isolation);
            c.setAutoCommit(autoCommit);
        }
    }

    public static void add(Connection c, String name, String hash, List<String> roles) throws SQLException, Refused {
        addAll(c, List.of(new RealmEntry(name, hash, roles, 0)));
    }

    /** Every one of {@code entries}, in one transaction: all of them, or (one exists already) none. */
    public static void addAll(Connection c, List<RealmEntry> entries) throws SQLException, Refused {
        change(c, () -> {
            for (RealmEntry entry : entries) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO realm_users (name, password_hash) VALUES (?, ?)")) {
                    insert.setString(1, entry.name());
                    insert.setString(2, entry.stored());
                    insert.executeUpdate();
                } catch (SQLException e) {
                    if ("23505".equals(e.getSQLState())) {
                        throw new Refused("user '" + entry.name() + "' already exists");
                    }
                    throw e;
                }
                insertRoles(c, entry.name(), entry.roles());
            }
        });
    }

    public static void passwd(Connection c, String name, String hash) throws SQLException, Refused {
        change(c, () -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE realm_users SET password_hash = ? WHERE name = ?")) {
                update.setString(1, hash);
                update.setString(2, name);
                existed(update.executeUpdate(), name);
            }
        });
    }

    /** {@code name}'s hash becomes {@code to}, if it is still {@code from}; else Refused and nothing changes. */
    public static void upgrade(Connection c, String name, String from, String to) throws SQLException, Refused {
        change(c, () -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE realm_users SET password_hash = ? WHERE name = ? AND password_hash = ?")) {
                update.setString(1, to);
                update.setString(2, name);
                update.setString(3, from);
                existed(update.executeUpdate(), name);
            }
        });
    }

    public static void roles(Connection c, String name, List<String> roles) throws SQLException, Refused {
        change(c, () -> {
            try (PreparedStatement touch = c.prepareStatement("UPDATE realm_users SET name = name WHERE name = ?")) {
                touch.setString(1, name); // locks the user's row, and says whether there is one
                existed(touch.executeUpdate(), name);
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM realm_user_roles WHERE name = ?")) {
                delete.setString(1, name);
                delete.executeUpdate();
            }
            insertRoles(c, name, roles);
        });
    }

    public static void remove(Connection c, String name) throws SQLException, Refused {
        change(c, () -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM realm_user_roles WHERE name = ?")) {
                delete.setString(1, name);
                delete.executeUpdate();
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM realm_users WHERE name = ?")) {
                delete.setString(1, name);
                existed(delete.executeUpdate(), name);
            }
        });
    }

    private interface Edit {
        void run() throws SQLException, Refused;
    }

    /** A change of the core's tables beside the users (access tokens): SQL only. */
    interface SqlEdit {
        void run() throws SQLException;
    }

    /** {@code edit}, then the version, in one transaction (as every change of the users). */
    static void changed(Connection c, SqlEdit edit) throws SQLException {
        try {
            change(c, edit::run);
        } catch (Refused never) {
            throw new IllegalStateException(never);
        }
    }

    /** One transaction: the edit, then the version, so no instance reads a change without noticing it. */
    private static void change(Connection c, Edit edit) throws SQLException, Refused {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            edit.run();
            try (PreparedStatement bump = c.prepareStatement("UPDATE realm_version SET version = version + 1 WHERE id = 1")) {
                if (bump.executeUpdate() != 1) {
                    throw new SQLException("realm_version has no row: the schema was not made by RealmSchema");
                }
            }
            c.commit();
        } catch (SQLException | Refused | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void insertRoles(Connection c, String name, List<String> roles) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO realm_user_roles (name, role) VALUES (?, ?)")) {
            for (String role : roles) {
                insert.setString(1, name);
                insert.setString(2, role);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void existed(int rows, String name) throws Refused {
        if (rows == 0) {
            throw new Refused("no user '" + name + "'");
        }
    }
}
