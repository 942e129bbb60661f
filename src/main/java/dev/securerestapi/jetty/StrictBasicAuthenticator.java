package dev.securerestapi.jetty;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

import dev.securerestapi.realm.login.BasicCredentials;
import dev.securerestapi.realm.login.LoginThrottle;
import dev.securerestapi.settings.Settings;

import org.eclipse.jetty.security.AuthenticationState;
import org.eclipse.jetty.security.ServerAuthException;
import org.eclipse.jetty.security.UserIdentity;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's BASIC authentication with the gaps this project cannot live with closed. It still
 * checks credentials against the container's LoginService (the realm); WEB-INF/jetty-ee11-web.xml
 * installs it in the web application's security handler. Tomcat never reads that file.
 *
 * <ul>
 * <li>Jetty 12.1 decodes the credentials unguarded: invalid base64 escapes as an exception and
 *     the client gets a 500 naming it. Here an unreadable value is no credentials: a 401.</li>
 * <li>Jetty reads credentials as ISO-8859-1 and advertises no charset; RFC 7617 clients send
 *     UTF-8, and the challenge says {@code charset="UTF-8"}.</li>
 * <li>Jetty writes its challenge past the web application's error pages, as an HTML page. Here the
 *     challenge goes through them, so its body is the application's problem+json.</li>
 * <li>Jetty does not limit failed logins. Here {@link LoginThrottle} does, per user name and per
 *     client address: a locked name or address gets 429 with {@code Retry-After} before any
 *     password is checked.</li>
 * </ul>
 */
public class StrictBasicAuthenticator extends BasicAuthenticator {

    private static final int TOO_MANY_REQUESTS = 429;

    private final LoginThrottle throttle = new LoginThrottle(Settings.fromSystemProperties().lockout(), Clock.systemUTC());

    public StrictBasicAuthenticator() {
        setCharset(StandardCharsets.UTF_8);
    }

    @Override
    public AuthenticationState validateRequest(Request request, Response response, Callback callback)
            throws ServerAuthException {
        Optional<BasicCredentials> credentials =
                BasicCredentials.parse(request.getHeaders().get(getAuthorizationHeader()));
        if (credentials.isPresent()) {
            String name = credentials.get().user();
            long retryAfter = throttle.idle() ? 0 : throttle.retryAfterSeconds(name, Request.getRemoteAddr(request));
            if (retryAfter > 0) {
                response.getHeaders().put("Retry-After", Long.toString(retryAfter));
                return AuthenticationState.writeError(request, response, callback, TOO_MANY_REQUESTS);
            }
            UserIdentity user = login(name, credentials.get().password(), request, response);
            if (user != null) {
                throttle.succeeded(name);
                return new UserAuthenticationSucceeded(getAuthenticationType(), user);
            }
            throttle.failed(name, Request.getRemoteAddr(request));
        }
        if (response.isCommitted()) {
            return null;
        }
        response.getHeaders().put(getChallengeHeader(),
                "Basic realm=\"" + _loginService.getName() + "\", charset=\"" + getCharset().name() + "\"");
        return AuthenticationState.writeError(request, response, callback, getUnauthorizedStatusCode());
    }
}
