package dev.securerestapi.container.jetty;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

import dev.securerestapi.container.credentials.Pbkdf2;
import dev.securerestapi.container.credentials.VerifiedCredentials;
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
 */
public class StrongPropertyUserStore extends PropertyUserStore {

    private static final Logger LOG = Logger.getLogger(StrongPropertyUserStore.class.getName());

    private final VerifiedCredentials verified = new VerifiedCredentials(10_000, Duration.ofMinutes(10), Clock.systemUTC());

    @Override
    public void addUser(String username, Credential credential, String[] roles) {
        // Jetty hands a string it recognised as no credential format over as a Password
        Optional<Pbkdf2> hash = credential instanceof Password entry ? Pbkdf2.parse(entry.toString()) : Optional.empty();
        if (hash.isEmpty()) {
            LOG.warning("Realm secure-rest-api: the entry for user '" + username + "' is not a PBKDF2-HMAC-SHA256 hash"
                    + " (salt$iterations$hash, at least " + Pbkdf2.MIN_ITERATIONS + " iterations); that user cannot log in");
            removeUser(username);
            return;
        }
        super.addUser(username, new Pbkdf2Credential(username, hash.get(), verified), roles);
    }
}
