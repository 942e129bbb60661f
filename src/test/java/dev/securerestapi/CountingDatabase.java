package dev.securerestapi;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

import dev.securerestapi.realm.db.RealmSchema;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * A fresh in-memory H2 database with the application's migrations and the login core's tables (standing, in the realm tests, for the database
 * several instances share) that counts the connections taken from it, each a round trip, and can be taken down.
 * The same SQL runs on PostgreSQL in the ITs.
 */
public class CountingDatabase implements DataSource {

    private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final JdbcConnectionPool pool = JdbcConnectionPool.create(url, "", "");
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger asked = new AtomicInteger();
    private volatile boolean down;

    public CountingDatabase() {
        pool.setMaxConnections(64);
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        try (Connection c = pool.getConnection()) {
            RealmSchema.ensure(c); // the login core's tables, as the WAR or the users command makes them
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Its JDBC URL, for what connects by URL (the users command). */
    public String url() {
        return url;
    }

    /** Connections taken so far. */
    public int connections() {
        return connections.get();
    }

    /** Connections asked for, refused ones included. */
    public int asked() {
        return asked.get();
    }

    /** While down, every connection is refused, as by a database that went away. */
    public void down(boolean down) {
        this.down = down;
    }

    @Override
    public Connection getConnection() throws SQLException {
        asked.incrementAndGet();
        if (down) {
            throw new SQLException("Connection refused (the test took the database down)", "08001");
        }
        connections.incrementAndGet();
        return pool.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
