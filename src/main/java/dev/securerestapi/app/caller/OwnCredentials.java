package dev.securerestapi.app.caller;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import dev.securerestapi.credentials.AccessTokens;
import dev.securerestapi.credentials.Credentials;
import dev.securerestapi.credentials.PasswordChanges;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.glassfish.hk2.api.Factory;
import org.glassfish.jersey.server.ContainerRequest;

/**
 * The login core's {@link Credentials} for the request being answered, bound to its peer and
 * forwarded header (the core reads the client's address from them, as for a login). A filter
 * web.xml puts before {@code /api/v1/me/*} binds it and leaves it as a request attribute; Jersey
 * hands it to the resources, which never touch the servlet request.
 */
public interface OwnCredentials {

    /** The request attribute that holds it. */
    String ATTRIBUTE = OwnCredentials.class.getName();

    PasswordChanges.Result change(String user, String current, String replacement);

    AccessTokens.Made make(String user, String name, String scope, int days);

    List<AccessTokens.Token> list(String user);

    Optional<AccessTokens.Token> find(String user, String id);

    boolean revoke(String user, String id);

    /** The core's, for a request from {@code peer} carrying {@code forwarded}. */
    record Bound(Credentials core, String peer, List<String> forwarded) implements OwnCredentials {
        @Override
        public PasswordChanges.Result change(String user, String current, String replacement) {
            return core.change(user, current, replacement, peer, forwarded);
        }

        @Override
        public AccessTokens.Made make(String user, String name, String scope, int days) {
            return core.make(user, name, scope, days, peer, forwarded);
        }

        @Override
        public List<AccessTokens.Token> list(String user) {
            return core.list(user);
        }

        @Override
        public Optional<AccessTokens.Token> find(String user, String id) {
            return core.find(user, id);
        }

        @Override
        public boolean revoke(String user, String id) {
            return core.revoke(user, id, peer, forwarded);
        }
    }

    /** Where the container has no login core of this project: nothing can be changed or made. */
    OwnCredentials NONE = new OwnCredentials() {
        private static final String WHY = "credentials are not kept by this container";

        @Override
        public PasswordChanges.Result change(String user, String current, String replacement) {
            return new PasswordChanges.NotStored("passwords are not changed in this container");
        }

        @Override
        public AccessTokens.Made make(String user, String name, String scope, int days) {
            throw new AccessTokens.NotStored(WHY, false);
        }

        @Override
        public List<AccessTokens.Token> list(String user) {
            return List.of();
        }

        @Override
        public Optional<AccessTokens.Token> find(String user, String id) {
            return Optional.empty();
        }

        @Override
        public boolean revoke(String user, String id) {
            return false;
        }
    };

    /** The filter: binds the core the container's adapter put in the servlet context to this request. */
    final class ForTheRequest extends HttpFilter {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            OwnCredentials bound = NONE;
            if (getServletContext().getAttribute(Credentials.ATTRIBUTE) instanceof Credentials core) {
                bound = new Bound(core, request.getRemoteAddr(), Collections.list(request.getHeaders(core.forwardedHeader())));
            }
            request.setAttribute(ATTRIBUTE, bound);
            chain.doFilter(request, response);
        }
    }

    /** Jersey's factory of it, per request: the attribute, which Jersey's servlet shows as a request property. */
    final class OfTheRequest implements Factory<OwnCredentials> {

        @Inject
        private jakarta.inject.Provider<ContainerRequest> request;

        @Override
        public OwnCredentials provide() {
            return request.get().getProperty(ATTRIBUTE) instanceof OwnCredentials bound ? bound : NONE;
        }

        @Override
        public void dispose(OwnCredentials bound) {
            // nothing held
        }
    }
}
