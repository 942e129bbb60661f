package dev.securerestapi.tomcat;

import dev.securerestapi.realm.metrics.Logins;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

import dev.securerestapi.realm.Password;
import dev.securerestapi.realm.Pbkdf2;
import dev.securerestapi.realm.login.VerifiedCredentials;
import org.apache.catalina.realm.SecretKeyCredentialHandler;

/**
 * Tomcat's PBKDF2 credential handler, paying the slow hash once per login instead of once per
 * request: a successful match is remembered (see {@link VerifiedCredentials}; the stored hash,
 * salted per user, stands for the user, since Tomcat does not tell a handler whose credentials
 * these are). Passwords are compared in NFC ({@link Password#normalized}), the form the users
 * command hashes. Passwords with control characters never match: RFC 7617 excludes them, and PBKDF2's
 * HMAC would otherwise take {@code password\0} for {@code password}.
 *
 * <p>Ships in the add-on jar for {@code $CATALINA_HOME/lib}, never in the WAR: Tomcat loads the
 * classes context.xml names from its own class path. The WAR's context.xml names this class only
 * when the system property {@code secure-rest-api.credentialHandler} says so.
 */
public class CachingCredentialHandler extends SecretKeyCredentialHandler {

    private static final Logger LOG = Logger.getLogger(CachingCredentialHandler.class.getName());

    private final VerifiedCredentials verified = new VerifiedCredentials(10_000, Duration.ofMinutes(10), Clock.systemUTC());

    public CachingCredentialHandler() throws java.security.NoSuchAlgorithmException {
        super();
        LOG.info("secure-rest-api: verified-credential cache in use for PBKDF2 logins");
        Logins.INSTANCE.cacheSize(verified::size);
    }

    @Override
    public boolean matches(String given, String stored) {
        if (given == null || stored == null) {
            return false;
        }
        // compared in NFC, the form the users command hashes (a no-op for the add-on's authenticator's, already NFC)
        String input = Password.normalized(given);
        if (verified.isVerified("", input, stored)) {
            Logins.INSTANCE.cacheHit();
            return true;
        }
        Logins.INSTANCE.cacheMiss();
        if (Pbkdf2.standsForNoUser(stored)) {
            Logins.INSTANCE.unknownName(); // the users database's stand-in for a name it does not hold
        }
        // the hash runs even for a password refused outright, so its answer takes as long as any other
        // and an entry below the policy's strength never matches, whatever Tomcat's handler makes of it
        boolean matches = super.matches(input, stored) && input.chars().noneMatch(Character::isISOControl)
                && Pbkdf2.parse(stored).isPresent();
        if (matches) {
            verified.remember("", input, stored);
        }
        return matches;
    }
}
