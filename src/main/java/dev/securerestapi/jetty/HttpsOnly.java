package dev.securerestapi.jetty;

import dev.securerestapi.settings.Settings;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The production switch on Jetty ({@code -Dsecure-rest-api.https-only=true}): a plain-HTTP request
 * for anything but the health check is redirected (308, method and body kept) to the same URI over
 * HTTPS on port {@code secure-rest-api.https-port} (443 unless set), before authentication runs,
 * so a browser is never asked for a password over HTTP. WEB-INF/jetty-ee11-web.xml inserts it in
 * front of the security handler; it does nothing while the switch is off. Strict-Transport-Security
 * on HTTPS responses comes from the application's SecurityHeaders filter, on Tomcat too.
 */
public class HttpsOnly extends Handler.Wrapper {

    private final boolean enabled;
    private final int httpsPort;

    public HttpsOnly() {
        Settings settings = Settings.fromSystemProperties();
        this.enabled = settings.httpsOnly();
        this.httpsPort = settings.httpsPort();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!enabled || request.isSecure() || Settings.HEALTH_PATH.equals(Request.getPathInContext(request))) {
            return super.handle(request, response, callback);
        }
        HttpURI uri = HttpURI.build(request.getHttpURI()).scheme("https").port(httpsPort == 443 ? -1 : httpsPort);
        Response.sendRedirect(request, response, callback, 308, uri.toString(), false);
        return true;
    }
}
