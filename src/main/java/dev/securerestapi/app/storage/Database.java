package dev.securerestapi.app.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import dev.securerestapi.settings.Settings;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Where the application keeps its data. The DataSource the container binds at
 * {@code java:comp/env/jdbc/subscribers} (Tomcat) or {@code jdbc/subscribers} (a JVM-wide
 * resource on Jetty) when there is one (how operators point it at PostgreSQL), else an embedded H2 database in a file under the data directory. Either way the
 * schema is migrated by Flyway before anything is served.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    private final DataSource dataSource;
    private final AutoCloseable owned;

    private Database(DataSource dataSource, AutoCloseable owned) {
        this.dataSource = dataSource;
        this.owned = owned;
    }

    public static Database open() {
        Database database = containerDataSource()
                .map(dataSource -> new Database(dataSource, null))
                .orElseGet(() -> embedded(Settings.current().dataDirectory()));
        return database.migrated();
    }

    /** A database over {@code dataSource}, which its caller keeps and closes, with its schema migrated. */
    public static Database over(DataSource dataSource) {
        return new Database(dataSource, null).migrated();
    }

    private Database migrated() {
        flyway().dataSource(dataSource).load().migrate();
        return this;
    }

    /** Migrates the database at {@code url} as an instance would at its start (the move command's ends). */
    static void migrate(String url, java.util.Properties credentials) {
        flyway().dataSource(url, credentials.getProperty("user"), credentials.getProperty("password")).load().migrate();
    }

    /** The application's migrations, as every database gets them. */
    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway() {
        return Flyway.configure()
                .locations("classpath:db/migration")
                // V2 and V4 made the login core's tables in databases of earlier builds; the core makes them itself
                // now (RealmSchema). Such a database records them applied: missing here, and V4 past V3, "future"
                // (Flyway's own default ignores those). The next migration of the application is V5.
                .ignoreMigrationPatterns("*:missing", "*:future")
                // the login core may have made its tables first (an instance with the users in this database):
                // a schema without Flyway's history then starts at version 0, so V1 and on still run
                .baselineOnMigrate(true)
                .baselineVersion("0");
    }

    public DataSource dataSource() {
        return dataSource;
    }

    private static Optional<DataSource> containerDataSource() {
        for (String name : Settings.DATA_SOURCE_NAMES) {
            try {
                DataSource found = (DataSource) new InitialContext().lookup(name);
                LOG.info("Storage: the container's DataSource " + name);
                return Optional.of(found);
            } catch (NamingException | RuntimeException noneBound) {
                // no JNDI at all (stock Jetty without the jndi module) or nothing bound there
            }
        }
        return Optional.empty();
    }

    /** The JDBC URL of the embedded database in {@code directory}. */
    static String embeddedUrl(Path directory) {
        return "jdbc:h2:file:" + directory.resolve("subscribers").toAbsolutePath();
    }

    private static Database embedded(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the data directory " + directory, e);
        }
        // WRITE_DELAY=0: a commit reaches the file before the client hears it succeeded
        String url = embeddedUrl(directory) + ";WRITE_DELAY=0";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "", "");
        pool.setMaxConnections(32);
        LOG.info("Storage: embedded H2 database in " + directory.toAbsolutePath());
        return new Database(pool, pool::dispose);
    }

    @Override
    public void close() throws Exception {
        if (owned != null) {
            owned.close();
        }
    }
}
