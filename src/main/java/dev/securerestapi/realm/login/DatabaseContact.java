package dev.securerestapi.realm.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * The database every instance shares, as the login throttle reaches it ({@link SharedFailureTracker},
 * {@link KnownClients}): its connections, and whether it answers and since when it has not. Every
 * statement the throttle runs there reports how it went. After {@link #BOUND} without an answer an
 * instance no longer checks logins it has not verified lately ({@link LoginThrottle}), since its
 * own counts alone would give an attacker as many tries as there are instances, and users removed
 * meanwhile would still log in there. While it does not answer, one statement at a time, at most
 * one a second, asks it again ({@link #mayAsk}): the others count it unreachable at once rather
 * than each wait for a connection pool's timeout (HikariCP's is 30 s).
 */
final class DatabaseContact {

    /** How long an instance goes by its own counts alone once the database stops answering. */
    static final Duration BOUND = Duration.ofSeconds(30);
    /** The SQL state of a row inserted by another instance first. */
    static final String UNIQUE_VIOLATION = "23505";
    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());

    private final Clock clock;
    /** The DataSource, asked for at each connection, so one bound after start-up is found; null while none is. */
    private final Supplier<DataSource> databases;
    /** When the first statement failed since the last one that succeeded; 0 while it answers. */
    private volatile long failingSince;
    /** When the statement asking a database that did not answer began; 0 when none is running. */
    private final AtomicLong probing = new AtomicLong();
    private volatile long lastProbe;

    DatabaseContact(Clock clock, Supplier<DataSource> databases) {
        this.clock = clock;
        this.databases = databases;
    }

    /** A connection for one statement; refused at once ({@link #mayAsk}) while the database is not answering. */
    Connection connect() throws SQLException {
        if (!mayAsk()) {
            throw new SQLException("the shared database did not answer lately; asked again at most once a second", "08001");
        }
        DataSource database = databases.get();
        if (database == null) {
            throw new SQLException("no DataSource is bound for the shared login throttle", "08001");
        }
        return database.getConnection();
    }

    /** A statement failed: the database counts as silent, and the log says what that costs, at most as often as {@code logged}. */
    void failed(SQLException e, NowAndThen logged, String meanwhile) {
        failed();
        if (logged.due()) {
            LOG.warning("Login throttle: the shared database did not answer (" + e.getSQLState() + ": " + e.getMessage() + "); "
                    + meanwhile + " until it does");
        }
    }

    /** How a key is stored in the shared tables: a SHA-256 of what it counts for and the key itself. */
    static String digest(String limitName, String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((limitName + "\u0000" + key).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void answered() {
        failingSince = 0;
        probing.set(0);
    }

    private void failed() {
        if (failingSince == 0) {
            failingSince = clock.millis();
        }
        probing.set(0);
    }

    /**
     * Whether a statement may go to the database now: always while it answers; while it does not,
     * one at a time, at most once a second (a probe that never reported is given up after a minute).
     */
    private boolean mayAsk() {
        if (failingSince == 0) {
            return true;
        }
        long now = clock.millis();
        long running = probing.get();
        if (now - lastProbe < 1_000 || (running != 0 && now - running < 60_000) || !probing.compareAndSet(running, now)) {
            return false;
        }
        lastProbe = now;
        return true;
    }

    /** True once the database has not answered for {@link #BOUND} or longer. */
    boolean goneTooLong() {
        long since = failingSince;
        return since != 0 && clock.millis() - since >= BOUND.toMillis();
    }
}
