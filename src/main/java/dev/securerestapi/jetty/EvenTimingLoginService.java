package dev.securerestapi.jetty;

import dev.securerestapi.realm.metrics.Logins;
import java.util.List;
import java.util.function.Function;

import dev.securerestapi.realm.Pbkdf2;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserIdentity;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Session;

/**
 * Jetty's HashLoginService, except that a login for a name the realm does not hold costs what a
 * wrong password for the slowest entry costs: Jetty answers an unknown name at once, without
 * hashing, so response times would tell which names exist. Here the password is checked against
 * a hash no password matches, with as many iterations as the slowest entry in the realm
 * ({@link StrongUsers#unknownUser}), and the login fails.
 */
public class EvenTimingLoginService extends HashLoginService {

    private static final Pbkdf2 FALLBACK = Pbkdf2.unknownUser(List.of());

    private volatile StrongUsers strongStore;

    @Override
    public void setUserStore(UserStore userStore) {
        super.setUserStore(userStore);
        strongStore = userStore instanceof StrongUsers store ? store : null;
    }

    @Override
    public UserIdentity login(String username, Object credentials, Request request, Function<Boolean, Session> getOrCreateSession) {
        UserIdentity user = super.login(username, credentials, request, getOrCreateSession);
        // only a failed login asks whether the name exists: a successful one (every request) pays nothing
        if (user == null && username != null && credentials instanceof String password && loadUserInfo(username) == null) {
            Logins.INSTANCE.unknownName();
            Pbkdf2 unknown = strongStore != null ? strongStore.unknownUser() : FALLBACK;
            unknown.matches(password);
        }
        return user;
    }
}
