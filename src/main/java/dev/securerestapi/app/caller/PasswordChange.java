package dev.securerestapi.app.caller;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

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
 * The login core's {@link PasswordChanges} for the request being answered, bound to its peer
 * and forwarded header (the core reads the client's address from them, as for a login). A filter
 * web.xml puts before {@code /api/v1/me/password} binds it and leaves it as a request attribute;
 * Jersey hands it to the resource, which never touches the servlet request.
 */
public interface PasswordChange {

    /** The request attribute that holds it. */
    String ATTRIBUTE = PasswordChange.class.getName();

    PasswordChanges.Result change(String user, String current, String replacement);

    /** Where the container has no login core of this project: nothing can be changed. */
    PasswordChange NONE = (user, current, replacement) -> new PasswordChanges.NotStored("passwords are not changed in this container");

    /** The filter: binds the core the container's adapter put in the servlet context to this request. */
    final class ForTheRequest extends HttpFilter {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            PasswordChange change = NONE;
            if (getServletContext().getAttribute(PasswordChanges.ATTRIBUTE) instanceof PasswordChanges core) {
                String peer = request.getRemoteAddr();
                List<String> forwarded = Collections.list(request.getHeaders(core.forwardedHeader()));
                change = (user, current, replacement) -> core.change(user, current, replacement, peer, forwarded);
            }
            request.setAttribute(ATTRIBUTE, change);
            chain.doFilter(request, response);
        }
    }

    /** Jersey's factory of it, per request: the attribute, which Jersey's servlet shows as a request property. */
    final class OfTheRequest implements Factory<PasswordChange> {

        @Inject
        private jakarta.inject.Provider<ContainerRequest> request;

        @Override
        public PasswordChange provide() {
            return request.get().getProperty(ATTRIBUTE) instanceof PasswordChange change ? change : NONE;
        }

        @Override
        public void dispose(PasswordChange change) {
            // nothing held
        }
    }
}
