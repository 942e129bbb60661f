package dev.securerestapi.tomcat;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

import dev.securerestapi.realm.login.Login;
import dev.securerestapi.settings.HttpsRedirect;
import dev.securerestapi.settings.Settings;
import dev.securerestapi.settings.TrustedProxies;
import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.MessagePolicy;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.auth.message.module.ServerAuthModule;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Where Tomcat hands a login over: a Jakarta Authentication module, the servlet containers'
 * standard plug-in for authentication, which the WAR registers itself ({@link TomcatRegistration}),
 * so a stock Tomcat needs nothing in its {@code lib}. Tomcat calls it for every request of the web
 * application; for those web.xml requires a login for, it asks {@link Login} and turns the outcome
 * into Tomcat's own authentication (the caller and its roles, through Tomcat's callbacks, which
 * web.xml's constraints then check), a 401 challenge, or a refusal with {@code Retry-After}, each
 * through web.xml's error pages. Elsewhere it leaves the caller anonymous, as Tomcat's own
 * authenticator does.
 *
 * <p>Tomcat calls it before it authenticates anyone, so it is also where the production switch
 * ({@code secure-rest-api.https-only=true}) redirects plain HTTP, for everything but the health
 * checks, to the same path at {@code secure-rest-api.public-url} (308, not cacheable; never to a
 * host taken from the request), unless a trusted proxy says its client came over HTTPS
 * ({@link TrustedProxies#overHttps}). Jetty's {@code HttpsOnly} does the same there.
 */
public final class TomcatBasicAuthentication implements ServerAuthModule {

    private static final String MANDATORY = "jakarta.security.auth.message.MessagePolicy.isMandatory";
    private static final String AUTH_TYPE = "jakarta.servlet.http.authType";

    private final Login login;
    /** Null while the production switch is off. */
    private final HttpsRedirect redirect;
    private final TrustedProxies proxies;
    private CallbackHandler container;

    TomcatBasicAuthentication(Login login, Settings settings) {
        this.login = login;
        this.redirect = HttpsRedirect.of(settings);
        this.proxies = TrustedProxies.of(settings);
    }

    @Override
    public void initialize(MessagePolicy requestPolicy, MessagePolicy responsePolicy, CallbackHandler handler,
            @SuppressWarnings("rawtypes") Map options) {
        this.container = handler;
    }

    @Override
    public Class<?>[] getSupportedMessageTypes() {
        return new Class<?>[] {HttpServletRequest.class, HttpServletResponse.class};
    }

    @Override
    @SuppressWarnings("unchecked") // Jakarta Authentication's map is raw
    public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service) throws AuthException {
        HttpServletRequest request = (HttpServletRequest) message.getRequestMessage();
        HttpServletResponse response = (HttpServletResponse) message.getResponseMessage();
        if (redirect != null && mustMoveToHttps(request)) {
            response.setHeader("Cache-Control", HttpsRedirect.CACHE_CONTROL);
            response.setHeader("Location", redirect.location(request.getRequestURI(), request.getQueryString()));
            response.setStatus(HttpsRedirect.STATUS);
            return AuthStatus.SEND_CONTINUE;
        }
        if (!Boolean.parseBoolean(String.valueOf(message.getMap().get(MANDATORY)))) {
            return AuthStatus.SUCCESS; // a public path: anonymous, whatever it sends
        }
        Login.Outcome outcome = login.login(request.getHeader("Authorization"), request.getRemoteAddr(),
                Collections.list(request.getHeaders(login.forwardedHeader())));
        if (outcome instanceof Login.Authenticated user) {
            hand(new CallerPrincipalCallback(client, user.name()), new GroupPrincipalCallback(client, user.roles().toArray(String[]::new)));
            message.getMap().put(AUTH_TYPE, HttpServletRequest.BASIC_AUTH);
            String credential = user.otherCredential();
            if (credential != null) {
                request.setAttribute(Settings.CREDENTIAL_ATTRIBUTE, credential); // for the error page's 403, as on Jetty
            }
            return AuthStatus.SUCCESS;
        }
        try {
            if (outcome instanceof Login.TooMany refused) {
                refuse(response, 429, refused.retryAfterSeconds());
            } else if (outcome instanceof Login.Unavailable refused) {
                refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, refused.retryAfterSeconds());
            } else {
                response.setHeader("WWW-Authenticate", Login.CHALLENGE);
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            }
        } catch (IOException e) {
            throw (AuthException) new AuthException("the answer could not be sent").initCause(e);
        }
        return AuthStatus.SEND_CONTINUE;
    }

    private boolean mustMoveToHttps(HttpServletRequest request) {
        return !request.isSecure() && !HttpsRedirect.staysOnHttp(request.getRequestURI().substring(request.getContextPath().length()))
                && !proxies.overHttps(request.getRemoteAddr(), Collections.list(request.getHeaders(proxies.header())),
                        Collections.list(request.getHeaders(proxies.protoHeader())));
    }

    private void hand(Callback... callbacks) throws AuthException {
        try {
            container.handle(callbacks);
        } catch (IOException | UnsupportedCallbackException e) {
            throw (AuthException) new AuthException("Tomcat did not take the caller").initCause(e);
        }
    }

    private static void refuse(HttpServletResponse response, int status, long retryAfter) throws IOException {
        response.setHeader("Retry-After", Long.toString(retryAfter));
        response.sendError(status);
    }

    @Override
    public AuthStatus secureResponse(MessageInfo message, Subject service) {
        return AuthStatus.SEND_SUCCESS;
    }

    @Override
    public void cleanSubject(MessageInfo message, Subject subject) {
        if (subject != null) {
            subject.getPrincipals().clear();
            subject.getPrivateCredentials().clear();
        }
    }
}
