package dev.securerestapi.app;

import dev.securerestapi.app.http.Routes;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Jersey's servlet (web.xml deploys the API with it), handing Jersey each request's base URI and
 * request URI for less. Jersey builds both on every request with its URI builder: the request URL
 * parsed as a template, then two URIs built from it, each parsed again, a tenth of an
 * authenticated request's time. Here the base URI, the same for every request that comes by the
 * same scheme, host and port, is built once and kept (the last one seen), and the request URI is
 * parsed once. A URL with anything Jersey's builder would encode or refuse (a character outside
 * the few it keeps as they are in a path or a query) goes Jersey's own way, so Jersey sees the same
 * URIs either way; {@code ApiServletTest} holds the two side by side.
 */
public class ApiServlet extends ServletContainer {

    private final RequestUris uris = new RequestUris();

    /** Once Jersey knows the application: its routes, for the answer to a plain OPTIONS (Cors). */
    @Override
    public void init() throws ServletException {
        super.init();
        getServletContext().setAttribute(Routes.ATTRIBUTE, Routes.of(getConfiguration().getClasses()));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        URI[] both = uris.of(request.getRequestURL().toString(), request.getRequestURI(),
                request.getContextPath() + request.getServletPath() + "/", request.getQueryString());
        if (both == null) {
            super.service(request, response);
        } else {
            service(both[0], both[1], request, response);
        }
    }

    /** The base URI and request URI of a request, or null where Jersey should build them itself. */
    static final class RequestUris {

        private record Base(String origin, String path, URI uri) {}

        /** The base URI of the last request: one deployment mostly sees one scheme, host and port. */
        private volatile Base last;

        /**
         * @param url the request URL (scheme, authority and raw path, no query)
         * @param path the raw path, as the container gives it
         * @param basePath the context path, the servlet path and a slash, decoded
         * @param query the raw query, or null
         */
        URI[] of(String url, String path, String basePath, String query) {
            int originLength = url.length() - path.length();
            if (originLength <= 0 || !url.endsWith(path) || !kept(path, PATH, true) || !kept(basePath, PATH, false)
                    || (query != null && !kept(query, QUERY, true))) {
                return null;
            }
            try {
                Base base = last;
                if (base == null || base.origin.length() != originLength || !url.startsWith(base.origin)
                        || !base.path.equals(basePath)) {
                    String origin = url.substring(0, originLength);
                    if (!kept(origin, ORIGIN, false)) {
                        return null;
                    }
                    base = new Base(origin, basePath, new URI(origin + basePath).parseServerAuthority());
                    last = base;
                }
                URI request = new URI(query == null || query.isEmpty() ? url : url + "?" + query);
                return new URI[] {base.uri, request};
            } catch (URISyntaxException e) {
                return null; // Jersey answers it as it would
            }
        }

        /** What Jersey's builder leaves as it is, besides letters, digits and "-._~" (found by ApiServletTest). */
        private static final String PATH = "!$&'()*+,;=:@/";
        private static final String QUERY = "&+=";
        private static final String ORIGIN = ":/[].";

        /** Only characters Jersey's builder keeps as they are; with {@code percent}, also %XX triplets. */
        private static boolean kept(String s, String others, boolean percent) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '.' || c == '_' || c == '~' || others.indexOf(c) >= 0
                        || (percent && c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) && hex(s.charAt(i + 2)));
                if (!ok) {
                    return false;
                }
            }
            return true;
        }

        private static boolean hex(char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }
    }
}
