package dev.securerestapi.realm.db;

import dev.securerestapi.realm.metrics.RealmStats;
import dev.securerestapi.realm.audit.Audit;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

import javax.sql.DataSource;

import dev.securerestapi.realm.Pbkdf2;
import dev.securerestapi.realm.RealmEntry;
import dev.securerestapi.realm.StaleRealm;

/**
 * One instance's copy of the users in the shared database ({@link UserTable}): read at start,
 * then read again whenever {@code realm_version} moves, which is checked every
 * {@code poll} (a second), so a change made on any instance, or by the users command, is in force
 * everywhere within about a second. Logins never query the database: the container's realm
 * answers from the copy {@code apply} receives. While the database does not answer, the users read
 * last stay in force (as with a realm file whose edit was refused), and the log says so every
 * {@code staleWarning}.
 */
public final class SharedUsers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SharedUsers.class.getName());

    private final Supplier<DataSource> databases;
    /**
     * The users a realm may let in, and what a login for any other name is checked against.
     *
     * @param usable the entries someone can log in with; the others were logged, naming the user
     * @param unknownUser as slow as the slowest usable entry ({@link Pbkdf2#unknownUser})
     */
    public record Users(List<RealmEntry> usable, Pbkdf2 unknownUser) {
        public Users {
            usable = List.copyOf(usable);
        }
    }

    private final Consumer<Users> apply;
    private final StaleRealm stale;
    private final ScheduledExecutorService poller;
    private volatile long version = -1;
    private volatile boolean unreachable;

    /**
     * @param databases the shared database, asked for at each poll (null while none is bound)
     * @param apply receives the users, each time they change; called from one thread at a time
     */
    public SharedUsers(Supplier<DataSource> databases, Duration poll, Duration staleWarning, Consumer<Users> apply) {
        this.databases = databases;
        this.apply = apply;
        this.stale = new StaleRealm(Clock.systemUTC(), staleWarning, "a user removed meanwhile can still log in here",
                "until it answers");
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "secure-rest-api shared users");
            thread.setDaemon(true);
            return thread;
        });
        poll();
        poller.scheduleWithFixedDelay(this::poll, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How long the users in force may have been out of date (the database did not answer); zero when current. */
    public Duration staleFor() {
        return stale.staleFor();
    }

    private synchronized void poll() {
        DataSource database = databases.get();
        try {
            if (database == null) {
                throw new SQLException("no DataSource is bound for the shared users");
            }
            try (Connection c = database.getConnection()) {
                if (UserTable.version(c) != version || version < 0) {
                    UserTable.Snapshot snapshot = UserTable.read(c);
                    apply.accept(usable(snapshot.entries()));
                    RealmStats.INSTANCE.applied(snapshot.entries().size());
                    Audit.realmReloaded("shared database", snapshot.entries().size());
                    LOG.info("Realm secure-rest-api: read " + snapshot.entries().size() + " users from the shared database (version "
                            + snapshot.version() + ")");
                    version = snapshot.version();
                }
            }
            if (unreachable) {
                LOG.info("Realm secure-rest-api: the shared database answers");
                unreachable = false;
            }
            stale.read();
        } catch (SQLException | RuntimeException e) {
            if (version < 0) {
                // at start-up, before the application's migration made the tables, or the container bound the DataSource
                if (!unreachable) {
                    LOG.warning("Realm secure-rest-api: no users read from the shared database yet (" + e.getMessage()
                            + "); nobody can log in until they are. Trying again every second");
                    unreachable = true;
                }
                return;
            }
            if (!unreachable) {
                unreachable = true;
                LOG.severe(stale.refused("Realm secure-rest-api: the shared database did not answer (" + e.getMessage() + ")"));
            } else {
                stale.reminder().ifPresent(LOG::severe);
            }
        }
    }

    /** The entries someone can log in with ({@link RealmEntry#refusal}); each other one is logged. */
    private static Users usable(List<RealmEntry> entries) {
        List<RealmEntry> usable = new java.util.ArrayList<>();
        for (RealmEntry entry : entries) {
            entry.refusal().ifPresentOrElse(why -> LOG.warning(why + " (shared database)"), () -> usable.add(entry));
        }
        return new Users(usable, Pbkdf2.unknownUser(usable.stream().map(RealmEntry::stored).toList()));
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
