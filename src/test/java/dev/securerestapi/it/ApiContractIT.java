package dev.securerestapi.it;

import static dev.securerestapi.it.support.ProblemAssert.assertChallengeHeader;
import static dev.securerestapi.it.support.ProblemAssert.assertChallenged;
import static dev.securerestapi.it.support.ProblemAssert.assertNoInternals;
import static dev.securerestapi.it.support.ProblemAssert.assertProblem;
import static dev.securerestapi.it.support.ProblemAssert.assertProblemBody;
import static dev.securerestapi.it.support.ProblemAssert.json;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.securerestapi.it.support.Await;
import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.MalformedAuthorization;
import dev.securerestapi.it.support.RawHttp;
import dev.securerestapi.it.support.TestUsers.User;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API's contract over HTTP, against the built WAR in every container: who gets in, what they
 * get, and what every error looks like.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.securerestapi.it.support.Containers#all")
class ApiContractIT {

    static final String[] PROTECTED = {"api/v1/private", "rest-auth", "api/v1/me"};

    @Parameter
    Container container;

    private Http http() {
        return new Http(container);
    }

    // --- the auth matrix, for every protected endpoint ---

    @ParameterizedTest
    @MethodSource("protectedPaths")
    void noCredentialsGetTheBasicChallenge(String path) {
        assertChallenged(http().get(path));
    }

    @ParameterizedTest
    @MethodSource("protectedPaths")
    void wrongPasswordGetsTheChallenge(String path) {
        assertChallenged(http().get(path, new User(TestUsers.CAROL.name(), "not-the-password", List.of())));
    }

    @ParameterizedTest
    @MethodSource("protectedPaths")
    void unknownUserGetsTheChallenge(String path) {
        assertChallenged(http().get(path, new User("mallory", "SuperSecretPwd", List.of())));
    }

    @ParameterizedTest
    @MethodSource("protectedPaths")
    void authenticatedUserWithoutARoleIsForbidden(String path) {
        HttpResponse<String> response = http().get(path, TestUsers.NOBODY);
        assertProblem(403, response);
    }

    @ParameterizedTest
    @MethodSource("protectedPaths")
    void roleUserIsServed(String path) {
        HttpResponse<String> response = http().get(path, TestUsers.ROY);
        assertEquals(200, response.statusCode(), response::body);
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    }

    @ParameterizedTest
    @MethodSource("protectedPaths")
    void roleAdminIsServed(String path) {
        HttpResponse<String> response = http().get(path, TestUsers.ADMIN);
        assertEquals(200, response.statusCode(), response::body);
    }

    @ParameterizedTest
    @MethodSource("protectedPaths")
    void headIsProtectedAndServedLikeGet(String path) {
        Http http = http();
        HttpResponse<String> anonymous = http.method("HEAD", path, null);
        assertEquals(401, anonymous.statusCode());
        assertChallengeHeader(anonymous.headers().firstValue("WWW-Authenticate").orElse(null));

        HttpResponse<String> admin = http.method("HEAD", path, TestUsers.ADMIN);
        assertEquals(200, admin.statusCode());
        assertEquals("", admin.body());
        assertEquals("application/json", admin.headers().firstValue("Content-Type").orElse(""));
    }

    static String[] protectedPaths() {
        return PROTECTED;
    }

    // --- what the endpoints answer ---

    @Test
    void privateAnswersTheMeaningOfLife() {
        HttpResponse<String> response = http().get("api/v1/private", TestUsers.ADMIN);
        assertEquals(200, response.statusCode());
        assertEquals("{\"meaning_of_life\":42}", response.body());
    }

    @Test
    void restAuthAnswersAJsonString() {
        HttpResponse<String> response = http().get("rest-auth", TestUsers.ROY);
        assertEquals(200, response.statusCode());
        assertEquals("You are authorized to see this message", json(response.body()).asText());
        assertEquals("\"You are authorized to see this message\"", response.body());
    }

    @Test
    void meNamesTheCallerAndTheRolesTheContainerGaveThem() {
        assertEquals("{\"name\":\"roy\",\"roles\":[\"user\"]}", http().get("api/v1/me", TestUsers.ROY).body());
        assertEquals("{\"name\":\"admin\",\"roles\":[\"admin\",\"user\"]}", http().get("api/v1/me", TestUsers.ADMIN).body());
    }

    @Test
    void healthIsPublic() {
        Http http = http();
        HttpResponse<String> response = http.get("api/v1/health");
        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"UP\"}", response.body());
        assertEquals(200, http.method("HEAD", "api/v1/health", null).statusCode());
    }

    @Test
    void readinessIsPublicAndNeverStored() {
        Http http = http();
        // a container just started is not ready until its warm-up is over (under a second)
        Await.within(Duration.ofSeconds(60), () -> http.get("api/v1/health/ready").statusCode() == 200, () -> "never ready");
        HttpResponse<String> response = http.get("api/v1/health/ready");
        assertEquals(200, response.statusCode(), response::body);
        assertEquals("{\"status\":\"UP\"}", response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""), "each probe asks anew");
        assertEquals(200, http.method("HEAD", "api/v1/health/ready", null).statusCode());
        assertProblem(405, http.method("DELETE", "api/v1/health/ready", null));
    }

    // --- browsers ---

    /** What Chromium sends when it opens a page. */
    static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    @Test
    void theLandingPageIsPublicHtmlLinkingTheEndpoints() {
        HttpResponse<String> response = http().get("");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        for (String link : new String[] {"api/v1/health", "api/v1/openapi.json", "api/v1/private", "api/v1/me", "rest-auth", "api/v1/subscribers"}) {
            assertTrue(response.body().contains("href=\"" + link + "\""), "links to " + link);
        }
    }

    @Test
    void aBrowserGetsTheSameErrorsAsHtmlWithTheSameStatusAndChallenge() {
        Http http = http();
        HttpResponse<String> challenged = http.send(http.request("api/v1/private").header("Accept", BROWSER_ACCEPT).GET());
        assertEquals(401, challenged.statusCode());
        assertChallengeHeader(challenged.headers().firstValue("WWW-Authenticate").orElse(""));
        assertTrue(challenged.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), challenged.headers().toString());
        assertTrue(challenged.body().contains("<h1>401 Unauthorized</h1>"), challenged.body());

        HttpResponse<String> missing = http.send(http.request("no/such/page").header("Accept", BROWSER_ACCEPT)
                .header("Authorization", Http.basic(TestUsers.ROY)).GET());
        assertEquals(404, missing.statusCode());
        assertTrue(missing.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(missing.body().contains("<h1>404 Not Found</h1>"), missing.body());

        HttpResponse<String> api = http.send(http.request("api/v1/private").header("Accept", "*/*").GET());
        assertProblem(401, api);
        HttpResponse<String> both = http.send(http.request("api/v1/private")
                .header("Accept", "application/json, text/html;q=0.9").GET());
        assertProblem(401, both);
    }

    // --- headers for browsers and caches ---

    @ParameterizedTest
    @ValueSource(strings = {"api/v1/private", "rest-auth", "api/v1/me", "api/v1/subscribers"})
    void privateResponsesAreNeverStored(String path) {
        HttpResponse<String> response = http().get(path, TestUsers.ROY);
        assertEquals(200, response.statusCode());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""), path);
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""), path);
    }

    @Test
    void everyResponseForbidsContentSniffingErrorsIncluded() {
        Http http = http();
        List<HttpResponse<String>> responses = List.of(
                http.get("api/v1/health"),
                http.get("api/v1/private"),
                http.get("api/v1/private", new TestUsers.User("admin", "wrong", List.of())),
                http.get("api/v1/private", TestUsers.NOBODY),
                http.get("no/such/path", TestUsers.ROY),
                http.method("DELETE", "api/v1/private", TestUsers.ADMIN),
                http.method("PATCH", "api/v1/health", null));
        for (HttpResponse<String> response : responses) {
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""),
                    response.request().method() + " " + response.uri() + " answered " + response.statusCode());
        }
    }

    // --- nothing else is public, and no method slips past the constraints ---

    /** Every method but OPTIONS, which web.xml opens for CORS preflights and a filter answers with nothing (CorsIT). */
    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "PROPFIND", "BREW"})
    void everyMethodOnAProtectedPathNeedsCredentials(String method) {
        HttpResponse<String> response = http().method(method, "api/v1/private", null);
        if ("HEAD".equals(method)) {
            assertEquals(401, response.statusCode());
            assertChallengeHeader(response.headers().firstValue("WWW-Authenticate").orElse(null));
        } else {
            assertChallenged(response);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nothing-here", "index.html", "api", "api/v1", "api/v1/private/", "error", "WEB-INF/web.xml",
            "api/v1/healthz", "api/v1/health/x", "api/v1/health/ready/x", "api/v1/health/readyz"})
    void everyPathButTheLandingPageAndHealthIsPrivate(String path) {
        assertChallenged(http().get(path));
    }

    @Test
    void unknownPathIsAProblemNotFound() {
        assertProblem(404, http().get("nothing-here", TestUsers.ROY));
    }

    @Test
    void unsupportedMethodIsAProblemNamingTheAllowedOnes() {
        HttpResponse<String> response = http().method("POST", "api/v1/private", TestUsers.ADMIN);
        assertProblem(405, response);
        String allow = response.headers().firstValue("Allow").orElse("");
        assertTrue(allow.contains("GET") && allow.contains("HEAD"), "Allow names GET and the HEAD it answers too: " + allow);
        assertTrue(response.headers().allValues("Allow").size() == 1, "one Allow header");
    }

    @Test
    void healthRefusesOtherMethodsWithAProblemNotAChallenge() {
        HttpResponse<String> response = http().method("DELETE", "api/v1/health", null);
        assertProblem(405, response);
    }

    @Test
    void unacceptableMediaTypeIsAProblem() {
        Http http = http();
        HttpResponse<String> response = http.send(http.request("api/v1/private")
                .header("Authorization", Http.basic(TestUsers.ADMIN)).header("Accept", "application/xml").GET());
        assertProblem(406, response);
    }

    // --- credentials as real clients send them ---

    @Test
    void utf8PasswordWithAColonAuthenticates() {
        HttpResponse<String> response = http().get("api/v1/me", TestUsers.UTF8);
        assertEquals(200, response.statusCode(), response::body);
        assertEquals("utf8", json(response.body()).path("name").asText());
    }

    @Test
    void schemeNameIsCaseInsensitive() {
        Http http = http();
        String lower = Http.basic(TestUsers.ADMIN).replace("Basic ", "basic ");
        String upper = Http.basic(TestUsers.ADMIN).replace("Basic ", "BASIC ");
        assertAll(
                () -> assertEquals(200, http.send(http.request("api/v1/private").header("Authorization", lower).GET()).statusCode()),
                () -> assertEquals(200, http.send(http.request("api/v1/private").header("Authorization", upper).GET()).statusCode()));
    }

    // --- malformed Authorization headers: a 4xx, never a 5xx, never access ---

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securerestapi.it.support.MalformedAuthorization#values")
    void malformedAuthorizationIsRefusedWithAClientError(MalformedAuthorization malformed) {
        RawHttp.Response response = RawHttp.getWithAuthorization(container, "api/v1/private", malformed.value());
        assertTrue(response.status() == 400 || response.status() == 401 || response.status() == 431,
                () -> malformed + " answered " + response.status() + ": " + response.body());
        // 400 and 431 come from the connector's HTTP parser, before any web application is chosen:
        // their bodies are the container's own, and must merely not leak internals.
        assertNoInternals(response.body());
        if (response.status() == 401) {
            assertChallengeHeader(response.header("WWW-Authenticate"));
            assertEquals("application/problem+json", response.header("Content-Type"));
            assertProblemBody(401, response.body());
        }
    }

    @Test
    void wellFormedCredentialsPassTheSameRawPath() {
        // the malformed cases above are refused for what they are, not for how they are sent
        RawHttp.Response response = RawHttp.getWithAuthorization(container, "api/v1/private",
                Http.basic(TestUsers.ADMIN).getBytes(StandardCharsets.US_ASCII));
        assertEquals(200, response.status(), response::body);
        assertEquals("{\"meaning_of_life\":42}", response.body());
    }

    // --- the error page itself ---

    @Test
    void errorPageRequestedDirectlyIsNotFound() {
        HttpResponse<String> response = http().send(http().request("error")
                .header("Authorization", Http.basic(TestUsers.ADMIN)).GET());
        assertProblem(404, response);
    }

    @Test
    void problemBodiesNeverCarryCredentials() {
        HttpResponse<String> response = http().get("api/v1/private", new User(TestUsers.CAROL.name(), "a-guess-123", List.of()));
        assertEquals(401, response.statusCode());
        assertTrue(!response.body().contains("a-guess-123") && !response.body().contains("carol"), response.body());
    }

}
