package dev.securerestapi.realm.login;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * {@link FailureTracker}'s rules, kept in the database every instance shares (table
 * {@code login_throttle}, one of the login core's tables ({@code RealmSchema}), reached through
 * {@link DatabaseContact}): a place is taken by one
 * transaction that locks the key's row, so attempts on any number of instances together get no
 * more places than on one. Keys are stored as SHA-256 digests of the limit's name and the key.
 *
 * <p>A check that was running on an instance that died is forgotten {@link #RUNNING_TTL} after
 * the key's last reservation. When the database cannot be reached, an attempt goes uncounted here
 * ({@link Place#counted} false) and the instance's own trackers, which count every attempt
 * anyway, are the limit until it is back; the log says so, at most every 10 seconds.
 */
final class SharedFailureTracker extends Tracker {

    /**
     * How long a reserved place lives without news from the check that holds it. Until then, the
     * places a killed instance held keep that name and address waiting (and, once the wait is over,
     * refused) on an instance that has not verified the login itself: short, so a node restarted
     * after a crash does not meet them. A check running longer loses its place in this count only;
     * its instance's own count still holds it.
     */
    static final Duration RUNNING_TTL = Duration.ofSeconds(10);

    private final String limitName;
    private final NowAndThen unreachableLogged = new NowAndThen(Duration.ofSeconds(10));
    private final DatabaseContact contact;

    /**
     * @param limitName which of the three limits this is; part of every stored key
     * @param contact the shared database, told how each statement went
     */
    SharedFailureTracker(String limitName, int limit, Duration window, Clock clock, Duration wait, DatabaseContact contact) {
        super(limit, window, clock, wait, Duration.ofMillis(10));
        this.contact = contact;
        this.limitName = limitName;
    }

    @Override
    Duration lockedFor(String key) {
        long lockedUntil = column("locked_until", key);
        long now = clock.millis();
        return lockedUntil > now ? Duration.ofMillis(lockedUntil - now) : Duration.ZERO;
    }

    @Override
    int failures(String key) {
        return (int) column("failures", key);
    }

    /** One column of the key's row; 0 when there is none, or the database cannot be reached. */
    private long column(String column, String key) {
        try (Connection c = contact.connect();
                PreparedStatement select = c.prepareStatement("SELECT " + column + " FROM login_throttle WHERE throttle_key = ?")) {
            select.setString(1, digest(key));
            try (ResultSet row = select.executeQuery()) {
                long value = row.next() ? row.getLong(1) : 0;
                contact.answered();
                return value;
            }
        } catch (SQLException e) {
            unreachable(e);
            return 0;
        }
    }

    /**
     * One transaction that locks the key's row: a place taken, the key locked, every place held by
     * failures and running checks, or a lost race to insert. Uncounted when the database does not answer.
     */
    @Override
    Try tryReserve(String key) {
        String stored = digest(key);
        Try[] tried = new Try[1];
        try {
            inTransaction(c -> {
                long now = clock.millis();
                Count row = lockRow(c, stored, now);
                if (row == null) {
                    tried[0] = insert(c, stored, now) ? Try.TAKEN : Try.RACED;
                    return tried[0] == Try.TAKEN;
                }
                Count current = row.at(now, window);
                if (row.lockedAt(now)) {
                    tried[0] = Try.REFUSED;
                } else if (current.full(limit)) {
                    tried[0] = Try.FULL;
                } else {
                    update(c, stored, current.taken(), now);
                    tried[0] = Try.TAKEN;
                }
                return tried[0] == Try.TAKEN;
            });
            contact.answered();
            return tried[0];
        } catch (SQLException e) {
            unreachable(e);
            return Try.UNCOUNTED;
        }
    }

    private interface Work {
        /** True to commit, false to roll back. */
        boolean run(Connection c) throws SQLException;
    }

    /** One transaction on a connection of its own; true when it was committed. */
    private boolean inTransaction(Work work) throws SQLException {
        try (Connection c = contact.connect()) {
            c.setAutoCommit(false);
            try {
                if (work.run(c)) {
                    c.commit();
                    return true;
                }
                c.rollback();
                return false;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    @Override
    void release(Place place) {
        if (!place.counted()) {
            return;
        }
        try (Connection c = contact.connect();
                PreparedStatement update = c.prepareStatement(
                        "UPDATE login_throttle SET running = CASE WHEN running > 0 THEN running - 1 ELSE 0 END WHERE throttle_key = ?")) {
            update.setString(1, digest(place.key()));
            update.executeUpdate();
        } catch (SQLException e) {
            unreachable(e);
        }
    }

    @Override
    int fail(Place place) {
        if (!place.counted()) {
            return 0;
        }
        String stored = digest(place.key());
        int[] failures = new int[1];
        try {
            inTransaction(c -> {
                long now = clock.millis();
                Count row = lockRow(c, stored, now);
                if (row == null) {
                    return false; // removed by a clean-up while it ran: nothing left to count against
                }
                Count next = row.at(now, window).failed(now, limit, window);
                failures[0] = next.failures();
                update(c, stored, next, now);
                return true;
            });
            contact.answered();
            return failures[0];
        } catch (SQLException e) {
            unreachable(e);
            return 0;
        }
    }

    @Override
    void reset(String key) {
        try (Connection c = contact.connect();
                PreparedStatement update = c.prepareStatement(
                        "UPDATE login_throttle SET failures = 0, window_start = ?, locked_until = 0 WHERE throttle_key = ?")) {
            update.setLong(1, clock.millis());
            update.setString(2, digest(key));
            update.executeUpdate();
        } catch (SQLException e) {
            unreachable(e);
        }
    }

    /** Deletes the rows nothing counts on any more: no lock, window over, no check running. */
    @Override
    void forgetStale() {
        long now = clock.millis();
        try (Connection c = contact.connect();
                PreparedStatement delete = c.prepareStatement("DELETE FROM login_throttle WHERE locked_until <= ? AND window_start <= ?"
                        + " AND (running = 0 OR running_until <= ?)")) {
            delete.setLong(1, now);
            delete.setLong(2, now - window);
            delete.setLong(3, now);
            delete.executeUpdate();
        } catch (SQLException e) {
            unreachable(e);
        }
    }

    /** The key's row, locked until the transaction ends; running checks past their time are forgotten. Null when there is none. */
    private static Count lockRow(Connection c, String stored, long now) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT failures, running, window_start, locked_until, running_until"
                + " FROM login_throttle WHERE throttle_key = ? FOR UPDATE")) {
            select.setString(1, stored);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                int running = row.getLong(5) <= now ? 0 : row.getInt(2);
                return new Count(row.getInt(1), running, row.getLong(3), row.getLong(4));
            }
        }
    }

    private static boolean insert(Connection c, String stored, long now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO login_throttle"
                + " (throttle_key, failures, running, window_start, locked_until, running_until) VALUES (?, 0, 1, ?, 0, ?)")) {
            insert.setString(1, stored);
            insert.setLong(2, now);
            insert.setLong(3, now + RUNNING_TTL.toMillis());
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (DatabaseContact.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private static void update(Connection c, String stored, Count row, long now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE login_throttle SET failures = ?, running = ?, window_start = ?,"
                + " locked_until = ?, running_until = ? WHERE throttle_key = ?")) {
            update.setInt(1, row.failures());
            update.setInt(2, row.running());
            update.setLong(3, row.windowStart());
            update.setLong(4, row.lockedUntil());
            update.setLong(5, now + RUNNING_TTL.toMillis());
            update.setString(6, stored);
            update.executeUpdate();
        }
    }

    private String digest(String key) {
        return DatabaseContact.digest(limitName, key);
    }

    private void unreachable(SQLException e) {
        contact.failed(e, unreachableLogged, "this instance's own limits stand alone");
    }
}
