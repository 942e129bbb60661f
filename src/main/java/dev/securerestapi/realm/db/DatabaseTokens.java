package dev.securerestapi.realm.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

import javax.sql.DataSource;

import dev.securerestapi.credentials.AccessTokens;
import dev.securerestapi.realm.tokens.StoredToken;
import dev.securerestapi.realm.tokens.TokenDigest;
import dev.securerestapi.realm.tokens.TokenStore;

/**
 * The access tokens of every instance, in table {@code realm_tokens} of the shared database
 * ({@code realm-schema.sql}). A change moves {@code realm_version} in the same transaction; each
 * instance's {@link SharedUsers} checks it every second and reads the users and the tokens again
 * when it moved (one query a second for both), so a token made or
 * revoked anywhere is in force everywhere within about a second, and a login never queries the
 * database. While it does not answer, the tokens read last stay in force (as the users do).
 */
public final class DatabaseTokens implements TokenStore {

    private static final Logger LOG = Logger.getLogger(DatabaseTokens.class.getName());
    private static final String COLUMNS = "id, name, digest, label, scope, created, expires, last_used, last_address";

    private final Supplier<DataSource> databases;
    private volatile Map<String, StoredToken> byDigest = Map.of();

    /** Read by {@link SharedUsers}, with the users, whenever {@code realm_version} moved; here at once after a change made here. */
    public DatabaseTokens(Supplier<DataSource> databases) {
        this.databases = databases;
    }

    /**
     * Reads every token again. One read at a time, each a whole select and its result: a read
     * begun after a change commits is never overwritten by one begun before it.
     */
    synchronized void read(Connection c) throws SQLException {
        Map<String, StoredToken> read = new HashMap<>();
        for (StoredToken token : select(c, "SELECT " + COLUMNS + " FROM realm_tokens", null)) {
            read.put(token.digest(), token);
        }
        byDigest = Map.copyOf(read);
    }

    /** A change made here is in force here at once; should the read fail, the users' next poll reads it. */
    private void readNow() {
        try (Connection c = connection()) {
            read(c);
        } catch (SQLException e) {
            LOG.warning("Access tokens: the shared database did not answer (" + e.getMessage() + "); read again within a second of it answering");
        }
    }

    private static List<StoredToken> select(Connection c, String sql, String user) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            if (user != null) {
                select.setString(1, user);
            }
            List<StoredToken> tokens = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long lastUsed = row.getLong("last_used");
                    tokens.add(new StoredToken(row.getString("id"), row.getString("name"), row.getString("digest"), row.getString("label"),
                            row.getString("scope"), Instant.ofEpochMilli(row.getLong("created")), Instant.ofEpochMilli(row.getLong("expires")),
                            row.wasNull() || lastUsed == 0 ? null : Instant.ofEpochMilli(lastUsed), row.getString("last_address")));
                }
            }
            return tokens;
        }
    }

    /**
     * {@code user}'s tokens, newest first; for the users command too. The tables are there: this
     * server's first poll of the users makes them (SharedUsers), and the command makes them on connecting.
     */
    public static List<StoredToken> of(Connection c, String user) throws SQLException {
        return select(c, "SELECT " + COLUMNS + " FROM realm_tokens WHERE name = ? ORDER BY created DESC", user);
    }

    /** Removes {@code user}'s token {@code id}, moving the version; false when there is none. For the users command too. */
    public static boolean revoke(Connection c, String user, String id) throws SQLException {
        boolean[] removed = new boolean[1];
        UserTable.changed(c, () -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM realm_tokens WHERE name = ? AND id = ?")) {
                delete.setString(1, user);
                delete.setString(2, id);
                removed[0] = delete.executeUpdate() == 1;
            }
        });
        return removed[0];
    }

    @Override
    public Map<String, StoredToken> byDigest() {
        return byDigest;
    }

    @Override
    public List<StoredToken> of(String user) {
        try (Connection c = connection()) {
            return of(c, user);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Refusal add(StoredToken token, int max) {
        Refusal refused = insert(token, max);
        readNow();
        return refused;
    }

    private Refusal insert(StoredToken token, int max) {
        try (Connection c = connection()) {
            Refusal[] refusal = new Refusal[1];
            UserTable.changed(c, () -> {
                // the user's row, locked: two makes for one user at once are counted one after the other
                try (PreparedStatement lock = c.prepareStatement("UPDATE realm_users SET name = name WHERE name = ?")) {
                    lock.setString(1, token.user());
                    if (lock.executeUpdate() != 1) {
                        throw new SQLException("no user '" + token.user() + "'");
                    }
                }
                List<StoredToken> mine = select(c, "SELECT " + COLUMNS + " FROM realm_tokens WHERE name = ?", token.user());
                if (mine.stream().anyMatch(t -> t.name().equals(token.name()))) {
                    refusal[0] = Refusal.NAME_TAKEN;
                    return;
                }
                if (mine.size() >= max) {
                    refusal[0] = Refusal.TOO_MANY;
                    return;
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO realm_tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, token.id());
                    insert.setString(2, token.user());
                    insert.setString(3, token.digest());
                    insert.setString(4, token.name());
                    insert.setString(5, token.scope());
                    insert.setLong(6, token.created().toEpochMilli());
                    insert.setLong(7, token.expires().toEpochMilli());
                    insert.setNull(8, Types.BIGINT);
                    insert.setNull(9, Types.VARCHAR);
                    insert.executeUpdate();
                }
            });
            return refusal[0];
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public boolean revoke(String user, String id) {
        boolean removed;
        try (Connection c = connection()) {
            removed = revoke(c, user, id);
        } catch (SQLException e) {
            throw unavailable(e);
        }
        readNow();
        return removed;
    }

    @Override
    public void used(Map<String, Use> uses) {
        try (Connection c = connection();
                PreparedStatement update = c.prepareStatement(
                        "UPDATE realm_tokens SET last_used = ?, last_address = ? WHERE id = ? AND (last_used IS NULL OR last_used < ?)")) {
            for (Map.Entry<String, Use> use : uses.entrySet()) {
                update.setLong(1, use.getValue().at().toEpochMilli());
                update.setString(2, use.getValue().address());
                update.setString(3, use.getKey());
                update.setLong(4, use.getValue().at().toEpochMilli());
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public byte[] key() {
        try (Connection c = connection()) {
            String key = storedKey(c);
            if (key == null) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO realm_token_key (id, token_key) VALUES (1, ?)")) {
                    insert.setString(1, HexFormat.of().formatHex(TokenDigest.newKey()));
                    insert.executeUpdate();
                } catch (SQLException raced) {
                    if (storedKey(c) == null) {
                        throw raced;
                    } // another instance made it meanwhile: theirs is the one
                }
                key = storedKey(c);
            }
            return HexFormat.of().parseHex(key);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static String storedKey(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT token_key FROM realm_token_key WHERE id = 1");
                ResultSet row = select.executeQuery()) {
            return row.next() ? row.getString(1) : null;
        }
    }

    private Connection connection() throws SQLException {
        DataSource database = databases.get();
        if (database == null) {
            throw new SQLException("no DataSource is bound for the shared users");
        }
        return database.getConnection();
    }

    private static AccessTokens.NotStored unavailable(SQLException e) {
        LOG.warning("Access tokens: the shared database did not answer (" + e.getMessage() + ")");
        return new AccessTokens.NotStored("the shared database did not answer", true);
    }

    @Override
    public void close() {
        // nothing of its own runs: SharedUsers reads the tokens
    }
}
