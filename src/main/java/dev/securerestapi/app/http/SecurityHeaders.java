package dev.securerestapi.app.http;

import java.io.IOException;
import java.util.Collections;

import dev.securerestapi.settings.Settings;
import dev.securerestapi.settings.TrustedProxies;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Headers every response carries, including the errors the container answers (web.xml maps this
 * to the error dispatch too): {@code X-Content-Type-Options: nosniff}, so a browser never runs a
 * JSON body as something else; and {@code Cache-Control: no-store} on everything but the public
 * documents ({@link Settings#PUBLIC_PATHS}: the landing page, the health checks, which set their
 * own, and the OpenAPI document), so no browser or proxy cache keeps private data. With the production switch
 * ({@code secure-rest-api.https-only=true}), responses over HTTPS also carry
 * {@code Strict-Transport-Security}, so a browser that once reached the service over HTTPS never
 * tries plain HTTP again for a year (the container redirects plain HTTP; see README); so do
 * responses to a trusted proxy that says its client came over HTTPS ({@link TrustedProxies#overHttps}).
 */
public class SecurityHeaders extends HttpFilter {

    static final String HSTS = "max-age=31536000";

    private final boolean httpsOnly = Settings.current().httpsOnly();
    private final TrustedProxies proxies = TrustedProxies.of(Settings.current());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (httpsOnly && (request.isSecure() || proxies.overHttps(request.getRemoteAddr(),
                Collections.list(request.getHeaders(proxies.header())), Collections.list(request.getHeaders(proxies.protoHeader()))))) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        // by path, not by caller: asking the container for the caller here would make Jetty run
        // the authenticator again while it dispatches the error page of a failed login
        if (!Settings.PUBLIC_PATHS.contains(request.getRequestURI().substring(request.getContextPath().length()))) {
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }
}
