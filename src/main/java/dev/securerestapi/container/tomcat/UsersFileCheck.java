package dev.securerestapi.container.tomcat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import dev.securerestapi.container.credentials.Pbkdf2;
import dev.securerestapi.realm.MalformedRealmFile;
import dev.securerestapi.realm.RealmEntry;
import dev.securerestapi.realm.TomcatUsersFile;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * On Tomcat, says in the log which users file the realm of META-INF/context.xml reads when that
 * file is missing, and which users' entries are in a format the realm cannot verify. Tomcat already
 * fails closed in both cases (an empty realm, a credential that never matches), but reports a
 * missing file without saying what that means and an unusable entry not at all; a malformed file
 * is reported by {@link KeepLastGoodUserDatabase}. It only logs, never an entry; it does nothing
 * on other containers.
 */
public class UsersFileCheck implements ServletContextListener {

    /** The system property and default that META-INF/context.xml uses for the file. */
    static final String PROPERTY = "secure-rest-api.users";
    static final String DEFAULT = "conf/secure-rest-api-users.xml";

    private static final Logger LOG = Logger.getLogger(UsersFileCheck.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        String catalinaBase = System.getProperty("catalina.base");
        if (catalinaBase == null) {
            return;
        }
        Path file = Path.of(catalinaBase).resolve(System.getProperty(PROPERTY, DEFAULT)).normalize();
        List<RealmEntry> users;
        try {
            users = read(file);
        } catch (UnusableFile e) {
            if (e.malformed) {
                return; // KeepLastGoodUserDatabase has said where and why
            }
            LOG.severe("Realm secure-rest-api cannot read its users from " + file + ": " + e.getMessage()
                    + ". Every protected request gets 401 until that is fixed.");
            return;
        }
        usersWithoutStrongHash(users).forEach(user -> LOG.warning("Realm secure-rest-api: the entry for user '"
                + user + "' in " + file + " is not a PBKDF2-HMAC-SHA256 hash (salt$iterations$hash, at least "
                + Pbkdf2.MIN_ITERATIONS + " iterations); that user cannot log in"));
    }

    /** What keeps the file from holding users, or empty when it is a readable, well-formed users file. */
    static Optional<String> problemWith(Path file) {
        try {
            read(file);
            return Optional.empty();
        } catch (UnusableFile e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The users whose stored password is in no format this realm verifies; never the entries themselves. */
    static List<String> usersWithoutStrongHash(List<RealmEntry> users) {
        return users.stream().filter(user -> Pbkdf2.parse(user.stored()).isEmpty()).map(RealmEntry::name).toList();
    }

    /** The users of the file; or why it holds none. */
    static List<RealmEntry> read(Path file) throws UnusableFile {
        if (!Files.isRegularFile(file)) {
            throw new UnusableFile("no such file");
        }
        if (!Files.isReadable(file)) {
            throw new UnusableFile("not readable by this process");
        }
        try {
            return TomcatUsersFile.parse(Files.readAllBytes(file)).entries();
        } catch (MalformedRealmFile e) {
            throw new UnusableFile(e.getMessage(), true);
        } catch (IOException e) {
            throw new UnusableFile("unreadable: " + e.getMessage());
        }
    }

    static final class UnusableFile extends Exception {
        final boolean malformed;

        UnusableFile(String reason) {
            this(reason, false);
        }

        UnusableFile(String reason, boolean malformed) {
            super(reason);
            this.malformed = malformed;
        }
    }
}
