package dev.securerestapi.jetty;

import dev.securerestapi.realm.metrics.RealmStats;
import dev.securerestapi.realm.metrics.Logins;
import dev.securerestapi.realm.audit.Audit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import dev.securerestapi.realm.Pbkdf2;
import dev.securerestapi.realm.login.VerifiedCredentials;
import dev.securerestapi.realm.JettyRealmFile;
import dev.securerestapi.realm.ExposedFile;
import dev.securerestapi.realm.MalformedRealmFile;
import dev.securerestapi.realm.RealmEntry;
import dev.securerestapi.realm.StaleRealm;
import dev.securerestapi.settings.Settings;
import org.eclipse.jetty.security.PropertyUserStore;
import org.eclipse.jetty.util.security.Credential;
import org.eclipse.jetty.util.security.Password;

/**
 * Jetty's realm properties file ({@code user: credential, role, ...}) with one credential format
 * only: PBKDF2-HMAC-SHA256 in Tomcat's {@code salt$iterations$hash}, at least 600,000 iterations.
 * Jetty by itself reads only weak formats, and takes any string it does not recognise as a plain
 * password, so that the stored hash itself would log in. Here an entry in any other format
 * (plain, OBF, MD5, CRYPT, MD, an unknown prefix, too few iterations) lets nobody in, and the
 * log names the user whose entry it is. Never the entry.
 *
 * <p>The file is also read strictly ({@link JettyRealmFile}): a malformed file (a user without a
 * hash, a broken escape, a user named twice) stops the application at start-up, and an edit that
 * makes it malformed is ignored: the users read last stay, and the log gives the line and reason,
 * again every {@code secure-rest-api.realm.stale-warning-seconds} while it lasts. A file other
 * accounts can read is named in the log. Entries under a name not in its RFC 8265 form let nobody
 * in, like weak hashes.
 */
public class StrongPropertyUserStore extends PropertyUserStore implements StrongUsers {

    private static final Logger LOG = Logger.getLogger(StrongPropertyUserStore.class.getName());

    private final VerifiedCredentials verified = new VerifiedCredentials(10_000, Duration.ofMinutes(10), Clock.systemUTC());
    {
        Logins.INSTANCE.cacheSize(verified::size);
    }
    private final Map<String, String> storedHashes = new ConcurrentHashMap<>();
    private volatile Pbkdf2 unknownUser = Pbkdf2.unknownUser(List.of());
    private final StaleRealm stale = new StaleRealm(Clock.systemUTC(), Settings.current().staleRealmWarning());
    private ScheduledExecutorService reminders;
    private boolean loaded;

    @Override
    protected void loadUsers() throws IOException {
        Path file = getConfig().getPath();
        if (loaded && file != null && !Files.isReadable(file)) {
            // deleting the file revokes nobody: say so, and keep saying it
            LOG.severe(stale.refused("Realm secure-rest-api: " + file + ": " + (Files.exists(file) ? "not readable by this process" : "no such file")));
            return;
        }
        try {
            if (file != null && Files.isReadable(file)) {
                JettyRealmFile.parse(Files.readAllBytes(file)); // Jetty itself reports a missing file
            }
        } catch (MalformedRealmFile e) {
            String where = "Realm secure-rest-api: " + file + " line " + e.line() + ": " + e.reason();
            if (!loaded) {
                throw new IllegalStateException(where + "; nothing is served until it is fixed");
            }
            LOG.severe(stale.refused(where));
            return;
        }
        if (file != null) {
            ExposedFile.warning(file).ifPresent(LOG::warning);
        }
        super.loadUsers();
        stale.read();
        unknownUser = Pbkdf2.unknownUser(storedHashes.values());
        LOG.info("Realm secure-rest-api: read " + file);
        RealmStats.INSTANCE.applied(storedHashes.size());
        Audit.realmReloaded(String.valueOf(file), storedHashes.size());
        loaded = true;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        reminders = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "secure-rest-api stale realm warnings");
            thread.setDaemon(true);
            return thread;
        });
        reminders.scheduleWithFixedDelay(() -> stale.reminder().ifPresent(LOG::severe), 2, 2, TimeUnit.SECONDS);
    }

    @Override
    protected void doStop() throws Exception {
        if (reminders != null) {
            reminders.shutdownNow();
        }
        super.doStop();
    }

    /** How long the users in force have been those from before the file's latest edit; zero when current. */
    public Duration staleFor() {
        return stale.staleFor();
    }

    @Override
    public void addUser(String username, Credential credential, String[] roles) {
        // Jetty hands a string it recognised as no credential format over as a Password
        String stored = credential instanceof Password entry ? entry.toString() : "";
        Optional<String> refusal = RealmEntry.refusal(username, stored);
        if (refusal.isPresent()) {
            LOG.warning(refusal.get());
            removeUser(username);
            return;
        }
        Pbkdf2 hash = Pbkdf2.parse(stored).orElseThrow();
        storedHashes.put(username, stored);
        super.addUser(username, new Pbkdf2Credential(username, hash, verified), roles);
    }

    @Override
    public void removeUser(String username) {
        storedHashes.remove(username);
        super.removeUser(username);
    }

    /**
     * What a login for a name this store does not hold is checked against: as slow as the slowest
     * entry it holds ({@link Pbkdf2#unknownUser}).
     */
    @Override
    public Pbkdf2 unknownUser() {
        return unknownUser;
    }
}
