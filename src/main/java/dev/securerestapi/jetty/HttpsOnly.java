package dev.securerestapi.jetty;

import dev.securerestapi.settings.HttpsRedirect;
import dev.securerestapi.settings.Settings;
import dev.securerestapi.settings.TrustedProxies;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The production switch on Jetty ({@code -Dsecure-rest-api.https-only=true}): a plain-HTTP request
 * for anything but the health check is redirected (308, method and body kept, not cacheable) to
 * the same path and query at {@code secure-rest-api.public-url}, before authentication runs, so a
 * browser is never asked for a password over HTTP. The target never comes from the request's
 * {@code Host}. WEB-INF/jetty-ee11-web.xml inserts it in front of the security handler; it does
 * nothing while the switch is off. A request from a trusted proxy that says its client came over
 * HTTPS (the proxy ended TLS) is not redirected ({@link TrustedProxies#overHttps}).
 * Strict-Transport-Security on HTTPS responses comes from the application's SecurityHeaders
 * filter, on Tomcat too.
 */
public class HttpsOnly extends Handler.Wrapper {

    private final Settings settings = Settings.current();
    private final HttpsRedirect redirect = HttpsRedirect.of(settings);
    private final TrustedProxies proxies = TrustedProxies.of(settings);

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (redirect == null || request.isSecure() || HttpsRedirect.staysOnHttp(Request.getPathInContext(request))
                || proxies.overHttps(Request.getRemoteAddr(request), request.getHeaders().getValuesList(proxies.header()),
                        request.getHeaders().getValuesList(proxies.protoHeader()))) {
            return super.handle(request, response, callback);
        }
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, HttpsRedirect.CACHE_CONTROL);
        String location = redirect.location(request.getHttpURI().getPath(), request.getHttpURI().getQuery());
        Response.sendRedirect(request, response, callback, HttpsRedirect.STATUS, location, false);
        return true;
    }
}
