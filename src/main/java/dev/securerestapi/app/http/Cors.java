package dev.securerestapi.app.http;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import dev.securerestapi.app.problem.ErrorPageServlet;
import dev.securerestapi.app.problem.Problems;
import dev.securerestapi.settings.Settings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * CORS (the Fetch standard's protocol) for web pages on the origins
 * {@code secure-rest-api.cors.allowed-origins} names; none unless set.
 *
 * <p>Every {@code OPTIONS} request is answered here and goes no further, whatever its path, so
 * web.xml can leave OPTIONS open (a browser's preflight never carries credentials) without
 * opening any resource: a preflight from an allowed origin gets 204 with the methods and request
 * headers the API takes; one from any other origin 403; any other OPTIONS 204 with the path's
 * {@code Allow} (the {@link Routes} the API servlet published, as a 405 there names them), or 404
 * where the API has no such path. None has a body with data, and none tells more than the public
 * OpenAPI document does.
 *
 * <p>Every other response to an allowed origin, the container's own errors included (web.xml maps
 * this to the error dispatch too), names that origin in {@code Access-Control-Allow-Origin}, with
 * {@code Access-Control-Allow-Credentials}: a page's script reads the answer only then. Nothing
 * else changes for other origins. While any origin is allowed, every response says
 * {@code Vary: Origin}, so no cache hands one origin's answer to another.
 */
public class Cors extends HttpFilter {

    static final String METHODS = "GET, HEAD, POST, PUT, DELETE";
    static final String REQUEST_HEADERS = "Authorization, Content-Type, If-Match, If-None-Match";
    /** Beyond the few a script may always read: what the subscribers' conditional requests, paging and errors need. */
    static final String EXPOSED_HEADERS = "ETag, Link, Location, Retry-After";
    /** How long a browser may keep a preflight's answer: ten minutes, so a changed setting reaches browsers soon. */
    static final String MAX_AGE = "600";

    private final Set<String> allowed = Set.copyOf(Settings.current().corsAllowedOrigins());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean options = "OPTIONS".equals(request.getMethod()) && request.getDispatcherType() == DispatcherType.REQUEST;
        if (allowed.isEmpty() && !options) {
            // nothing to grant and nothing to answer: the cost of CORS where it is not set up
            chain.doFilter(request, response);
            return;
        }
        String origin = request.getHeader("Origin");
        boolean granted = origin != null && allowed.contains(origin.toLowerCase(Locale.ROOT));
        if (!allowed.isEmpty() && !response.getHeaders("Vary").contains("Origin")) {
            response.addHeader("Vary", "Origin");
        }
        if (granted) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Credentials", "true");
        }
        if (options) {
            answerOptions(request, response, origin, granted);
            return;
        }
        if (granted) {
            response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
        chain.doFilter(request, response);
    }

    /** The methods the request's path answers (what a 405 there names), or null where no route matches. */
    private static String allowed(HttpServletRequest request) {
        Routes routes = (Routes) request.getServletContext().getAttribute(Routes.ATTRIBUTE);
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return routes == null ? null : routes.allow(path.isEmpty() ? "/" : path);
    }

    private static void answerOptions(HttpServletRequest request, HttpServletResponse response, String origin, boolean granted)
            throws IOException {
        boolean preflight = origin != null && request.getHeader("Access-Control-Request-Method") != null;
        if (preflight && !granted) {
            ErrorPageServlet.send(request, response, Problems.of(403,
                    "Web pages from this origin may not call the API: it is not among the allowed origins."));
            return;
        }
        if (preflight) {
            response.setHeader("Access-Control-Allow-Methods", METHODS);
            response.setHeader("Access-Control-Allow-Headers", REQUEST_HEADERS);
            response.setHeader("Access-Control-Max-Age", MAX_AGE);
        } else {
            String allow = allowed(request);
            if (allow == null) {
                ErrorPageServlet.send(request, response, Problems.forStatus(404));
                return;
            }
            response.setHeader("Allow", allow);
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
