package dev.securerestapi.tomcat;

import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.util.Optional;

import dev.securerestapi.realm.login.LoginThrottle;
import dev.securerestapi.settings.Settings;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.authenticator.BasicAuthenticator;
import org.apache.catalina.connector.Request;

/**
 * Tomcat's BASIC authenticator with the project's brute-force limits ({@link LoginThrottle}) in
 * front of the realm: a user name or client address that failed too often gets 429 with
 * {@code Retry-After}, through the web application's error page, before any password is checked.
 * Each failed login is logged with the user name and address. Tomcat's own LockOutRealm, which
 * stays in place behind this, answers a locked name with the plain 401 challenge, counts only by
 * name, and lets a flood of new names push a locked one out of its memory; this does neither.
 *
 * <p>Ships in the add-on jar for {@code $CATALINA_HOME/lib}; the WAR's context.xml names it when
 * the system property {@code secure-rest-api.authenticator} says so.
 */
public class ThrottledBasicAuthenticator extends BasicAuthenticator {

    private static final int TOO_MANY_REQUESTS = 429;

    private final LoginThrottle throttle = new LoginThrottle(Settings.fromSystemProperties().lockout(), Clock.systemUTC());

    @Override
    protected boolean doAuthenticate(Request request, HttpServletResponse response) throws IOException {
        // named in full: BasicAuthenticator has a nested BasicCredentials of its own
        Optional<dev.securerestapi.realm.login.BasicCredentials> credentials =
                dev.securerestapi.realm.login.BasicCredentials.parse(request.getHeader("Authorization"));
        if (credentials.isEmpty()) {
            return super.doAuthenticate(request, response); // the challenge
        }
        String name = credentials.get().user();
        String address = request.getRemoteAddr();
        long retryAfter = throttle.retryAfterSeconds(name, address);
        if (retryAfter > 0) {
            response.setHeader("Retry-After", Long.toString(retryAfter));
            response.sendError(TOO_MANY_REQUESTS);
            return false;
        }
        if (super.doAuthenticate(request, response)) {
            Principal principal = request.getUserPrincipal();
            if (principal != null && principal.getName().equals(name)) {
                throttle.succeeded(name);
            }
            return true;
        }
        throttle.failed(name, address);
        return false;
    }
}
