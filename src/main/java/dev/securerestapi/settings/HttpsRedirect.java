package dev.securerestapi.settings;

import java.net.URI;

/**
 * Where the production switch sends a plain-HTTP request: the configured public HTTPS URL
 * followed by the request's own path and query, never a host taken from the request. Both
 * containers' redirects build it here; the redirect is answered 308 (method and body kept) with
 * {@code Cache-Control: no-store}, so no shared cache keeps it.
 */
public final class HttpsRedirect {

    public static final int STATUS = 308;
    public static final String CACHE_CONTROL = "no-store";

    private final URI publicUrl;

    private HttpsRedirect(URI publicUrl) {
        this.publicUrl = publicUrl;
    }

    /**
     * The redirect of {@code settings}, or null while the switch is off.
     *
     * @throws IllegalStateException when the switch is on without a public URL: a redirect to the
     *     request's own Host would let any client choose where it points
     */
    public static HttpsRedirect of(Settings settings) {
        if (!settings.httpsOnly()) {
            return null;
        }
        URI url = settings.publicUrl().orElseThrow(() -> new IllegalStateException(Settings.PREFIX + "https-only is on but "
                + Settings.PREFIX + "public-url is not set to the https://HOST[:PORT] clients reach this application at"));
        return new HttpsRedirect(url);
    }

    /** Whether a plain-HTTP request for {@code pathInContext} stays on HTTP: only the health checks do. */
    public static boolean staysOnHttp(String pathInContext) {
        return Settings.HEALTH_PATH.equals(pathInContext) || Settings.READY_PATH.equals(pathInContext);
    }

    /** The redirect target for a request whose raw path (context path included) and raw query are given. */
    public String location(String rawPath, String rawQuery) {
        String path = rawPath == null || !rawPath.startsWith("/") ? "/" : rawPath;
        return publicUrl + path + (rawQuery == null ? "" : "?" + rawQuery);
    }
}
