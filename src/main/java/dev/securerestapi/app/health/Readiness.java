package dev.securerestapi.app.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * Whether this instance should get traffic: its warm-up is over, its database answers, and it is
 * not stopping. The database is asked at most once a second, on a pooled connection, whatever the
 * probe rate, and never by two probes at once: one that arrives while a check runs gets the last
 * answer.
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
    private volatile boolean warm = true;

    public Readiness(DataSource database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Not ready until {@code work}, run now on a thread of its own, is over (failed or not): a
     * new instance takes traffic once the code every request needs is compiled, not while its
     * first logins would take seconds each (see {@code StorageLifecycle}).
     */
    public void warmingUp(String what, Runnable work) {
        warm = false;
        Thread warming = new Thread(() -> {
            long started = System.nanoTime();
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.warning("Warm-up of " + what + " failed, ready without it: " + e);
            } finally {
                warm = true;
                LOG.info("Warmed up " + what + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            }
        }, "secure-rest-api warm-up");
        warming.setDaemon(true);
        warming.start();
    }

    public boolean ready() {
        if (stopping || !warm) {
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
