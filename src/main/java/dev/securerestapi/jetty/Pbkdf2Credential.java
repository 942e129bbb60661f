package dev.securerestapi.jetty;

import dev.securerestapi.realm.metrics.Logins;
import dev.securerestapi.realm.Pbkdf2;
import dev.securerestapi.realm.login.VerifiedCredentials;
import org.eclipse.jetty.util.security.Credential;

/**
 * A user's PBKDF2 hash as Jetty's realm checks it: the slow hash once, then the verified-
 * credential cache until the entry expires or the stored hash changes.
 */
final class Pbkdf2Credential extends Credential {

    private final String user;
    private final String stored;
    private final transient Pbkdf2 hash;
    private final transient VerifiedCredentials verified;

    Pbkdf2Credential(String user, Pbkdf2 hash, VerifiedCredentials verified) {
        this.user = user;
        this.stored = hash.stored();
        this.hash = hash;
        this.verified = verified;
    }

    @Override
    public boolean check(Object credentials) {
        if (!(credentials instanceof String password)) {
            return false;
        }
        if (verified.isVerified(user, password, stored)) {
            Logins.INSTANCE.cacheHit();
            return true;
        }
        Logins.INSTANCE.cacheMiss();
        if (hash.matches(password)) {
            verified.remember(user, password, stored);
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "Pbkdf2Credential[" + user + "]";
    }
}
