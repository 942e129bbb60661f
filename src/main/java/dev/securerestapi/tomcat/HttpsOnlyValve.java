package dev.securerestapi.tomcat;

import java.io.IOException;
import java.util.Collections;

import dev.securerestapi.settings.HttpsRedirect;
import dev.securerestapi.settings.Settings;
import dev.securerestapi.settings.TrustedProxies;
import jakarta.servlet.ServletException;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * The production switch on Tomcat with the add-on ({@code secure-rest-api.https-only=true}): a
 * plain-HTTP request for anything but the health check is redirected (308, not cacheable) to the
 * same path and query at {@code secure-rest-api.public-url}, before authentication; a request from
 * a trusted proxy that says its client came over HTTPS is not ({@link TrustedProxies#overHttps}). The WAR's
 * context.xml names it when {@code secure-rest-api.httpsRedirect} says so; without the add-on,
 * Tomcat's RewriteValve sends the same redirect from WEB-INF/rewrite.config, but cannot add
 * {@code Cache-Control}.
 */
public class HttpsOnlyValve extends ValveBase {

    private HttpsRedirect redirect;
    private TrustedProxies proxies;

    public HttpsOnlyValve() {
        super(true);
    }

    @Override
    protected void startInternal() throws LifecycleException {
        try {
            redirect = HttpsRedirect.of(Settings.current());
            proxies = TrustedProxies.of(Settings.current());
        } catch (IllegalStateException e) {
            throw new LifecycleException(e.getMessage());
        }
        super.startInternal();
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (redirect == null || request.isSecure() || HttpsRedirect.staysOnHttp(request.getDecodedRequestURI()
                .substring(request.getContextPath().length()))
                || proxies.overHttps(request.getRemoteAddr(), Collections.list(request.getHeaders(proxies.header())),
                        Collections.list(request.getHeaders(proxies.protoHeader())))) {
            getNext().invoke(request, response);
            return;
        }
        response.setHeader("Cache-Control", HttpsRedirect.CACHE_CONTROL);
        response.sendRedirect(redirect.location(request.getRequestURI(), request.getQueryString()), HttpsRedirect.STATUS);
    }

    /** context.xml's switch attribute, there for Tomcat's RewriteValve; this valve reads the same switch from the settings. */
    public void setEnabled(boolean enabled) {
        // the switch is Settings.httpsOnly(), read at start
    }
}
