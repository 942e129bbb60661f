package dev.securerestapi.tomcat;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

import dev.securerestapi.realm.UserName;
import dev.securerestapi.realm.audit.Audit;
import dev.securerestapi.realm.login.BasicCredentials;
import dev.securerestapi.realm.metrics.Logins;
import dev.securerestapi.settings.Settings;
import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.MessagePolicy;
import jakarta.security.auth.message.callback.PasswordValidationCallback;
import jakarta.security.auth.message.module.ServerAuthModule;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * BASIC authentication for the WAR alone in Tomcat (no add-on in Tomcat's lib), as a Jakarta
 * Authentication module: Tomcat's own BASIC authenticator reads credentials in one charset only,
 * so a client sending ISO-8859-1 (Python's {@code requests}) or a decomposed {@code ü} could not
 * log in. This module reads them as {@link BasicCredentials} does (UTF-8, ISO-8859-1 for bytes that
 * are not UTF-8, NFC, strict) and hands the pair to the context's realm through Tomcat's callback:
 * the realm, LockOutRealm included, still checks the password, and web.xml's constraints still
 * decide who may call what. It only answers requests web.xml requires a login for; elsewhere it
 * leaves the caller anonymous, as Tomcat's authenticator does.
 *
 * <p>{@link WarAloneAuthentication} registers it at start-up, unless the add-on's authenticator
 * (which does all this and the login throttle) is configured.
 */
public final class BasicAuthModule implements ServerAuthModule {

    private static final String MANDATORY = "jakarta.security.auth.message.MessagePolicy.isMandatory";
    private static final String AUTH_TYPE = "jakarta.servlet.http.authType";
    static final String CHALLENGE = "Basic realm=\"" + Settings.REALM_NAME + "\", charset=\"UTF-8\"";

    private static final int TRACKED = 10_000;

    private CallbackHandler container;
    /** Failed logins per name and address since their last success, for the audit trail only (LockOutRealm limits them). */
    private final java.util.concurrent.ConcurrentHashMap<String, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();

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
        if (!Boolean.parseBoolean(String.valueOf(message.getMap().get(MANDATORY)))) {
            return AuthStatus.SUCCESS; // a public path: anonymous, whatever it sends
        }
        HttpServletRequest request = (HttpServletRequest) message.getRequestMessage();
        HttpServletResponse response = (HttpServletResponse) message.getResponseMessage();
        String authorization = request.getHeader("Authorization");
        Optional<BasicCredentials> credentials = BasicCredentials.parse(authorization);
        if (credentials.isPresent()) {
            String key = UserName.key(credentials.get().user()) + "\u0000" + request.getRemoteAddr();
            if (realmAccepts(client, credentials.get())) {
                Logins.INSTANCE.succeeded();
                Integer failedBefore = failures.isEmpty() ? null : failures.remove(key);
                if (failedBefore != null) {
                    Audit.succeededAfterFailures(credentials.get().user(), request.getRemoteAddr(), failedBefore);
                }
                message.getMap().put(AUTH_TYPE, HttpServletRequest.BASIC_AUTH);
                return AuthStatus.SUCCESS;
            }
            // Tomcat's own handler does not tell an unknown name from a wrong password
            Logins.INSTANCE.failed();
            Audit.loginFailed(credentials.get().user(), request.getRemoteAddr(), "wrong_password");
            if (failures.size() >= TRACKED) {
                failures.clear(); // only for the audit trail's "first success after failures": never unbounded
            }
            failures.merge(key, 1, Integer::sum);
        } else if (authorization != null) {
            Logins.INSTANCE.malformed();
            Audit.loginFailed(null, request.getRemoteAddr(), "malformed");
        }
        try {
            response.setHeader("WWW-Authenticate", CHALLENGE);
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        } catch (IOException e) {
            throw (AuthException) new AuthException("the 401 challenge could not be sent").initCause(e);
        }
        return AuthStatus.SEND_CONTINUE;
    }

    private boolean realmAccepts(Subject client, BasicCredentials credentials) throws AuthException {
        PasswordValidationCallback check = new PasswordValidationCallback(client, credentials.user(),
                credentials.password().toCharArray());
        try {
            container.handle(new Callback[] {check});
        } catch (IOException | UnsupportedCallbackException e) {
            throw (AuthException) new AuthException("the realm could not check the password").initCause(e);
        } finally {
            check.clearPassword();
        }
        return check.getResult();
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
