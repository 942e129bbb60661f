package dev.securerestapi.jetty;

import java.nio.file.Path;
import java.util.List;

import javax.security.auth.Subject;

import dev.securerestapi.credentials.AccessTokens;
import dev.securerestapi.credentials.Credentials;
import dev.securerestapi.credentials.PasswordChanges;
import dev.securerestapi.realm.login.Login;
import dev.securerestapi.settings.Settings;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.security.AuthenticationState;
import org.eclipse.jetty.security.Authenticator;
import org.eclipse.jetty.security.UserIdentity;
import org.eclipse.jetty.security.UserPrincipal;
import org.eclipse.jetty.security.authentication.LoginAuthenticator;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * Where Jetty hands a login over: the BASIC authenticator WEB-INF/jetty-ee11-web.xml installs in
 * the web application's security handler. Jetty calls it for the requests web.xml requires a login
 * for; it asks {@link Login} and turns the outcome into Jetty's own authentication (a user identity
 * with the user's roles, which web.xml's constraints then check), a 401 challenge, or a refusal
 * with {@code Retry-After}. Every answer goes through web.xml's error pages, so its body is the
 * application's problem+json.
 */
public final class JettyBasicAuthentication extends AbstractLifeCycle implements Authenticator, Credentials {

    private final Path realmFile;
    private volatile Login login;

    /** @param realmFile the realm file ({@code Settings.jettyRealmFile}), read unless the users are in the database */
    public JettyBasicAuthentication(String realmFile) {
        this.realmFile = Path.of(realmFile);
    }

    @Override
    protected void doStart() {
        login = Login.configured(realmFile, true);
    }

    @Override
    protected void doStop() {
        login.close();
    }

    /** The login core's password changes and tokens (jetty-ee11-web.xml puts this in the servlet context for /api/v1/me/*). */
    @Override
    public PasswordChanges.Result change(String user, String current, String replacement, String peer, List<String> forwarded) {
        return login.change(user, current, replacement, peer, forwarded);
    }

    @Override
    public AccessTokens.Made make(String user, String name, String scope, int days, String peer, List<String> forwarded) {
        return login.make(user, name, scope, days, peer, forwarded);
    }

    @Override
    public List<AccessTokens.Token> list(String user) {
        return login.list(user);
    }

    @Override
    public java.util.Optional<AccessTokens.Token> find(String user, String id) {
        return login.find(user, id);
    }

    @Override
    public boolean revoke(String user, String id, String peer, List<String> forwarded) {
        return login.revoke(user, id, peer, forwarded);
    }

    @Override
    public String forwardedHeader() {
        return login.forwardedHeader();
    }

    @Override
    public void setConfiguration(Configuration configuration) {
        // the realm's name and the users are the login core's
    }

    @Override
    public String getAuthenticationType() {
        return BASIC_AUTH;
    }

    @Override
    public AuthenticationState validateRequest(Request request, Response response, Callback callback) {
        Login.Outcome outcome = login.login(request.getHeaders().get(HttpHeader.AUTHORIZATION), Request.getRemoteAddr(request),
                request.getHeaders().getValuesList(login.forwardedHeader()));
        if (outcome instanceof Login.Authenticated user) {
            String credential = user.otherCredential();
            if (credential != null) {
                // Jetty answers a 403 of web.xml's constraints before it records who the caller is, so the
                // error page could not tell a temporary password or a token from any other login: this says it
                request.setAttribute(Settings.CREDENTIAL_ATTRIBUTE, credential);
            }
            return new LoginAuthenticator.UserAuthenticationSucceeded(BASIC_AUTH, identity(user.name(), user.roles()));
        }
        if (outcome instanceof Login.TooMany refused) {
            return refuse(request, response, callback, 429, refused.retryAfterSeconds());
        }
        if (outcome instanceof Login.Unavailable refused) {
            return refuse(request, response, callback, 503, refused.retryAfterSeconds());
        }
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, Login.CHALLENGE);
        return AuthenticationState.writeError(request, response, callback, 401);
    }

    private static UserIdentity identity(String name, List<String> roles) {
        UserPrincipal principal = new UserPrincipal(name, null);
        Subject subject = new Subject();
        subject.getPrincipals().add(principal);
        subject.setReadOnly();
        return UserIdentity.from(subject, principal, roles.toArray(String[]::new));
    }

    private static AuthenticationState refuse(Request request, Response response, Callback callback, int status, long retryAfter) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(retryAfter));
        return AuthenticationState.writeError(request, response, callback, status);
    }
}
