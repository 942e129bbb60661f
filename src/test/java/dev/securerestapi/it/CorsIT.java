package dev.securerestapi.it;

import static dev.securerestapi.it.support.ProblemAssert.assertChallenged;
import static dev.securerestapi.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.StockContainers;
import dev.securerestapi.it.support.TestUsers;
import dev.securerestapi.it.support.TestUsers.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CORS over HTTP in every container, the WAR alone in Tomcat too, which all allow the one origin
 * {@link StockContainers#ALLOWED_ORIGIN}: preflights answered without credentials, grants for that
 * origin alone, and OPTIONS opening nothing else. CorsInABrowserIT has Chromium obey the same.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.securerestapi.it.support.Containers#all")
class CorsIT {

    static final String ALLOWED = StockContainers.ALLOWED_ORIGIN;
    static final String OTHER = "https://evil.example.test";

    /** Paths under every kind of constraint, and none. */
    static final String[] PATHS = {"api/v1/private", "api/v1/me", "rest-auth", "api/v1/subscribers", "api/v1/subscribers/1",
            "metrics", "api/v1/health", "api/v1/openapi.json", "", "nothing-here", "error"};

    @Parameter
    Container container;

    private Http http() {
        return new Http(container);
    }

    private HttpResponse<String> preflight(String path, String origin, User user) {
        Http http = http();
        HttpRequest.Builder request = http.request(path).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match");
        if (user != null) {
            request.header("Authorization", Http.basic(user));
        }
        return http.send(request);
    }

    private HttpResponse<String> get(String path, String origin, User user) {
        Http http = http();
        HttpRequest.Builder request = http.request(path).GET();
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (user != null) {
            request.header("Authorization", Http.basic(user));
        }
        return http.send(request);
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    /** The names of the {@code Access-Control-*} headers among {@code headers}. */
    static Set<String> corsHeaders(HttpHeaders headers) {
        Set<String> names = new TreeSet<>();
        headers.map().keySet().stream().filter(n -> n.toLowerCase().startsWith("access-control-")).forEach(names::add);
        return names;
    }

    // --- preflights ---

    @ParameterizedTest
    @MethodSource("paths")
    void aPreflightFromAnAllowedOriginIsAnsweredWithoutCredentials(String path) {
        HttpResponse<String> response = preflight(path, ALLOWED, null);
        assertEquals(204, response.statusCode(), () -> path + ": " + response.body());
        assertEquals("", response.body());
        assertEquals(ALLOWED, header(response, "Access-Control-Allow-Origin"));
        assertEquals("true", header(response, "Access-Control-Allow-Credentials"));
        for (String method : List.of("GET", "HEAD", "POST", "PUT", "DELETE")) {
            assertTrue(header(response, "Access-Control-Allow-Methods").contains(method), header(response, "Access-Control-Allow-Methods"));
        }
        for (String name : List.of("Authorization", "Content-Type", "If-Match")) {
            assertTrue(header(response, "Access-Control-Allow-Headers").contains(name), header(response, "Access-Control-Allow-Headers"));
        }
        assertTrue(response.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Origin")), response.headers().toString());
        assertFalse(response.headers().firstValue("WWW-Authenticate").isPresent(), "a preflight is never challenged");
    }

    @ParameterizedTest
    @MethodSource("paths")
    void aPreflightFromAnotherOriginIsRefusedAndGrantsNothing(String path) {
        HttpResponse<String> response = preflight(path, OTHER, null);
        assertProblem(403, response);
        assertEquals(Set.of(), corsHeaders(response.headers()));
        assertFalse(response.body().contains(OTHER), "the origin is not echoed");
    }

    /**
     * A plain OPTIONS (no preflight) is answered by the filter, never by a resource: 204 with the
     * path's methods in Allow, the very list a 405 there names, whoever asks; 404 where the API has
     * no such path. No body, no data, no CORS grant.
     */
    @ParameterizedTest
    @MethodSource("paths")
    void aPlainOptionsNamesThePathsMethodsAsA405ThereDoesAndReturnsNoData(String path) {
        Http http = http();
        boolean exists = !List.of("nothing-here", "error").contains(path);
        String allow = null;
        if (exists) {
            HttpResponse<String> refused = http.send(http.request(path).method("PATCH", HttpRequest.BodyPublishers.ofString("{}"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", Http.basic(path.equals("metrics") ? TestUsers.MONITOR : TestUsers.ADMIN)));
            assertEquals(405, refused.statusCode(), () -> path + ": " + refused.body());
            allow = header(refused, "Allow");
            assertTrue(allow.contains("OPTIONS") && !allow.contains("PATCH"), allow);
        }
        for (User user : new User[] {null, TestUsers.ADMIN, TestUsers.MONITOR}) {
            HttpRequest.Builder request = http.request(path).method("OPTIONS", HttpRequest.BodyPublishers.noBody());
            if (user != null) {
                request.header("Authorization", Http.basic(user));
            }
            HttpResponse<String> response = http.send(request);
            if (!exists) {
                assertProblem(404, response);
                continue;
            }
            assertEquals(204, response.statusCode(), () -> path + " as " + user + ": " + response.body());
            assertEquals("", response.body());
            assertEquals(allow, header(response, "Allow"), path);
            assertFalse(response.headers().firstValue("Content-Type").isPresent(), path + ": " + response.headers());
            assertEquals(Set.of(), corsHeaders(response.headers()));
        }
        HttpResponse<String> withCredentials = preflight(path, ALLOWED, TestUsers.ADMIN);
        assertEquals(204, withCredentials.statusCode());
        assertEquals("", withCredentials.body());
        assertFalse(withCredentials.headers().firstValue("Allow").isPresent(), "a preflight answers with CORS headers alone");
    }

    /** The directories the container keeps to itself stay its own: 404, whatever the method, before any filter. */
    @ParameterizedTest
    @ValueSource(strings = {"WEB-INF/web.xml", "META-INF/context.xml", "WEB-INF/jetty-ee11-web.xml"})
    void optionsOpensNoneOfTheContainersOwnFiles(String path) {
        for (String origin : new String[] {ALLOWED, OTHER}) {
            HttpResponse<String> response = preflight(path, origin, null);
            assertProblem(404, response);
            assertFalse(response.body().contains("<"), response.body());
        }
    }

    // --- actual requests ---

    @ParameterizedTest
    @ValueSource(strings = {"api/v1/private", "api/v1/subscribers", "api/v1/health"})
    void actualResponsesToAnAllowedOriginNameItAndAllowCredentials(String path) {
        HttpResponse<String> response = get(path, ALLOWED, TestUsers.ADMIN);
        assertEquals(200, response.statusCode(), response::body);
        assertEquals(ALLOWED, header(response, "Access-Control-Allow-Origin"));
        assertEquals("true", header(response, "Access-Control-Allow-Credentials"));
        assertTrue(header(response, "Access-Control-Expose-Headers").contains("ETag"), "a page can read the ETag If-Match needs");
        assertTrue(response.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Origin")), response.headers().toString());
    }

    @Test
    void theContainersOwnErrorsCarryTheGrantSoAPageCanReadThem() {
        HttpResponse<String> challenged = get("api/v1/private", ALLOWED, null);
        assertChallenged(challenged);
        assertEquals(ALLOWED, header(challenged, "Access-Control-Allow-Origin"));
        assertEquals("true", header(challenged, "Access-Control-Allow-Credentials"));

        HttpResponse<String> forbidden = get("api/v1/private", ALLOWED, TestUsers.NOBODY);
        assertProblem(403, forbidden);
        assertEquals(ALLOWED, header(forbidden, "Access-Control-Allow-Origin"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"api/v1/private", "api/v1/subscribers", "api/v1/health", "nothing-here"})
    void otherOriginsGetNothingExtra(String path) {
        HttpResponse<String> withoutOrigin = get(path, null, TestUsers.ADMIN);
        HttpResponse<String> other = get(path, OTHER, TestUsers.ADMIN);
        assertEquals(withoutOrigin.statusCode(), other.statusCode());
        assertEquals(Set.of(), corsHeaders(other.headers()));
        Set<String> names = new TreeSet<>(withoutOrigin.headers().map().keySet());
        names.remove("date");
        Set<String> otherNames = new TreeSet<>(other.headers().map().keySet());
        otherNames.remove("date");
        assertEquals(names, otherNames);
        assertEquals(withoutOrigin.headers().allValues("Vary"), other.headers().allValues("Vary"));
    }

    @Test
    void anOriginIsMatchedWhole() {
        for (String near : List.of(ALLOWED + ".evil.test", ALLOWED + ":8443", ALLOWED.replace("https:", "http:"), "null")) {
            HttpResponse<String> response = get("api/v1/private", near, TestUsers.ADMIN);
            assertEquals(Set.of(), corsHeaders(response.headers()), near);
            assertProblem(403, preflight("api/v1/private", near, null));
        }
    }

    /** An allowed origin changes what a browser may read, never who gets in: every other method stays behind web.xml. */
    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"})
    void anAllowedOriginStillNeedsCredentials(String method) {
        Http http = http();
        for (String path : List.of("api/v1/private", "api/v1/subscribers", "api/v1/subscribers/1", "metrics")) {
            HttpResponse<String> response = http.send(http.request(path).header("Origin", ALLOWED)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString("{\"name\":\"X\",\"email\":\"x@example.org\"}")));
            assertEquals(401, response.statusCode(), method + " " + path);
        }
        HttpResponse<String> reader = http.send(http.request("api/v1/subscribers").header("Origin", ALLOWED)
                .header("Authorization", Http.basic(TestUsers.ROY)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"X\",\"email\":\"x@example.org\"}")));
        assertProblem(403, reader);
    }

    static String[] paths() {
        return PATHS;
    }
}
