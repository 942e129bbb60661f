package dev.securerestapi.app.subscribers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import dev.securerestapi.app.metrics.DatabaseUse;
import dev.securerestapi.app.problem.Unavailable;

/**
 * Subscribers in the {@code subscribers} table, in SQL that H2 and PostgreSQL both run. Email
 * uniqueness ignoring case is the database's job (a unique column of lower-cased addresses), so
 * it holds across concurrent requests and across instances sharing one database.
 */
public final class SubscriberStore {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "id, name, email, created_at, version";

    private final DataSource dataSource;
    private final Clock clock;

    public SubscriberStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public Subscriber create(SubscriberInput input) {
        // PostgreSQL keeps microseconds: the answer must equal what a later read returns
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String sql = "INSERT INTO subscribers (name, email, email_key, created_at) VALUES (?, ?, ?, ?)";
        try (Connection connection = connection("create");
                PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, input.name());
            insert.setString(2, input.email());
            insert.setString(3, emailKey(input.email()));
            insert.setObject(4, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new Subscriber(keys.getLong(1), input.name(), input.email(), createdAt, 1);
            }
        } catch (SQLException e) {
            throw translate(e, "create");
        }
    }

    public Optional<Subscriber> find(long id) {
        try (Connection connection = connection("find");
                PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM subscribers WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw translate(e, "find");
        }
    }

    /** Up to {@code limit} subscribers with ids above {@code afterId}, in id order. */
    public List<Subscriber> page(long afterId, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM subscribers WHERE id > ? ORDER BY id FETCH FIRST ? ROWS ONLY";
        try (Connection connection = connection("page");
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, afterId);
            select.setInt(2, limit);
            List<Subscriber> page = new ArrayList<>(limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    page.add(read(rows));
                }
            }
            return page;
        } catch (SQLException e) {
            throw translate(e, "page");
        }
    }

    public long count() {
        try (Connection connection = connection("count");
                PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM subscribers");
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw translate(e, "count");
        }
    }

    /**
     * Replaces name and email, of version {@code version} only unless it is null, and moves the
     * version; false when the subscriber is gone, or at another version by now (the caller tells
     * which with {@link #find}).
     */
    public boolean replace(long id, Long version, SubscriberInput input) {
        String sql = "UPDATE subscribers SET name = ?, email = ?, email_key = ?, version = version + 1 WHERE id = ?"
                + (version != null ? " AND version = ?" : "");
        try (Connection connection = connection("replace");
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, input.name());
            update.setString(2, input.email());
            update.setString(3, emailKey(input.email()));
            update.setLong(4, id);
            if (version != null) {
                update.setLong(5, version);
            }
            return update.executeUpdate() > 0;
        } catch (SQLException e) {
            throw translate(e, "replace");
        }
    }

    /** Deletes the subscriber, of version {@code version} only unless it is null; false when it is gone or at another version by now. */
    public boolean delete(long id, Long version) {
        String sql = "DELETE FROM subscribers WHERE id = ?" + (version != null ? " AND version = ?" : "");
        try (Connection connection = connection("delete");
                PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setLong(1, id);
            if (version != null) {
                delete.setLong(2, version);
            }
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw translate(e, "delete");
        }
    }

    static String emailKey(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    private static Subscriber read(ResultSet row) throws SQLException {
        return new Subscriber(row.getLong("id"), row.getString("name"), row.getString("email"),
                row.getObject("created_at", OffsetDateTime.class).toInstant(), row.getLong("version"));
    }

    /** A connection, or {@link Unavailable}: a database that hands out no connection is away, whatever the pool says why. */
    private Connection connection(String operation) {
        try {
            return DatabaseUse.connection(dataSource, operation);
        } catch (SQLException e) {
            throw new Unavailable(UNAVAILABLE);
        }
    }

    private static final String UNAVAILABLE =
            "The database does not answer, so this request may not have been carried out. Try again in a few seconds.";

    /**
     * The database went away, or is going away: no connection (SQL state class 08, a socket that
     * failed, or a pool that gave up waiting for one, anywhere in the causes: Tomcat's pool reports
     * the driver's failure as the cause of one of its own, with no SQL state), or the server
     * shutting down (57P01 to 57P03).
     */
    private static boolean unreachable(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.SocketException || cause instanceof java.sql.SQLTransientConnectionException
                    || cause instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            String state = cause instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A duplicate email is a {@link DuplicateEmail}. Any other failure becomes a StorageException that keeps the
     * SQL state and vendor code but not the driver's message or cause: those can quote the
     * values of the statement, and emails must never reach a log.
     */
    private static RuntimeException translate(SQLException e, String operation) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return new DuplicateEmail();
        }
        if (unreachable(e)) {
            return new Unavailable(UNAVAILABLE);
        }
        return new StorageException(operation, e.getSQLState(), e.getErrorCode());
    }
}
