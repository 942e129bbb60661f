package dev.securerestapi.tomcat;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.logging.Logger;

import dev.securerestapi.realm.Pbkdf2;
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
 *     gives the line and reason (Tomcat would empty the realm). The next good edit is read.</li>
 * <li>The file is looked at whenever the realm's background processing runs, which
 *     META-INF/context.xml sets to every 2 seconds (Tomcat's default is every 10).</li>
 * </ul>
 */
public class KeepLastGoodUserDatabase extends MemoryUserDatabase {

    private static final Logger LOG = Logger.getLogger(KeepLastGoodUserDatabase.class.getName());
    /** Tomcat's guard too: a file changed this recently may still be being written. */
    private static final long SETTLE_MILLIS = 2_000;

    private volatile long seen = -1;

    public KeepLastGoodUserDatabase(String id) {
        super(id);
    }

    @Override
    public void open() throws Exception {
        Path file = file();
        seen = file == null ? 0 : file.toFile().lastModified();
        if (file != null && !usable(file, "every protected request gets 401 until that is fixed")) {
            return;
        }
        super.open();
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
            return;
        }
        seen = modified;
        if (!usable(file, "keeping the users read before until it is fixed")) {
            return;
        }
        try {
            LOG.info("Realm secure-rest-api: reading the changed " + file);
            super.open();
        } catch (Exception e) {
            LOG.severe("Realm secure-rest-api: could not read " + file + ": " + e.getMessage());
        }
    }

    /** Reads the file once: says in the log what keeps it, or any of its entries, from being used. */
    private static boolean usable(Path file, String consequence) {
        UsersFile read = UsersFile.read(file);
        if (read instanceof UsersFile.Unusable unusable) {
            LOG.severe("Realm secure-rest-api: " + file + unusable.where() + "; " + consequence);
            return false;
        }
        ((UsersFile.Readable) read).unusable().forEach(user -> LOG.warning(Pbkdf2.unusableEntry(user) + " (" + file + ")"));
        return true;
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
