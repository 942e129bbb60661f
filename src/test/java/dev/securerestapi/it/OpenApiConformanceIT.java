package dev.securerestapi.it;

import static dev.securerestapi.it.support.ProblemAssert.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import dev.securerestapi.app.ApiApplication;
import dev.securerestapi.app.http.Routes;
import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.OpenApiDocument;
import dev.securerestapi.it.support.OpenApiDocument.Exchange;
import dev.securerestapi.it.support.OpenApiDocument.Key;
import dev.securerestapi.it.support.StockContainers;
import dev.securerestapi.it.support.TestUsers;
import dev.securerestapi.it.support.TestUsers.User;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenAPI document held to the running WAR in every container: it is what the server
 * serves, it is valid OpenAPI 3.1, every documented operation answers as documented (status,
 * content type, required headers, body against its schema), every documented response is seen
 * here, and every route the server answers is documented. An undocumented endpoint or a changed
 * answer fails the build.
 *
 * <p>Two kinds of documented response are not produced here: 429 (the shared containers' lockout
 * is relaxed; LoginThrottlingIT checks its 429s against the document), 503 (the database
 * would have to fail) and {@code default}, the problem any other status is (500 would take a bug).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.securerestapi.it.support.Containers#all")
class OpenApiConformanceIT {

    static final Set<String> NOT_PRODUCED_HERE = Set.of("429", "503", "default");
    /** Produced by PasswordChangeIT, which checks them against the document: a change of a user of its own, a store it makes unwritable. */
    static final Set<String> PRODUCED_ELSEWHERE = Set.of("PUT /api/v1/me/password 204", "PUT /api/v1/me/password 409");

    @Parameter
    Container container;

    private final OpenApiDocument document = OpenApiDocument.source();

    private Http http() {
        return new Http(container);
    }


    @Test
    void theServedDocumentIsTheSourceAndValidOpenApi31() {
        HttpResponse<String> served = http().get("api/v1/openapi.json");
        assertEquals(200, served.statusCode());
        assertEquals("application/json", served.headers().firstValue("Content-Type").orElse(""));
        assertEquals(document.root(), json(served.body()), "the WAR serves the document in the source tree");

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served.body(), null, options);
        assertEquals(List.of(), parsed.getMessages());
        assertEquals("3.1.0", parsed.getOpenAPI().getOpenapi());
        assertEquals("basic", parsed.getOpenAPI().getComponents().getSecuritySchemes().get("basic").getScheme());
    }

    // --- every documented operation answers as documented ---

    /** The requests below, each with what it got; a GET is also sent as HEAD. */
    private final class Exchanges {
        final Set<Key> seen = new LinkedHashSet<>();
        final List<String> failures = new ArrayList<>();

        HttpResponse<String> send(String method, String path, User user, String... headers) {
            return write(method, path, user, null, headers);
        }

        /** With a body: JSON unless {@code headers} give the content type. */
        HttpResponse<String> write(String method, String path, User user, String body, String... headers) {
            HttpResponse<String> response = once(method, path, user, body, headers);
            if (method.equals("GET")) {
                once("HEAD", path, user, null, headers);
            }
            return response;
        }

        private HttpResponse<String> once(String method, String path, User user, String body, String... headers) {
            Http http = http();
            HttpRequest.Builder request = http.request(path).method(method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (user != null) {
                request.header("Authorization", Http.basic(user));
            }
            if (body != null && java.util.Arrays.stream(headers).noneMatch("Content-Type"::equals)) {
                request.header("Content-Type", "application/json");
            }
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            HttpResponse<String> response = http.send(request);
            try {
                seen.add(document.check(Exchange.of(response), container.contextPath()));
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
            return response;
        }

        String etag(HttpResponse<String> response) {
            return response.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag: " + response));
        }
    }

    static final String XML = "application/xml";

    @Test
    void headOfTheDocumentSaysTheLengthGetSends() {
        Http http = http();
        HttpResponse<String> get = http.get("api/v1/openapi.json");
        HttpResponse<String> head = http.method("HEAD", "api/v1/openapi.json", null);
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(String.valueOf(get.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
                head.headers().firstValue("Content-Length").orElse("(none)"), "RFC 9110: HEAD's Content-Length is GET's");
        assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"));
    }

    @Test
    void everyDocumentedOperationAnswersAsDocumentedAndEveryDocumentedResponseIsSeen() {
        Exchanges x = new Exchanges();
        for (String path : List.of("", "api/v1/health", "api/v1/health/ready", "api/v1/openapi.json")) {
            x.send("GET", path, null);
            x.send("GET", path, null, "Accept", XML);
        }
        for (String path : List.of("api/v1/private", "rest-auth", "api/v1/me")) {
            x.send("GET", path, TestUsers.ROY);
            x.send("GET", path, null);
            x.send("GET", path, TestUsers.NOBODY);
            x.send("GET", path, TestUsers.ROY, "Accept", XML);
        }
        x.send("GET", "metrics", TestUsers.MONITOR);
        x.send("GET", "metrics", null);
        x.send("GET", "metrics", TestUsers.ROY);
        x.send("GET", "metrics", TestUsers.MONITOR, "Accept", XML);

        String list = "api/v1/subscribers";
        String email = "openapi-" + UUID.randomUUID() + "@example.org";
        String body = "{\"name\":\"Open API\",\"email\":\"" + email + "\"}";
        HttpResponse<String> created = x.write("POST", list, TestUsers.ADMIN, body);
        assertEquals(201, created.statusCode(), created::body);
        String one = list + "/" + json(created.body()).path("id").asLong();
        HttpResponse<String> other = x.write("POST", list, TestUsers.ADMIN, "{\"name\":\"Other\",\"email\":\"other-" + email + "\"}");
        String otherEmail = json(other.body()).path("email").asText();
        x.write("POST", list, TestUsers.ADMIN, body);                                       // 409
        x.write("POST", list, TestUsers.ADMIN, "{}");                                       // 400
        x.write("POST", list, TestUsers.ADMIN, body, "Content-Type", "text/plain");         // 415
        x.write("POST", list, TestUsers.ADMIN, "{\"name\":\"" + "x".repeat(70_000) + "\"}"); // 413
        x.write("POST", list, TestUsers.ADMIN, body, "Content-Type", "application/json", "Accept", XML);
        x.write("POST", list, null, body);
        x.write("POST", list, TestUsers.ROY, body);

        x.send("GET", list + "?limit=1", TestUsers.ROY);                                   // with Link: next
        x.send("GET", list, TestUsers.ROY);
        x.send("GET", list + "?limit=0", TestUsers.ROY);
        x.send("GET", list, null);
        x.send("GET", list, TestUsers.NOBODY);
        x.send("GET", list, TestUsers.ROY, "Accept", XML);

        String etag = x.etag(x.send("GET", one, TestUsers.ROY));
        x.send("GET", one, TestUsers.ROY, "If-None-Match", etag);                          // 304
        x.send("GET", list + "/x", TestUsers.ROY);
        x.send("GET", list + "/999999999999", TestUsers.ROY);
        x.send("GET", one, null);
        x.send("GET", one, TestUsers.NOBODY);
        x.send("GET", one, TestUsers.ROY, "Accept", XML);

        String changed = "{\"name\":\"Open API 2\",\"email\":\"" + email + "\"}";
        HttpResponse<String> replaced = x.write("PUT", one, TestUsers.ADMIN, changed, "Content-Type", "application/json", "If-Match", etag);
        assertEquals(200, replaced.statusCode(), replaced::body);
        x.write("PUT", one, TestUsers.ADMIN, changed, "Content-Type", "application/json", "If-Match", etag); // 412
        x.write("PUT", one, TestUsers.ADMIN, "{\"name\":\"Taken\",\"email\":\"" + otherEmail + "\"}");        // 409
        x.write("PUT", one, TestUsers.ADMIN, "[]");
        x.write("PUT", one, TestUsers.ADMIN, changed, "Content-Type", "text/plain");
        x.write("PUT", one, TestUsers.ADMIN, "{\"name\":\"" + "x".repeat(70_000) + "\"}");
        x.write("PUT", one, TestUsers.ADMIN, changed, "Content-Type", "application/json", "Accept", XML);
        x.write("PUT", list + "/999999999999", TestUsers.ADMIN, changed);
        x.write("PUT", one, null, changed);
        x.write("PUT", one, TestUsers.ROY, changed);

        x.send("DELETE", one, TestUsers.ADMIN, "If-Match", etag);                           // 412: stale
        x.send("DELETE", list + "/x", TestUsers.ADMIN);
        x.send("DELETE", one, null);
        x.send("DELETE", one, TestUsers.ROY);
        x.send("DELETE", one, TestUsers.ADMIN);
        x.send("DELETE", one, TestUsers.ADMIN);                                              // 404: gone

        String password = "api/v1/me/password";
        x.write("PUT", password, TestUsers.ROY, "{}");                                                            // 400
        x.write("PUT", password, TestUsers.ROY, "{\"current\":\"not-roy\",\"new\":\"a-fine-new-passphrase\"}");    // 403
        x.write("PUT", password, null, "{\"current\":\"x\",\"new\":\"y\"}");                                      // 401
        x.write("PUT", password, TestUsers.ROY, "current=x", "Content-Type", "text/plain");                       // 415
        x.write("PUT", password, TestUsers.ROY, "{\"current\":\"" + "x".repeat(70_000) + "\"}");                  // 413
        x.send("GET", ".well-known/change-password", null);                                                      // 302

        String tokens = "api/v1/me/tokens";
        String request = "{\"name\":\"openapi-" + UUID.randomUUID() + "\",\"scope\":\"read\",\"expires_in_days\":1}";
        HttpResponse<String> made = x.write("POST", tokens, TestUsers.ROY, request);                                   // 201
        assertEquals(201, made.statusCode(), made::body);
        String token = tokens + "/" + json(made.body()).path("id").asText();
        User withToken = new User("roy", json(made.body()).path("token").asText(), List.of("user"));
        x.write("POST", tokens, TestUsers.ROY, request);                                                               // 409
        x.write("POST", tokens, TestUsers.ROY, "{}");                                                                  // 400
        x.write("POST", tokens, TestUsers.ROY, request, "Content-Type", "text/plain");                                 // 415
        x.write("POST", tokens, TestUsers.ROY, "{\"name\":\"" + "x".repeat(70_000) + "\"}");                           // 413
        x.write("POST", tokens, TestUsers.ROY, request, "Content-Type", "application/json", "Accept", XML);             // 406
        x.write("POST", tokens, null, request);                                                                        // 401
        x.write("POST", tokens, withToken, request);                                                                   // 403: a token makes none
        for (String path : List.of(tokens, token)) {
            x.send("GET", path, TestUsers.ROY);
            x.send("GET", path, null);
            x.send("GET", path, withToken);
            x.send("GET", path, TestUsers.ROY, "Accept", XML);
        }
        x.send("GET", tokens + "/0000000000000000", TestUsers.ROY);                                                   // 404
        x.send("DELETE", token, null);
        x.send("DELETE", token, withToken);
        x.send("DELETE", token, TestUsers.ROY);                                                                        // 204
        x.send("DELETE", token, TestUsers.ROY);                                                                        // 404: gone

        for (String path : List.of("", "api/v1/health", "api/v1/health/ready", "api/v1/openapi.json", "api/v1/private", "rest-auth",
                "api/v1/me", "metrics", list, one, password, tokens, token, ".well-known/change-password")) {
            for (String origin : List.of(StockContainers.ALLOWED_ORIGIN, "https://elsewhere.example.test")) {
                x.send("OPTIONS", path, null, "Origin", origin, "Access-Control-Request-Method", "GET",
                        "Access-Control-Request-Headers", "authorization");
            }
            x.send("OPTIONS", path, null);
            x.send("OPTIONS", path, TestUsers.ADMIN);
        }

        assertEquals(List.of(), x.failures, "answers that differ from the document");
        Set<String> unseen = new TreeSet<>();
        for (Key documented : document.responses()) {
            if (!x.seen.contains(documented) && !NOT_PRODUCED_HERE.contains(documented.status())
                    && !PRODUCED_ELSEWHERE.contains(documented.toString())) {
                unseen.add(documented.toString());
            }
        }
        assertEquals(Set.of(), unseen, "documented responses no request here produced");
    }

    // --- every route the server answers is documented ---

    /** The JAX-RS resources the WAR registers, as (path template, method): GET implies HEAD, every path has OPTIONS. */
    static Set<List<String>> registeredRoutes() {
        Set<List<String>> routes = routeSet();
        Routes.of(new ApiApplication(null, null).getClasses()).methods().forEach((template, methods) ->
                methods.forEach(method -> routes.add(List.of(template, method.toLowerCase(java.util.Locale.ROOT)))));
        return routes;
    }

    private static Set<List<String>> routeSet() {
        return new TreeSet<>((a, b) -> (a.get(0) + " " + a.get(1)).compareTo(b.get(0) + " " + b.get(1)));
    }

    @Test
    void everyRouteTheWarRegistersIsDocumentedAndNothingElse() {
        Set<List<String>> documented = routeSet();
        documented.addAll(document.operations());
        assertEquals(documented, registeredRoutes());
    }

    /** Who may use a path, so that what it answers is about the method, not the caller. */
    private static User allowedOn(String path) {
        if (path.equals("metrics")) {
            return TestUsers.MONITOR;
        }
        return Set.of("", "api/v1/health", "api/v1/health/ready", "api/v1/openapi.json").contains(path) ? null : TestUsers.ADMIN;
    }

    @Test
    void everyMethodAPathDoesNotDocumentIsRefusedAsDocumented() {
        List<String> failures = new ArrayList<>();
        Http http = http();
        for (String template : new TreeSet<>(document.operations().stream().map(operation -> operation.get(0)).toList())) {
            String path = template.substring(1).replace("{id}", "1");
            for (String method : List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "PROPFIND")) {
                if (document.operations().contains(List.of(template, method.toLowerCase(java.util.Locale.ROOT)))) {
                    continue;
                }
                HttpRequest.Builder request = http.request(path).header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString("{}"));
                User user = allowedOn(template.substring(1).replace("/{id}", ""));
                if (user != null) {
                    request.header("Authorization", Http.basic(user));
                }
                answeredAs(405, "MethodNotAllowed", http.send(request), failures);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void pathsTheDocumentDoesNotListAreNotFound() {
        List<String> failures = new ArrayList<>();
        Http http = http();
        for (String path : List.of("api", "api/v1", "api/v1/", "index.html", "openapi.json", "api/v1/openapi.yaml", "application.wadl",
                "api/v1/application.wadl", "api/v1/private/x", "api/v1/me/x", "api/v1/subscribers/1/x", "api/v1/subscribers/", "metrics/x",
                "api/v1/health/x", "api/v1/health/ready/x", "error", "rest-auth/x", "api/v2/private", "api/v1/private/", "api/v1/me/",
                "api/v1/health/", "metrics/", "rest-auth/", "api/v1/openapi.json/")) {
            assertTrue(document.template("/" + path).isEmpty(), path + " is documented");
            for (String method : List.of("GET", "POST")) {
                answeredAs(404, "NotFound", http.send(http.request(path).header("Authorization", Http.basic(TestUsers.ADMIN))
                        .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"))), failures);
            }
        }
        assertEquals(List.of(), failures);
    }

    /** The status, and the response the document describes for every path under {@code component}; a difference goes to {@code failures}. */
    private void answeredAs(int status, String component, HttpResponse<String> response, List<String> failures) {
        try {
            assertEquals(status, response.statusCode(), response.request().method() + " " + response.uri() + ": " + response.body());
            document.checkComponent(component, Exchange.of(response));
        } catch (AssertionError e) {
            failures.add(e.getMessage());
        }
    }
}
