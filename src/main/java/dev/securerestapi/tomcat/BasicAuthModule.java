package dev.securerestapi.tomcat;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

import dev.securerestapi.realm.login.BasicCredentials;
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

    private CallbackHandler container;

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
        Optional<BasicCredentials> credentials = BasicCredentials.parse(request.getHeader("Authorization"));
        if (credentials.isPresent() && realmAccepts(client, credentials.get())) {
            message.getMap().put(AUTH_TYPE, HttpServletRequest.BASIC_AUTH);
            return AuthStatus.SUCCESS;
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
