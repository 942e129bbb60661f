package dev.securerestapi.app.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * Whether this instance should get traffic: its database answers, and it is not stopping. The
 * database is asked at most once a second, on a pooled connection, whatever the probe rate, and
 * never by two probes at once: one that arrives while a check runs gets the last answer.
 */
public final class Readiness {

    private static final Logger LOG = Logger.getLogger(Readiness.class.getName());
    private static final long EVERY_MILLIS = 1_000;

    private final DataSource database;
    private final Clock clock;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile long checkedAt = Long.MIN_VALUE / 2;
    private volatile boolean up;
    private volatile boolean stopping;

    public Readiness(DataSource database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public boolean ready() {
        if (stopping) {
            return false;
        }
        if (clock.millis() - checkedAt >= EVERY_MILLIS && checking.compareAndSet(false, true)) {
            try {
                check();
            } finally {
                checking.set(false);
            }
        }
        return up && !stopping;
    }

    private void check() {
        boolean answered;
        try (Connection c = database.getConnection()) {
            answered = c.isValid(2);
        } catch (SQLException e) {
            answered = false;
        }
        if (answered != up) {
            LOG.info(answered ? "Ready: the database answers" : "Not ready: the database does not answer");
        }
        up = answered;
        checkedAt = clock.millis();
    }

    /** From now on, not ready: the instance is stopping (SIGTERM) and finishes what it holds. */
    public void stopping() {
        if (!stopping) {
            stopping = true;
            LOG.info("Not ready: stopping; the requests in progress are finished first");
        }
    }
}
