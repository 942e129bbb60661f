package dev.securerestapi.tomcat;

import dev.securerestapi.realm.metrics.RealmStats;
import dev.securerestapi.realm.audit.Audit;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

import dev.securerestapi.realm.ExposedFile;
import dev.securerestapi.realm.Pbkdf2;
import dev.securerestapi.realm.StaleRealm;
import dev.securerestapi.settings.Settings;
import org.apache.catalina.User;
import org.apache.catalina.users.MemoryUserDatabase;
import org.apache.tomcat.util.file.ConfigFileLoader;

/**
 * Tomcat's in-memory users database, read from the users file that META-INF/context.xml names,
 * with the project's checks made on the one strict reading of each version of the file
 * ({@link UsersFile}):
 * <ul>
 * <li>At start-up a missing, unreadable or malformed file leaves the realm empty (nothing
 *     protected is served) and the log names the file and the reason; entries in a format nobody
 *     can log in with are named (the user, never the entry).</li>
 * <li>An edit that makes the file malformed is ignored: the users read last stay, and the log
 *     gives the line and reason (Tomcat would empty the realm), again every
 *     {@code secure-rest-api.realm.stale-warning-seconds} while it lasts ({@link StaleRealm}).
 *     The next good edit is read.</li>
 * <li>An entry nobody may log in with (a weak hash, a name not in its RFC 8265 form) is in the
 *     file but not in the realm: its name is answered like an unknown one. Tomcat's own
 *     credential handler would take the iterations from the entry, so a 1,000-iteration hash
 *     would log in; here it never does, with or without the add-on.</li>
 * <li>An unknown name costs the PBKDF2 of the slowest entry ({@link NoSuchUser}).</li>
 * <li>A file other accounts can read is named in the log ({@link ExposedFile}).</li>
 * <li>The file is looked at whenever the realm's background processing runs, which
 *     META-INF/context.xml sets to every 2 seconds (Tomcat's default is every 10).</li>
 * </ul>
 */
public class KeepLastGoodUserDatabase extends MemoryUserDatabase {

    private static final Logger LOG = Logger.getLogger(KeepLastGoodUserDatabase.class.getName());
    /** Tomcat's guard too: a file changed this recently may still be being written. */
    private static final long SETTLE_MILLIS = 2_000;

    private final StaleRealm stale = new StaleRealm(Clock.systemUTC(), Settings.current().staleRealmWarning());
    private volatile long seen = -1;
    /** The names whose entries nobody can log in with, and what any other unknown name is checked against. */
    private volatile Set<String> refused = Set.of();
    private volatile Pbkdf2 unknownUser = Pbkdf2.unknownUser(List.of());
    /** The thread reading the file: Tomcat's own parser asks {@link #findUser} while it builds the users. */
    private volatile Thread reading;

    public KeepLastGoodUserDatabase(String id) {
        super(id);
    }

    @Override
    public void open() throws Exception {
        Path file = file();
        seen = file == null ? 0 : file.toFile().lastModified();
        if (file == null) {
            super.open();
            return;
        }
        UsersFile read = usable(file);
        if (read instanceof UsersFile.Unusable unusable) {
            LOG.severe("Realm secure-rest-api: " + file + unusable.where() + "; every protected request gets 401 until that is fixed");
            return;
        }
        load((UsersFile.Readable) read);
    }

    /**
     * Any name this database holds no usable entry for (unknown, or an entry that lets nobody in)
     * is answered with a {@link NoSuchUser}, so the realm's PBKDF2 runs for it as for a wrong
     * password, at the cost of the slowest entry, and fails.
     */
    @Override
    public User findUser(String name) {
        if (name == null) {
            return null;
        }
        User user = super.findUser(name);
        if (Thread.currentThread() == reading || (user != null && !refused.contains(name))) {
            return user;
        }
        return new NoSuchUser(this, name, unknownUser.stored());
    }

    @Override
    public void backgroundProcess() {
        if (!getWatchSource()) {
            return;
        }
        Path file = file();
        if (file == null) {
            return;
        }
        long modified = file.toFile().lastModified(); // 0 when missing
        if (modified == seen || modified + SETTLE_MILLIS > System.currentTimeMillis()) {
            stale.reminder().ifPresent(LOG::severe);
            return;
        }
        seen = modified;
        UsersFile read = usable(file);
        if (read instanceof UsersFile.Unusable unusable) {
            LOG.severe(stale.refused("Realm secure-rest-api: " + file + unusable.where()));
            return;
        }
        try {
            LOG.info("Realm secure-rest-api: reading the changed " + file);
            load((UsersFile.Readable) read);
        } catch (Exception e) {
            LOG.severe(stale.refused("Realm secure-rest-api: could not read " + file + ": " + e.getMessage()));
        }
    }

    /** How long the users in force have been those from before the file's latest edit; zero when current. */
    public java.time.Duration staleFor() {
        return stale.staleFor();
    }

    private void load(UsersFile.Readable read) throws Exception {
        reading = Thread.currentThread();
        try {
            super.open();
        } finally {
            reading = null;
        }
        refused = Set.copyOf(read.refused().keySet());
        unknownUser = read.unknownUser();
        stale.read();
        int users = 0;
        for (java.util.Iterator<?> all = getUsers(); all.hasNext(); all.next()) {
            users++;
        }
        RealmStats.INSTANCE.applied(users);
        Audit.realmReloaded(getPathname(), users);
    }

    /** Reads the file once, saying in the log what keeps any of its entries from being used, and whether others can read it. */
    private static UsersFile usable(Path file) {
        UsersFile read = UsersFile.read(file);
        if (read instanceof UsersFile.Readable readable) {
            readable.refused().values().forEach(refusal -> LOG.warning(refusal + " (" + file + ")"));
            ExposedFile.warning(file).ifPresent(LOG::warning);
        }
        return read;
    }
    /**
     * The users file, resolved as Tomcat resolves the pathname: relative to catalina.base. Null
     * only for a source that is not a file (Tomcat then reports it itself).
     */
    private Path file() {
        try {
            URI uri = ConfigFileLoader.getSource().getURI(getPathname());
            if (uri != null) {
                return "file".equals(uri.getScheme()) ? new File(uri).toPath() : null;
            }
        } catch (RuntimeException missing) {
            // a file that does not exist (yet) is resolved below, so the log can name it
        }
        Path path = Path.of(getPathname());
        String base = System.getProperty("catalina.base");
        return path.isAbsolute() || base == null ? path : Path.of(base).resolve(path).normalize();
    }
}
