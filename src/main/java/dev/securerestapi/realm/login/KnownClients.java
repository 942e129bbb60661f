package dev.securerestapi.realm.login;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which clients logged in successfully as a name lately: the name and the client's network (the
 * throttle's pair key), for {@link #KNOWN} after the last success. The name-wide lock does not
 * refuse them, so failures spread over many addresses cannot keep an operator out of an account
 * they use. Kept in this instance's memory (at most {@code capacity} pairs, the oldest success
 * forgotten first; a success within a day of the last one recorded changes nothing, so the usual
 * request costs one map look-up) and, when the throttle is shared, in table {@code login_known} of the
 * database every instance shares, so a success on one instance counts on all. Only a success
 * that ran a password check writes to the database (one at most every 10 minutes per login), and
 * the database is read only for a name locked name-wide; while it does not answer, a client is
 * known only where it logged in.
 */
final class KnownClients {

    /** How long a success keeps its client known for the name. */
    static final Duration KNOWN = Duration.ofDays(30);
    /** A success this long after the one recorded moves its time on. */
    private static final long REFRESH = Duration.ofDays(1).toMillis();

    private final Map<String, Long> local = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;
    /** The database every instance shares; null for this instance's memory alone. */
    private final DatabaseContact shared;
    private final NowAndThen unreachableLogged = new NowAndThen(Duration.ofSeconds(10));

    KnownClients(int capacity, Clock clock, DatabaseContact shared) {
        this.capacity = capacity;
        this.clock = clock;
        this.shared = shared;
    }

    /** A success for {@code pairKey}; {@code share}: write it to the shared database too. */
    void remember(String pairKey, boolean share) {
        long until = clock.millis() + KNOWN.toMillis();
        Long recorded = local.get(pairKey);
        boolean fresh = recorded != null && until - recorded < REFRESH;
        if (!fresh) {
            local.put(pairKey, until);
            if (local.size() > capacity) {
                forgetOldest();
            }
        }
        if (share && shared != null && !fresh) {
            String stored = DatabaseContact.digest("known", pairKey);
            try (Connection c = shared.connect()) {
                if (update(c, stored, until) == 0) {
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO login_known (known_key, known_until) VALUES (?, ?)")) {
                        insert.setString(1, stored);
                        insert.setLong(2, until);
                        insert.executeUpdate();
                    } catch (SQLException e) {
                        if (!DatabaseContact.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                            throw e;
                        }
                        update(c, stored, until); // another instance inserted it meanwhile
                    }
                }
                shared.answered();
            } catch (SQLException e) {
                unreachable(e);
            }
        }
    }

    /** Whether a client of {@code pairKey} logged in successfully as its name within {@link #KNOWN}, here or on any instance. */
    boolean known(String pairKey) {
        long now = clock.millis();
        Long until = local.get(pairKey);
        if (until != null && until > now) {
            return true;
        }
        if (shared == null) {
            return false;
        }
        try (Connection c = shared.connect();
                PreparedStatement select = c.prepareStatement("SELECT known_until FROM login_known WHERE known_key = ?")) {
            select.setString(1, DatabaseContact.digest("known", pairKey));
            try (ResultSet row = select.executeQuery()) {
                shared.answered();
                if (row.next() && row.getLong(1) > now) {
                    local.put(pairKey, row.getLong(1));
                    if (local.size() > capacity) {
                        forgetOldest();
                    }
                    return true;
                }
                return false;
            }
        } catch (SQLException e) {
            unreachable(e);
            return false;
        }
    }

    /** Makes room: the pair whose last success is oldest goes (a scan, only when more pairs than {@code capacity} logged in). */
    private void forgetOldest() {
        local.entrySet().stream().min(Map.Entry.comparingByValue()).ifPresent(oldest -> local.remove(oldest.getKey(), oldest.getValue()));
    }

    /** Deletes the shared rows whose time is over. */
    void forgetStale() {
        if (shared == null) {
            return;
        }
        try (Connection c = shared.connect();
                PreparedStatement delete = c.prepareStatement("DELETE FROM login_known WHERE known_until <= ?")) {
            delete.setLong(1, clock.millis());
            delete.executeUpdate();
        } catch (SQLException e) {
            unreachable(e);
        }
    }

    private static int update(Connection c, String stored, long until) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE login_known SET known_until = ? WHERE known_key = ?")) {
            update.setLong(1, until);
            update.setString(2, stored);
            return update.executeUpdate();
        }
    }

    private void unreachable(SQLException e) {
        shared.failed(e, unreachableLogged, "clients are known for a name only on the instances they logged in at");
    }
}
