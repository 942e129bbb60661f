package dev.securerestapi.it;

import static dev.securerestapi.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.securerestapi.it.support.Await;
import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.DocBlocks;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.OpenApiDocument;
import dev.securerestapi.it.support.OwnUsers;
import dev.securerestapi.it.support.TestUsers;
import dev.securerestapi.it.support.TestUsers.User;
import dev.securerestapi.it.support.UsersJar;
import dev.securerestapi.realm.tokens.FileTokens;
import dev.securerestapi.realm.tokens.StoredToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Access tokens on every container, users and tokens in files beside its realm file: a user makes
 * one with the password and logs in with it as {@code curl --user NAME:TOKEN} does, within its
 * scope (a read token is refused a change with 403, a write token is not), never reaching the
 * token or password endpoints; a revoked, expired or removed user's token is refused within 5 s,
 * by the API or by the users command; bad requests are problems that change nothing. Every answer
 * is checked against the OpenAPI document; no log holds a secret.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.securerestapi.it.support.Containers#all")
@ResourceLock(value = Containers.REALM_FILES, mode = ResourceAccessMode.READ_WRITE)
class AccessTokensIT {

    /** How soon every instance refuses a revoked or expired token (issue 31: 5 s). */
    static final Duration EVERYWHERE = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameter
    Container container;

    private HttpResponse<String> send(String method, String path, String user, String password, String body) {
        Http http = new Http(container);
        HttpRequest.Builder request = http.request(path).header("Authorization", Http.basic(user, password))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request);
        OpenApiDocument.source().check(OpenApiDocument.Exchange.of(response), container.contextPath());
        return response;
    }


    private static String request(String name, String scope, int days) {
        return JSON.createObjectNode().put("name", name).put("scope", scope).put("expires_in_days", days).toString();
    }

    /** Makes a token of {@code user} with the password; its answer as JSON. */
    private JsonNode made(User user, String name, String scope) throws Exception {
        HttpResponse<String> response = send("POST", "api/v1/me/tokens", user.name(), user.password(), request(name, scope, 30));
        assertEquals(201, response.statusCode(), response::body);
        JsonNode token = JSON.readTree(response.body());
        assertEquals(container.contextPath() + "/api/v1/me/tokens/" + token.path("id").asText(), response.headers().firstValue("Location").orElse(""));
        return token;
    }



    private void awaitStatus(String what, String user, String secret, int status) {
        Await.within(EVERYWHERE, () -> send("GET", "api/v1/private", user, secret, null).statusCode() == status,
                () -> what + ": not " + status + " within " + EVERYWHERE);
    }

    /** Revokes what a test made for a user of the shared realm, whatever became of the test. */
    private void revokeAll(User user, String prefix) throws Exception {
        for (JsonNode token : JSON.readTree(send("GET", "api/v1/me/tokens", user.name(), user.password(), null).body()).path("tokens")) {
            if (token.path("name").asText().startsWith(prefix)) {
                send("DELETE", "api/v1/me/tokens/" + token.path("id").asText(), user.name(), user.password(), null);
            }
        }
    }

    /** As the shared realm's admin (roles admin and user), with tokens of this test alone, revoked at the end. */
    @Test
    void aTokenLogsItsOwnerInWithinItsScopeAndNeverReachesTheTokenOrPasswordEndpoints() throws Exception {
        User admin = TestUsers.ADMIN;
        String run = "scope-test " + UUID.randomUUID() + " ";
        try {
            JsonNode read = made(admin, run + "nightly report", "read");
            String secret = read.path("token").asText();
            assertTrue(secret.matches("srapi_[A-Za-z0-9_-]{43}"), "prefix and 256 random bits: " + secret);
            assertEquals("{\"meaning_of_life\":42}", send("GET", "api/v1/private", admin.name(), secret, null).body());
            assertEquals("{\"name\":\"admin\",\"roles\":[\"user\"]}", send("GET", "api/v1/me", admin.name(), secret, null).body(),
                    "read: role user only, though the owner is an admin");
            assertEquals(200, send("GET", "api/v1/subscribers", admin.name(), secret, null).statusCode());
            String subscriber = JSON.createObjectNode().put("name", "Token Test").put("email", "t-" + UUID.randomUUID() + "@example.com").toString();
            assertFalse(assertProblem(403, send("POST", "api/v1/subscribers", admin.name(), secret, subscriber)).path("detail").asText()
                    .contains("send your password"), "outside the credential endpoints a token's 403 is the scope's, not the password's");

            String write = made(admin, run + "deploy", "write").path("token").asText();
            HttpResponse<String> added = send("POST", "api/v1/subscribers", admin.name(), write, subscriber);
            assertEquals(201, added.statusCode(), "write: the owner's roles: " + added.body());
            assertEquals(204, send("DELETE", added.headers().firstValue("Location").orElseThrow().substring(container.contextPath().length() + 1),
                    admin.name(), write, null).statusCode());

            for (String token : List.of(secret, write)) {
                for (HttpResponse<String> refused : List.of(send("GET", "api/v1/me/tokens", admin.name(), token, null),
                        send("POST", "api/v1/me/tokens", admin.name(), token, request(run + "minted", "write", 366)),
                        send("DELETE", "api/v1/me/tokens/" + read.path("id").asText(), admin.name(), token, null),
                        send("PUT", "api/v1/me/password", admin.name(), token,
                                JSON.createObjectNode().put("current", token).put("new", "taken-over-" + UUID.randomUUID()).toString()))) {
                    assertTrue(assertProblem(403, refused).path("detail").asText().endsWith("send your password."),
                            "a token's 403 at the credential endpoints says what to send: " + refused.body());
                }
            }
            assertProblem(401, send("GET", "api/v1/private", TestUsers.NOBODY.name(), secret, null)); // admin's token is nobody else's

            HttpResponse<String> list = send("GET", "api/v1/me/tokens", admin.name(), admin.password(), null);
            List<JsonNode> tokens = new java.util.ArrayList<>();
            JSON.readTree(list.body()).path("tokens").forEach(t -> {
                if (t.path("name").asText().startsWith(run)) {
                    tokens.add(t);
                }
            });
            assertEquals(2, tokens.size(), list.body());
            assertEquals(run + "deploy", tokens.get(0).path("name").asText(), "newest first");
            assertFalse(tokens.get(1).path("last_used_at").isNull(), "used: " + list.body());
            assertFalse(list.body().contains(secret) || list.body().contains(write), "a secret is shown once only");
            JsonNode one = JSON.readTree(send("GET", "api/v1/me/tokens/" + read.path("id").asText(), admin.name(), admin.password(), null).body());
            assertEquals("read", one.path("scope").asText());

            String log = container.log();
            assertTrue(log.contains("\"event\":\"token.created\"") && log.contains("\"token\":\"" + read.path("id").asText() + "\""),
                    "an audit line records each token made");
            assertTrue(log.contains("\"event\":\"token.used_from_new_address\""), "and its use from an address new to it");
            assertFalse(log.contains(secret) || log.contains(write), "no secret in the log");
            Path tokenFile = FileTokens.beside(container.realmFile());
            assertFalse(Files.readString(tokenFile).contains(secret), "the file holds digests only");
        } finally {
            revokeAll(admin, run);
        }
    }

    @Test
    void aRevokedOrExpiredTokenAndTheTokensOfARemovedUserAreRefusedWithinFiveSeconds() throws Exception {
        User uma = OwnUsers.added(container, "uma", "user");
        boolean removedAlready = false;
        try {
            JsonNode byApi = made(uma, "laptop", "read");
            JsonNode byCommand = made(uma, "ci", "read");
            JsonNode expiring = made(uma, "old", "read");
            JsonNode kept = made(uma, "kept", "read");
            for (JsonNode token : List.of(byApi, byCommand, expiring, kept)) {
                assertEquals(200, send("GET", "api/v1/private", uma.name(), token.path("token").asText(), null).statusCode());
            }

            assertEquals(204, send("DELETE", "api/v1/me/tokens/" + byApi.path("id").asText(), uma.name(), uma.password(), null).statusCode());
            awaitStatus("revoked by its owner", uma.name(), byApi.path("token").asText(), 401);
            assertProblem(404, send("DELETE", "api/v1/me/tokens/" + byApi.path("id").asText(), uma.name(), uma.password(), null));

            UsersJar.Result listed = UsersJar.run(container.realmFile(), null, "tokens", uma.name());
            assertTrue(listed.exitCode() == 0 && listed.out().contains(byCommand.path("id").asText()) && listed.out().contains("\tci"),
                    listed::toString);
            assertFalse(listed.out().contains(byCommand.path("token").asText()), "never a secret");
            UsersJar.Result revoked = UsersJar.run(container.realmFile(), null, "revoke-token", uma.name(), byCommand.path("id").asText());
            assertEquals(0, revoked.exitCode(), revoked::toString);
            awaitStatus("revoked by the operator", uma.name(), byCommand.path("token").asText(), 401);

            // time passes: the token's expiry moved into the past, under the file's lock as the server writes it
            Path tokenFile = FileTokens.beside(container.realmFile());
            String id = expiring.path("id").asText();
            Instant past = Instant.now().minusSeconds(1);
            FileTokens.edit(tokenFile, tokens -> {
                tokens.replaceAll(t -> t.id().equals(id) ? new StoredToken(t.id(), t.user(), t.digest(), t.name(), t.scope(), t.created(), past,
                        t.lastUsed(), t.lastAddress()) : t);
                return tokens;
            });
            awaitStatus("expired", uma.name(), expiring.path("token").asText(), 401);
            assertEquals(200, send("GET", "api/v1/private", uma.name(), kept.path("token").asText(), null).statusCode(), "others stay");

            OwnUsers.removed(container, uma);
            removedAlready = true;
            awaitStatus("its user removed", uma.name(), kept.path("token").asText(), 401);
            assertFalse(Files.readString(tokenFile).contains(kept.path("id").asText()), "remove took the user's tokens with it");
        } finally {
            if (!removedAlready) {
                OwnUsers.removed(container, uma);
            }
        }
    }

    /** As the shared realm's monitor-only account, with a token of this test alone, revoked at the end. */
    @Test
    void aBadTokenRequestIsAProblemThatMakesNothing() throws Exception {
        User monitor = TestUsers.MONITOR;
        String run = "bad-requests " + UUID.randomUUID() + " ";
        try {
            String[][] bad = {{request(run, "admin", 30), "scope"}, {request(run, "read", 0), "expires_in_days"},
                {request(run, "write", 367), "expires_in_days"}, {request("", "write", 30), "name"},
                {request(run + "a\nb", "write", 30), "name"}, {request(run, "read", 30), "scope"},
                {"{\"name\":\"" + run + "\",\"scope\":\"write\",\"expires_in_days\":\"30\"}", "expires_in_days"},
                {"{\"name\":\"" + run + "\",\"scope\":\"write\",\"expires_in_days\":30,\"user\":\"admin\"}", "user"}};
            for (String[] attempt : bad) {
                JsonNode problem = assertProblem(400, send("POST", "api/v1/me/tokens", monitor.name(), monitor.password(), attempt[0]));
                assertEquals(attempt[1], problem.path("errors").path(0).path("field").asText(), attempt[0] + ": " + problem);
            }
            assertProblem(400, send("POST", "api/v1/me/tokens", monitor.name(), monitor.password(), "[]"));
            JsonNode scraper = made(monitor, run + "scraper", "write");
            assertProblem(409, send("POST", "api/v1/me/tokens", monitor.name(), monitor.password(), request(run + "scraper", "write", 30)));
            assertProblem(404, send("GET", "api/v1/me/tokens/0000000000000000", monitor.name(), monitor.password(), null));
            String list = send("GET", "api/v1/me/tokens", monitor.name(), monitor.password(), null).body();
            assertEquals(1, list.split(java.util.regex.Pattern.quote(run), -1).length - 1, "only the one made: " + list);
            Http http = new Http(container);
            HttpResponse<String> metrics = http.send(http.request("metrics")
                    .header("Authorization", Http.basic(monitor.name(), scraper.path("token").asText())));
            assertEquals(200, metrics.statusCode(), "a monitor's write token scrapes");
            assertTrue(metrics.body().contains("secure_rest_api_logins_by_credential_total{credential=\"token\""), "token logins counted apart");
        } finally {
            revokeAll(monitor, run);
        }
    }

    /** README's token block, as it stands, against this container: it makes a token, logs in with it and revokes it. */
    @Test
    void readmesTokenBlockMakesUsesAndRevokesAToken() throws Exception {
        String block = DocBlocks.block("tokens").replace("http://localhost:8080/", container.baseUri().toString());
        Process shell = new ProcessBuilder("bash", "-c", block).redirectErrorStream(true).start();
        String output = new String(shell.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, shell.waitFor(), output);
        assertTrue(output.contains("\"name\":\"nightly report\",\"scope\":\"read\"") && output.contains("\"token\":\"srapi_"), output);
        assertTrue(output.matches("(?s).*\\{\"meaning_of_life\":42\\}\\s*204\\s*"), "the token logged in, then was revoked: " + output);
        String left = send("GET", "api/v1/me/tokens", "roy", "roy", null).body();
        assertFalse(left.contains("\"nightly report\""), "the block revoked what it made: " + left);
    }
}
