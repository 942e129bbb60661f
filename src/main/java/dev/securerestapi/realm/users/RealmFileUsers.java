package dev.securerestapi.realm.users;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

import dev.securerestapi.realm.ExposedFile;
import dev.securerestapi.realm.MalformedRealmFile;
import dev.securerestapi.realm.RealmEntry;
import dev.securerestapi.realm.RealmFile;
import dev.securerestapi.realm.RealmFileStore;
import dev.securerestapi.realm.StaleRealm;
import dev.securerestapi.realm.audit.Audit;
import dev.securerestapi.realm.metrics.RealmStats;

/**
 * The users of a realm file, in either format ({@link RealmFile.Format#of}: Jetty's properties or
 * Tomcat's users XML), read strictly ({@link RealmFile#parse}) and looked at again every second:
 * <ul>
 * <li>a change is read once the file has been still for {@link #SETTLE} (a file changed this
 *     recently may still be being written), so an edit is in force within about three seconds;</li>
 * <li>an edit that makes the file malformed, unreadable or missing is ignored: the users read last
 *     stay (deleting the file revokes nobody), and the log gives the file, line and reason, again
 *     every {@code staleWarning} while it lasts ({@link StaleRealm});</li>
 * <li>entries nobody can log in with (a weak hash, a name not in its RFC 8265 form) are logged by
 *     user name and left out ({@link Users#of});</li>
 * <li>a file other accounts can read is named in the log ({@link ExposedFile}).</li>
 * </ul>
 * At start-up a file that cannot be read stops the application ({@code failAtStart}) or leaves the
 * directory empty, so that every protected request gets 401; either way the log says why.
 */
public final class RealmFileUsers extends KeptUsers {

    private static final Logger LOG = Logger.getLogger(RealmFileUsers.class.getName());
    static final Duration SETTLE = Duration.ofSeconds(2);

    private final Path file;
    private final Clock clock;
    /** The file's last-modified time and size when it was last read or refused; null before. */
    private String seen;
    /** Whether an upgrade found the file unwritable (logged once). */
    private boolean upgradeRefused;

    public RealmFileUsers(Path file, boolean failAtStart, Duration staleWarning, Clock clock) {
        super(new StaleRealm(clock, staleWarning), "secure-rest-api realm file");
        this.file = file;
        this.clock = clock;
        String problem = read();
        if (problem != null) {
            String message = "Realm secure-rest-api: " + file + problem;
            if (failAtStart) {
                throw new IllegalStateException(message + "; nothing is served until it is fixed");
            }
            LOG.severe(message + "; every protected request gets 401 until that is fixed");
        }
        every(Duration.ofSeconds(1), this::look);
    }

    /** One look at the file: read it when it changed and has settled; otherwise remind, while stale. */
    synchronized void look() {
        try {
            String now = fingerprint();
            long modified = Files.isRegularFile(file) ? Files.getLastModifiedTime(file).toMillis() : 0;
            if (now.equals(seen) || modified + SETTLE.toMillis() > clock.millis()) {
                stale.reminder().ifPresent(LOG::severe);
                return;
            }
            String problem = read();
            if (problem != null) {
                LOG.severe(stale.refused("Realm secure-rest-api: " + file + problem));
            }
        } catch (IOException | RuntimeException e) {
            LOG.severe(stale.refused("Realm secure-rest-api: could not look at " + file + ": " + e.getMessage()));
        }
    }

    /** Reads the file into {@link #users}; returns what follows its name in a message when it cannot, else null. */
    private synchronized String read() {
        try {
            seen = fingerprint();
            if (!Files.isRegularFile(file)) {
                return ": no such file";
            }
            if (!Files.isReadable(file)) {
                return ": not readable by this process";
            }
            byte[] content = Files.readAllBytes(file);
            RealmFile parsed = RealmFile.parse(RealmFile.Format.of(content), content);
            ExposedFile.warning(file).ifPresent(LOG::warning);
            users = Users.of(parsed.entries(), file.toString());
        } catch (MalformedRealmFile e) {
            return " line " + e.line() + ": " + e.reason();
        } catch (IOException e) {
            return ": cannot read it: " + e.getMessage();
        }
        stale.read();
        LOG.info("Realm secure-rest-api: read " + users.size() + " users from " + file);
        RealmStats.INSTANCE.applied(users.size());
        Audit.realmReloaded(file.toString(), users.size());
        return null;
    }

    /**
     * Writes the upgraded hash into the file, with the users command's lock and atomic replace,
     * when the entry still holds {@code from}; the next look reads it back. A file this process
     * cannot replace stays as it is.
     */
    @Override
    public void upgrade(String user, String from, String to, String what) {
        later(() -> {
            try (RealmFileStore store = RealmFileStore.open(file)) {
                RealmFile current = store.read(null);
                if (current.entry(user).filter(entry -> entry.stored().equals(from)).isPresent()) {
                    store.write(current.withPassword(user, to));
                    Audit.hashUpgraded(user, file.toString(), what);
                }
            } catch (RealmFileStore.Unwritable | IOException | IllegalStateException e) {
                if (!upgradeRefused) {
                    upgradeRefused = true;
                    LOG.warning("Realm secure-rest-api: " + file + " stays as it is: hashes are not upgraded at login ("
                            + e.getMessage() + "; logged once)");
                }
            }
        });
    }

    /** Writes the new hash into the file now, with the users command's lock and atomic replace, if the entry still holds {@code from}. */
    @Override
    public boolean change(String user, String from, String to) throws NotStored {
        try (RealmFileStore store = RealmFileStore.open(file)) {
            RealmFile current = store.read(null);
            if (current.entry(user).filter(entry -> entry.stored().equals(from)).isEmpty()) {
                return false;
            }
            store.write(current.withPassword(user, to));
            return true;
        } catch (RealmFileStore.Unwritable | IOException | IllegalStateException e) {
            LOG.warning("Realm secure-rest-api: a password change of '" + RealmEntry.printable(user) + "' was refused: " + file
                    + " cannot be written by this process (" + e.getMessage() + ")");
            throw new NotStored("the server may not write its users file; an operator changes passwords with the users command", false);
        }
    }

    private String fingerprint() throws IOException {
        return Files.isRegularFile(file) ? Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file) : "missing";
    }
}
