package dev.securerestapi.tomcat;

import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.util.Collections;
import java.util.Optional;

import dev.securerestapi.realm.db.ContainerDataSource;
import dev.securerestapi.realm.login.ClientAddress;
import dev.securerestapi.realm.login.LoginThrottle;
import dev.securerestapi.realm.login.VerifiedCredentials;
import dev.securerestapi.settings.Settings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Realm;
import org.apache.catalina.authenticator.BasicAuthenticator;
import org.apache.catalina.connector.Request;
import org.apache.catalina.realm.LockOutRealm;

/**
 * Tomcat's BASIC authenticator with the project's brute-force limits ({@link LoginThrottle}) around
 * the realm: each attempt is counted before the realm checks its password, and a user name or
 * client address that failed too often gets 429 with {@code Retry-After}, through the web
 * application's error page, before any password is checked. Credentials are read by the project's
 * strict parser only (UTF-8, ISO-8859-1 where the bytes are not UTF-8, NFC): an {@code Authorization} header it cannot read is counted against the
 * client's address and answered with the challenge, never handed to Tomcat's laxer parser. Client
 * addresses come from {@link ClientAddress} (forwarded headers only from trusted proxies). With
 * {@code secure-rest-api.users.store=database} the counts are kept in the context's DataSource
 * too, so every instance goes by the same ones. Tomcat's
 * own LockOutRealm, which context.xml declares for the WAR alone, is stepped around: it answers a
 * locked name with the plain 401 challenge, counts only by name (so anyone could lock the
 * operator out), and lets a flood of new names push a locked one out of its memory.
 *
 * <p>Ships in the add-on jar for {@code $CATALINA_HOME/lib}; the WAR's context.xml names it when
 * the system property {@code secure-rest-api.authenticator} says so.
 */
public class ThrottledBasicAuthenticator extends BasicAuthenticator {


    private final LoginThrottle throttle;
    private final ClientAddress clients;

    public ThrottledBasicAuthenticator() {
        Settings settings = Settings.current();
        throttle = settings.usersStore() == Settings.UsersStore.DATABASE
                ? new LoginThrottle(settings.lockout(), Clock.systemUTC(), new ContainerDataSource())
                : new LoginThrottle(settings.lockout(), Clock.systemUTC());
        clients = ClientAddress.trusting(settings.trustedProxies(), settings.forwardedHeader());
    }

    @Override
    protected boolean doAuthenticate(Request request, HttpServletResponse response) throws IOException {
        try {
            return authenticateOnce(request, response);
        } finally {
            VerifiedCredentials.endOfRequest();
        }
    }

    private boolean authenticateOnce(Request request, HttpServletResponse response) throws IOException {
        String authorization = request.getHeader("Authorization");
        if (authorization == null) {
            return super.doAuthenticate(request, response); // the challenge
        }
        // named in full: BasicAuthenticator has a nested BasicCredentials of its own
        Optional<dev.securerestapi.realm.login.BasicCredentials> credentials =
                dev.securerestapi.realm.login.BasicCredentials.parse(authorization);
        String address = clients.of(request.getRemoteAddr(), Collections.list(request.getHeaders(clients.header())));
        if (credentials.isEmpty()) {
            LoginThrottle.Refused refused = throttle.malformed(address);
            return refused != null ? refuse(response, refused) : challenge(response);
        }
        String name = credentials.get().user();
        String password = credentials.get().password();
        LoginThrottle.Admission admission = throttle.admit(name, password, address);
        if (admission instanceof LoginThrottle.Refused refused) {
            return refuse(response, refused);
        }
        LoginThrottle.Attempt attempt = (LoginThrottle.Attempt) admission;
        Principal principal = realm().authenticate(name, password);
        if (principal == null) {
            attempt.failed();
            return challenge(response);
        }
        if (!attempt.succeeded()) {
            return refuse(response, attempt.refusal());
        }
        register(request, response, principal, HttpServletRequest.BASIC_AUTH, name, password);
        return true;
    }

    /**
     * The realm that checks passwords. Tomcat's LockOutRealm, declared around it for the WAR alone,
     * locks a name for every address after 5 failures: an attacker anywhere could keep the
     * operator out, which the throttle here exists to prevent. So with this authenticator the
     * password goes to the realm inside it, and the throttle alone counts failures.
     */
    private Realm realm() {
        Realm realm = context.getRealm();
        if (realm instanceof LockOutRealm lockOut && lockOut.getNestedRealms().length == 1) {
            return lockOut.getNestedRealms()[0];
        }
        return realm;
    }

    private boolean challenge(HttpServletResponse response) throws IOException {
        String charset = getCharset();
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + getRealmName(context) + "\""
                + (charset == null || charset.isEmpty() ? "" : ", charset=" + charset));
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        return false;
    }

    private static boolean refuse(HttpServletResponse response, LoginThrottle.Refused refused) throws IOException {
        response.setHeader("Retry-After", Long.toString(refused.retryAfterSeconds()));
        response.sendError(refused.status());
        return false;
    }
}
