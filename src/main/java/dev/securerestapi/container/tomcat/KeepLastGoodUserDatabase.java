package dev.securerestapi.container.tomcat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

import dev.securerestapi.realm.MalformedRealmFile;
import dev.securerestapi.realm.TomcatUsersFile;
import org.apache.catalina.users.MemoryUserDatabase;
import org.apache.tomcat.util.file.ConfigFileLoader;

/**
 * Tomcat's in-memory users database, read from the users file, with two changes to how it follows
 * edits. Tomcat empties the realm when an edit makes the file malformed; here a malformed edit is
 * ignored (the users read last stay, and the log gives the line and reason) and the next good edit
 * is read. And the file is looked at whenever the realm's background processing runs, which
 * META-INF/context.xml sets to every 2 seconds (Tomcat's default is every 10).
 * At start-up a malformed or missing file leaves the realm empty: nothing protected is served.
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
        if (file != null && Files.isRegularFile(file) && malformed(file, "every protected request gets 401")) {
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
        if (modified == 0) {
            LOG.severe("Realm secure-rest-api: " + file + " is gone; keeping the users read before until it is back");
            return;
        }
        if (malformed(file, "keeping the users read before until it is fixed")) {
            return;
        }
        try {
            LOG.info("Realm secure-rest-api: reading the changed " + file);
            super.open();
        } catch (Exception e) {
            LOG.severe("Realm secure-rest-api: could not read " + file + ": " + e.getMessage());
        }
    }

    private static boolean malformed(Path file, String consequence) {
        try {
            TomcatUsersFile.parse(Files.readAllBytes(file));
            return false;
        } catch (MalformedRealmFile e) {
            LOG.severe("Realm secure-rest-api: " + file + " line " + e.line() + ": " + e.reason() + "; " + consequence);
            return true;
        } catch (IOException e) {
            LOG.severe("Realm secure-rest-api: cannot read " + file + ": " + e.getMessage() + "; " + consequence);
            return true;
        }
    }

    /** The users file, resolved as Tomcat resolves the pathname (relative to catalina.base). */
    private Path file() {
        try {
            URI uri = ConfigFileLoader.getSource().getURI(getPathname());
            return "file".equals(uri.getScheme()) ? new File(uri).toPath() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
