package dev.securerestapi.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.glassfish.jersey.server.internal.ContainerUtils;
import org.glassfish.jersey.uri.UriComponent;
import org.junit.jupiter.api.Test;

class ApiServletTest {

    private static final List<String> ORIGINS = List.of("http://localhost:8080", "https://api.example.org",
            "http://127.0.0.1:18095", "http://[::1]:8080", "https://example.org:8443");
    private static final List<String> CONTEXTS = List.of("", "/ctx");
    private static final List<String> PATHS = List.of("/", "/api/v1/private", "/api/v1/subscribers/12", "/a%2Fb", "/a;b=c/d",
            "/%25", "//double", "/./x", "/../x", "/x+y", "/~u", "/a%20b", "/api/v1/health/", "/a:b@c", "/!$&'()*,=");
    private static final List<String> QUERIES = Arrays.asList(null, "", "limit=10&after=5", "a=%7B", "a=b+c", "q=a/b?c",
            "a=1&a=2", "x=%E2%82%AC", "k=a:b@c!$'()*,;=");

    @Test
    void everyRequestTakingTheShortWayGetsTheUrisJerseyWouldBuild() {
        ApiServlet.RequestUris uris = new ApiServlet.RequestUris();
        int fast = 0;
        for (String origin : ORIGINS) {
            for (String context : CONTEXTS) {
                for (String path : PATHS) {
                    for (String query : QUERIES) {
                        fast += agrees(uris, origin + context + path, context + path, context + "/", query);
                    }
                }
            }
        }
        assertEquals(true, fast > ORIGINS.size() * CONTEXTS.size() * PATHS.size() * 5, fast + " went the short way");
    }

    @Test
    void theApisOwnRequestsTakeTheShortWay() {
        ApiServlet.RequestUris uris = new ApiServlet.RequestUris();
        for (String[] request : List.of(new String[] {"/api/v1/private", null}, new String[] {"/api/v1/subscribers", "limit=10&after=5"},
                new String[] {"/api/v1/subscribers/12", null}, new String[] {"/api/v1/health", ""})) {
            assertEquals(1, agrees(uris, "http://localhost:8080" + request[0], request[0], "/", request[1]), request[0]);
        }
    }

    @Test
    void everyAsciiCharacterInAPathOrAQueryGivesJerseysUrisOrIsLeftToJersey() {
        ApiServlet.RequestUris uris = new ApiServlet.RequestUris();
        int fast = 0;
        for (char c = 0; c < 0x80; c++) {
            for (String path : List.of("/a" + c + "b", "/" + c, "/a%2" + c, "/a%" + c + "1")) {
                fast += agrees(uris, "http://localhost:8080" + path, path, "/", null);
            }
            for (String query : List.of("a" + c + "b", String.valueOf(c), "a=%" + c + "1", "a=%4" + c)) {
                fast += agrees(uris, "http://localhost:8080/x", "/x", "/", query);
            }
        }
        assertEquals(true, fast > 100, fast + " of 1,024 requests went the short way");
    }

    /** 1 when ours are Jersey's URIs, 0 when ours leave the request to Jersey; fails when they differ. */
    private static int agrees(ApiServlet.RequestUris uris, String url, String path, String basePath, String query) {
        URI[] ours = uris.of(url, path, basePath, query);
        if (ours == null) {
            return 0;
        }
        URI[] jerseys = jerseys(url, path, basePath, query);
        assertEquals(jerseys[0].toString(), ours[0].toString(), url + " ? " + query);
        assertEquals(jerseys[1].toString(), ours[1].toString(), url + " ? " + query);
        return 1;
    }

    @Test
    void theBaseUriFollowsTheHostOfEachRequest() {
        ApiServlet.RequestUris uris = new ApiServlet.RequestUris();
        assertEquals("http://a.example:8080/", uris.of("http://a.example:8080/x", "/x", "/", null)[0].toString());
        assertEquals("http://b.example:8080/", uris.of("http://b.example:8080/x", "/x", "/", null)[0].toString());
        assertEquals("http://b.example:8080/ctx/", uris.of("http://b.example:8080/ctx/x", "/ctx/x", "/ctx/", null)[0].toString());
        assertEquals("http://a.example:80/", uris.of("http://a.example:80/yz", "/yz", "/", null)[0].toString());
    }

    @Test
    void anythingJerseysBuilderWouldEncodeOrRefuseIsLeftToJersey() {
        ApiServlet.RequestUris uris = new ApiServlet.RequestUris();
        List<String[]> odd = new ArrayList<>();
        for (String path : List.of("/caf\u00e9", "/a b", "/a{b}", "/a|b", "/a\\b", "/a^b", "/a`b", "/a\"b", "/<x>", "/a\u0000")) {
            odd.add(new String[] {"http://localhost:8080" + path, path, "/", null});
        }
        for (String query : List.of("x={", "a=|", "q=caf\u00e9", "a b", "a=^", "a=`")) {
            odd.add(new String[] {"http://localhost:8080/x", "/x", "/", query});
        }
        odd.add(new String[] {"http://localhost:8080/c%20d/x", "/c%20d/x", "/c%20d/", null}); // an encoded context path
        odd.add(new String[] {"http://localhost:8080/x", "/y", "/", null}); // a URL that does not end in its path
        odd.add(new String[] {"http://bad host/x", "/x", "/", null});
        odd.add(new String[] {"http://host:port/x", "/x", "/", null});
        for (String[] request : odd) {
            assertNull(uris.of(request[0], request[1], request[2], request[3]), String.join(" ", Arrays.asList(request)));
        }
    }

    /** What Jersey's ServletContainer builds for the same request. */
    private static URI[] jerseys(String url, String path, String basePath, String query) {
        UriBuilder absolute = UriBuilder.fromUri(url);
        URI base = absolute.replacePath(UriComponent.encode(basePath, UriComponent.Type.PATH)).build();
        String encodedQuery = ContainerUtils.encodeUnsafeCharacters(query);
        URI request = absolute.replacePath(path).replaceQuery(encodedQuery == null ? "" : encodedQuery).build();
        return new URI[] {base, request};
    }
}
