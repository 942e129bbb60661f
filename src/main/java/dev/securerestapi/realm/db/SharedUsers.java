package dev.securerestapi.realm.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.logging.Logger;

import javax.sql.DataSource;

import dev.securerestapi.realm.RealmEntry;
import dev.securerestapi.realm.StaleRealm;
import dev.securerestapi.realm.audit.Audit;
import dev.securerestapi.realm.metrics.RealmStats;
import dev.securerestapi.realm.users.KeptUsers;
import dev.securerestapi.realm.users.Users;

/**
 * One instance's copy of the users in the shared database ({@link UserTable}), whose tables it
 * makes when they are missing ({@link RealmSchema}): read at start,
 * then read again whenever {@code realm_version} moves, which is checked every
 * {@code poll} (a second), so a change made on any instance, or by the users command, is in force
 * everywhere within about a second. Logins never query the database: the login core answers from
 * this copy. While the database does not answer, the users read
 * last stay in force (as with a realm file whose edit was refused), and the log says so every
 * {@code staleWarning}.
 */
public final class SharedUsers extends KeptUsers {

    private static final Logger LOG = Logger.getLogger(SharedUsers.class.getName());

    private final Supplier<DataSource> databases;
    /** Read with the users whenever the version moved; null when nobody holds tokens here. */
    private final DatabaseTokens tokens;
    private volatile long version = -1;
    private volatile boolean unreachable;

    /** @param databases the shared database, asked for at each poll (null while none is bound) */
    public SharedUsers(Supplier<DataSource> databases, Duration poll, Duration staleWarning) {
        this(databases, poll, staleWarning, null);
    }

    /**
     * @param tokens the access tokens in the same database, read again at each poll that reads the
     *     users (one version covers both): one query a second for both, not two
     */
    public SharedUsers(Supplier<DataSource> databases, Duration poll, Duration staleWarning, DatabaseTokens tokens) {
        super(new StaleRealm(Clock.systemUTC(), staleWarning, "a user removed meanwhile can still log in here", "until it answers"),
                "secure-rest-api shared users");
        this.databases = databases;
        this.tokens = tokens;
        poll();
        every(poll, this::poll);
    }

    /** Stores the upgraded hash in the shared tables, in one transaction that moves the version, unless the user changed meanwhile. */
    @Override
    public void upgrade(String user, String from, String to, String what) {
        later(() -> {
            DataSource database = databases.get();
            if (database == null) {
                return;
            }
            try (Connection c = database.getConnection()) {
                UserTable.upgrade(c, user, from, to);
                Audit.hashUpgraded(user, "shared database", what);
            } catch (UserTable.Refused changedMeanwhile) {
                // an operator's edit came first: it stands
            } catch (SQLException e) {
                LOG.warning("Realm secure-rest-api: the hash of '" + RealmEntry.printable(user) + "' stays as it is for now (the shared"
                        + " database did not take it: " + e.getMessage() + "); upgraded at a later login");
            }
        });
    }

    /** Stores the new hash in the shared tables now, in one transaction that moves the version, if the user still holds {@code from}. */
    @Override
    public boolean change(String user, String from, String to) throws NotStored {
        DataSource database = databases.get();
        if (database == null) {
            throw new NotStored("no DataSource is bound for the shared users", true);
        }
        try (Connection c = database.getConnection()) {
            UserTable.upgrade(c, user, from, to);
            return true;
        } catch (UserTable.Refused changedMeanwhile) {
            return false;
        } catch (SQLException e) {
            throw new NotStored("the shared database did not take it: " + e.getMessage(), true);
        }
    }

    private synchronized void poll() {
        DataSource database = databases.get();
        try {
            if (database == null) {
                throw new SQLException("no DataSource is bound for the shared users");
            }
            try (Connection c = database.getConnection()) {
                if (version < 0) {
                    RealmSchema.ensure(c); // the core's own tables, on a database that has none yet
                }
                if (UserTable.version(c) != version || version < 0) {
                    UserTable.Snapshot snapshot = UserTable.read(c);
                    if (tokens != null) {
                        tokens.read(c);
                    }
                    users = Users.of(snapshot.entries(), "shared database");
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
                // at start-up, before the container bound the DataSource (or another instance was making the tables)
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
}
