package dev.securerestapi.jetty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

import dev.securerestapi.realm.Pbkdf2;
import dev.securerestapi.realm.login.VerifiedCredentials;
import dev.securerestapi.realm.JettyRealmFile;
import dev.securerestapi.realm.MalformedRealmFile;
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
 * makes it malformed is ignored: the users read last stay, and the log gives the line and reason.
 */
public class StrongPropertyUserStore extends PropertyUserStore {

    private static final Logger LOG = Logger.getLogger(StrongPropertyUserStore.class.getName());

    private final VerifiedCredentials verified = new VerifiedCredentials(10_000, Duration.ofMinutes(10), Clock.systemUTC());
    private boolean loaded;

    @Override
    protected void loadUsers() throws IOException {
        Path file = getConfig().getPath();
        try {
            if (file != null && Files.isReadable(file)) {
                JettyRealmFile.parse(Files.readAllBytes(file)); // Jetty itself reports a missing file
            }
        } catch (MalformedRealmFile e) {
            String where = "Realm secure-rest-api: " + file + " line " + e.line() + ": " + e.reason();
            if (!loaded) {
                throw new IllegalStateException(where + "; nothing is served until it is fixed");
            }
            LOG.severe(where + "; keeping the users read before, until the file is fixed");
            return;
        }
        super.loadUsers();
        LOG.info("Realm secure-rest-api: read " + file);
        loaded = true;
    }

    @Override
    public void addUser(String username, Credential credential, String[] roles) {
        // Jetty hands a string it recognised as no credential format over as a Password
        Optional<Pbkdf2> hash = credential instanceof Password entry ? Pbkdf2.parse(entry.toString()) : Optional.empty();
        if (hash.isEmpty()) {
            LOG.warning(Pbkdf2.unusableEntry(username));
            removeUser(username);
            return;
        }
        super.addUser(username, new Pbkdf2Credential(username, hash.get(), verified), roles);
    }
}
