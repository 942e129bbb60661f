package dev.securerestapi.jetty;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

import dev.securerestapi.realm.db.ContainerDataSource;
import dev.securerestapi.realm.login.BasicCredentials;
import dev.securerestapi.realm.login.ClientAddress;
import dev.securerestapi.realm.login.LoginThrottle;
import dev.securerestapi.realm.login.VerifiedCredentials;
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
 * <li>Jetty reads credentials in one charset and advertises none. Here the challenge says
 *     {@code charset="UTF-8"}, and {@link BasicCredentials} reads UTF-8, ISO-8859-1 where the
 *     bytes are not UTF-8, and puts both parts in NFC.</li>
 * <li>Jetty writes its challenge past the web application's error pages, as an HTML page. Here the
 *     challenge goes through them, so its body is the application's problem+json.</li>
 * <li>Jetty does not limit failed logins. Here {@link LoginThrottle} does, counting each attempt
 *     before its password is checked: per user name and client address, per name, and per
 *     address ({@link ClientAddress}: forwarded headers only from trusted proxies, right-most
 *     untrusted hop). A locked name or address gets 429 with {@code Retry-After} before any
 *     password is checked; an unreadable {@code Authorization} counts against the address. With
 *     {@code secure-rest-api.users.store=database} the counts are kept in the shared database
 *     too, so every instance goes by the same ones.</li>
 * </ul>
 */
public class StrictBasicAuthenticator extends BasicAuthenticator {


    private final LoginThrottle throttle;
    private final ClientAddress clients;

    public StrictBasicAuthenticator() {
        Settings settings = Settings.current();
        throttle = settings.usersStore() == Settings.UsersStore.DATABASE
                ? new LoginThrottle(settings.lockout(), Clock.systemUTC(), new ContainerDataSource())
                : new LoginThrottle(settings.lockout(), Clock.systemUTC());
        clients = ClientAddress.trusting(settings.trustedProxies(), settings.forwardedHeader());
        setCharset(StandardCharsets.UTF_8);
    }

    @Override
    public AuthenticationState validateRequest(Request request, Response response, Callback callback)
            throws ServerAuthException {
        try {
            return authenticateOnce(request, response, callback);
        } finally {
            VerifiedCredentials.endOfRequest();
        }
    }

    private AuthenticationState authenticateOnce(Request request, Response response, Callback callback) throws ServerAuthException {
        String authorization = request.getHeaders().get(getAuthorizationHeader());
        Optional<BasicCredentials> credentials = BasicCredentials.parse(authorization);
        if (credentials.isPresent()) {
            String name = credentials.get().user();
            LoginThrottle.Admission admission = throttle.admit(name, credentials.get().password(), client(request));
            if (admission instanceof LoginThrottle.Refused refused) {
                return refuse(request, response, callback, refused);
            }
            LoginThrottle.Attempt attempt = (LoginThrottle.Attempt) admission;
            UserIdentity user = login(name, credentials.get().password(), request, response);
            if (user != null) {
                if (attempt.succeeded()) {
                    return new UserAuthenticationSucceeded(getAuthenticationType(), user);
                }
                return refuse(request, response, callback, attempt.refusal());
            }
            attempt.failed();
        } else if (authorization != null) {
            // unreadable credentials count against the address, and no laxer parser ever sees them
            LoginThrottle.Refused refused = throttle.malformed(client(request));
            if (refused != null) {
                return refuse(request, response, callback, refused);
            }
        }
        if (response.isCommitted()) {
            return null;
        }
        response.getHeaders().put(getChallengeHeader(),
                "Basic realm=\"" + _loginService.getName() + "\", charset=\"" + getCharset().name() + "\"");
        return AuthenticationState.writeError(request, response, callback, getUnauthorizedStatusCode());
    }

    private String client(Request request) {
        return clients.of(Request.getRemoteAddr(request), request.getHeaders().getValuesList(clients.header()));
    }

    private static AuthenticationState refuse(Request request, Response response, Callback callback, LoginThrottle.Refused refused) {
        response.getHeaders().put("Retry-After", Long.toString(refused.retryAfterSeconds()));
        return AuthenticationState.writeError(request, response, callback, refused.status());
    }
}
