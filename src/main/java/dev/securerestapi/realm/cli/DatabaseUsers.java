package dev.securerestapi.realm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.securerestapi.realm.ExposedFile;
import dev.securerestapi.realm.RealmEntry;
import dev.securerestapi.realm.db.RealmSchema;
import dev.securerestapi.realm.db.DatabaseTokens;
import dev.securerestapi.realm.db.UserTable;
import dev.securerestapi.realm.tokens.StoredToken;

/**
 * The users in the database several instances share ({@link UserTable}), reached with JDBC. The
 * connection comes from a properties file ({@code url}, {@code user}, {@code password}) or from
 * the environment ({@code SECURE_REST_API_DB_URL}, {@code _USER}, {@code _PASSWORD}); never from
 * the command line. Each edit is one transaction that also moves the version every instance
 * polls, so it is in force everywhere within seconds.
 */
final class DatabaseUsers implements Users {

    static final String URL = "SECURE_REST_API_DB_URL";
    static final String USER = "SECURE_REST_API_DB_USER";
    static final String PASSWORD = "SECURE_REST_API_DB_PASSWORD";

    private final Connection connection;
    private final String where;

    private DatabaseUsers(Connection connection, String where) {
        this.connection = connection;
        this.where = where;
    }

    /** @param config the properties file, or null for the environment */
    static DatabaseUsers connect(Path config, Map<String, String> env, java.io.PrintStream err) throws Failure {
        String url;
        Properties credentials = new Properties();
        if (config != null) {
            Properties file = new Properties();
            try (InputStream in = Files.newInputStream(config)) {
                file.load(in);
            } catch (IOException e) {
                throw new Failure(Failure.FILE, config + ": cannot read: " + e.getMessage());
            }
            ExposedFile.warning(config).ifPresent(warning -> err.println("secure-rest-api-users: warning: " + warning));
            url = file.getProperty("url");
            put(credentials, "user", file.getProperty("user"));
            put(credentials, "password", file.getProperty("password"));
            if (url == null || url.isBlank()) {
                throw new Failure(Failure.USAGE, config + ": no url=jdbc:postgresql://HOST:PORT/DATABASE in it");
            }
        } else {
            url = env.get(URL);
            put(credentials, "user", env.get(USER));
            put(credentials, "password", env.get(PASSWORD));
            if (url == null || url.isBlank()) {
                throw new Failure(Failure.USAGE, "which database? Set " + URL + " (and " + USER + ", " + PASSWORD
                        + "), or give --database-config FILE");
            }
        }
        String where = "the database " + url.replaceAll("\\?.*", "");
        try {
            Connection connection = DriverManager.getConnection(url.strip(), credentials);
            try {
                RealmSchema.ensure(connection); // a new store: the core's tables, without the WAR
                UserTable.version(connection);
            } catch (SQLException e) {
                connection.close();
                throw new Failure(Failure.FILE, where + " has no realm tables and they could not be made (" + e.getMessage()
                        + "): the account needs the right to create tables once, or the application makes them at its start"
                        + " with secure-rest-api.users.store=database");
            }
            return new DatabaseUsers(connection, where);
        } catch (SQLException e) {
            throw new Failure(Failure.FILE, where + ": cannot connect: " + e.getMessage());
        }
    }

    private static void put(Properties properties, String key, String value) {
        if (value != null) {
            properties.setProperty(key, value);
        }
    }

    @Override
    public String where() {
        return where;
    }

    @Override
    public List<RealmEntry> entries() throws Failure {
        try {
            return UserTable.read(connection).entries();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public void add(String user, String hash, List<String> roles) throws Failure {
        change(() -> UserTable.add(connection, user, hash, roles), Failure.USER_EXISTS);
    }

    @Override
    public void addAll(List<RealmEntry> entries) throws Failure {
        change(() -> UserTable.addAll(connection, entries), Failure.USER_EXISTS);
    }

    @Override
    public void passwd(String user, String hash) throws Failure {
        change(() -> UserTable.passwd(connection, user, hash), Failure.NO_SUCH_USER);
    }

    @Override
    public void roles(String user, List<String> roles) throws Failure {
        change(() -> UserTable.roles(connection, user, roles), Failure.NO_SUCH_USER);
    }

    @Override
    public void remove(String user) throws Failure {
        change(() -> UserTable.remove(connection, user), Failure.NO_SUCH_USER);
    }

    @Override
    public List<StoredToken> tokens(String user) throws Failure {
        try {
            return DatabaseTokens.of(connection, user);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public boolean revokeToken(String user, String id) throws Failure {
        try {
            return DatabaseTokens.revoke(connection, user, id);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private interface Change {
        void run() throws SQLException, UserTable.Refused;
    }

    /** @param refusedAs the exit code when the tables refuse it: another run changed the user meanwhile */
    private void change(Change change, int refusedAs) throws Failure {
        try {
            change.run();
        } catch (UserTable.Refused e) {
            throw new Failure(refusedAs, e.getMessage() + "; nothing was changed");
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private Failure failure(SQLException e) {
        return new Failure(Failure.FILE, where + ": " + e.getMessage() + "; nothing was changed");
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the command is ending anyway
        }
    }
}
