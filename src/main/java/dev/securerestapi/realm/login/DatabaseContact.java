package dev.securerestapi.realm.login;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the shared database answers the login throttle, and since when it has not: every
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

    private final Clock clock;
    /** When the first statement failed since the last one that succeeded; 0 while it answers. */
    private volatile long failingSince;
    /** When the statement asking a database that did not answer began; 0 when none is running. */
    private final AtomicLong probing = new AtomicLong();
    private volatile long lastProbe;

    DatabaseContact(Clock clock) {
        this.clock = clock;
    }

    void answered() {
        failingSince = 0;
        probing.set(0);
    }

    void failed() {
        if (failingSince == 0) {
            failingSince = clock.millis();
        }
        probing.set(0);
    }

    /**
     * Whether a statement may go to the database now: always while it answers; while it does not,
     * one at a time, at most once a second (a probe that never reported is given up after a minute).
     */
    boolean mayAsk() {
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

    /** What a statement not sent ({@link #mayAsk} false) fails with. */
    static SQLException notAsked() {
        return new SQLException("the shared database did not answer lately; asked again at most once a second", "08001");
    }

    /** True once the database has not answered for {@link #BOUND} or longer. */
    boolean goneTooLong() {
        long since = failingSince;
        return since != 0 && clock.millis() - since >= BOUND.toMillis();
    }
}
