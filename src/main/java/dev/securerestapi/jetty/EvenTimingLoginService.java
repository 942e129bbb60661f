package dev.securerestapi.jetty;

import java.util.function.Function;

import dev.securerestapi.realm.Pbkdf2;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserIdentity;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Session;

/**
 * Jetty's HashLoginService, except that a login for a name the realm does not hold costs what a
 * wrong password for a known user costs: Jetty answers an unknown name at once, without hashing,
 * so response times would tell which names exist. Here the password is checked against a dummy
 * PBKDF2 hash of the same strength, and the login fails.
 */
public class EvenTimingLoginService extends HashLoginService {

    /** A hash of random bytes: same salt size and iterations as a real one; no password matches it. */
    private final Pbkdf2 dummy = Pbkdf2.of(java.util.UUID.randomUUID().toString());

    @Override
    public UserIdentity login(String username, Object credentials, Request request, Function<Boolean, Session> getOrCreateSession) {
        UserIdentity user = super.login(username, credentials, request, getOrCreateSession);
        // only a failed login asks whether the name exists: a successful one (every request) pays nothing
        if (user == null && username != null && credentials instanceof String password && loadUserInfo(username) == null) {
            dummy.matches(password);
        }
        return user;
    }
}
