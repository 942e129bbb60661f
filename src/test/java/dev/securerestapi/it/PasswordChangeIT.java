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
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.securerestapi.it.support.Await;
import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.OpenApiDocument;
import dev.securerestapi.it.support.OwnUsers;
import dev.securerestapi.it.support.TestUsers.User;
import dev.securerestapi.it.support.UsersJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code PUT /api/v1/me/password} on every container, users in its realm file: a user changes
 * their own password; the old one is refused and the new one works within 5 s; a wrong current
 * password, each rule of the policy and a malformed body are refused with their problem and
 * change nothing; a store the server may not write is a 409 that says so (to a monitor-only
 * account, which may change its own too); the audit trail records the change and no log holds either password.
 * Every answer is checked against the OpenAPI document. The well-known change-password URL sends
 * anyone to the landing page's form.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.securerestapi.it.support.Containers#all")
@ResourceLock(value = Containers.REALM_FILES, mode = ResourceAccessMode.READ_WRITE)
class PasswordChangeIT {

    /** How soon every instance refuses an old password (issue 30: 5 s). */
    static final Duration EVERYWHERE = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameter
    Container container;

    private HttpResponse<String> put(User user, String body, String contentType) {
        Http http = new Http(container);
        HttpResponse<String> response = http.send(http.request("api/v1/me/password").header("Authorization", Http.basic(user))
                .header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofString(body)));
        OpenApiDocument.source().check(OpenApiDocument.Exchange.of(response), container.contextPath());
        return response;
    }

    private HttpResponse<String> change(User user, String current, String replacement) {
        return put(user, JSON.createObjectNode().put("current", current).put("new", replacement).toString(), "application/json");
    }




    @Test
    void aUserChangesTheirOwnPasswordAndTheOldOneIsRefusedWithinFiveSeconds() {
        User pat = OwnUsers.added(container, "pat", "user");
        String newPassword = "changed-" + UUID.randomUUID();
        try {
            assertEquals(204, change(pat, pat.password(), newPassword).statusCode());
            User renewed = new User(pat.name(), newPassword, pat.roles());
            Http http = new Http(container);
            Await.within(EVERYWHERE, () -> http.get("api/v1/me", pat).statusCode() == 401 && http.get("api/v1/me", renewed).statusCode() == 200,
                    () -> "the old password still works, or the new one not yet");
            String log = container.log();
            assertTrue(log.contains("\"event\":\"users.changed\"") && log.contains("\"user\":\"" + pat.name() + "\",\"client\":")
                    && log.contains("\"action\":\"passwd\",\"by\":\"self\""), "an audit line records the change");
            assertFalse(log.contains(pat.password()) || log.contains(newPassword), "no password in the log");
        } finally {
            OwnUsers.removed(container, pat);
        }
    }

    @Test
    void aWrongCurrentPasswordOrANewOneThePolicyRefusesChangesNothing() {
        User quinn = OwnUsers.added(container, "quinn", "user");
        try {
            JsonNode wrong = assertProblem(403, change(quinn, "not-" + quinn.password(), "a-fine-new-passphrase"));
            assertTrue(wrong.path("detail").asText().contains("current is not your password"), wrong.toString());
            String[][] refused = {{"password1", "common"}, {"short7!", "too_short"}, {"my-" + quinn.name() + "-2026", "contains_name"},
                {"secure-rest-api-2026", "contains_service"}, {quinn.password(), "unchanged"}};
            for (String[] attempt : refused) {
                HttpResponse<String> response = change(quinn, quinn.password(), attempt[0]);
                JsonNode problem = assertProblem(400, response);
                assertEquals("new", problem.path("errors").path(0).path("field").asText(), response.body());
                assertTrue(problem.path("errors").path(0).path("detail").asText().endsWith("(" + attempt[1] + ")"), response.body());
                assertFalse(response.body().contains(attempt[0]), "the password is never answered: " + response.body());
            }
            assertProblem(400, put(quinn, "{\"current\":\"" + quinn.password() + "\",\"new\":\"a-fine-new-passphrase\",\"user\":\"admin\"}",
                    "application/json"));
            assertProblem(400, put(quinn, "{\"current\":\"" + quinn.password() + "\"}", "application/json"));
            assertProblem(400, put(quinn, "[]", "application/json"));
            assertProblem(415, put(quinn, "current=x&new=y", "application/x-www-form-urlencoded"));
            assertEquals(200, new Http(container).get("api/v1/me", quinn).statusCode(), "the password is as it was");
        } finally {
            OwnUsers.removed(container, quinn);
        }
    }

    /** Also: a monitor-only account (the shared realm's scraper) reaches its own change (the 409 is the resource's, not web.xml's 403). */
    @Test
    void aUsersFileTheServerMayNotWriteIsAConflictThatSaysSoAndKeepsThePassword() throws Exception {
        User rita = dev.securerestapi.it.support.TestUsers.MONITOR;
        Path realm = container.realmFile();
        // the users command's lock file made a link: every editor refuses to follow it, the server too
        Path lock = realm.resolveSibling("." + realm.getFileName() + ".lock");
        Files.deleteIfExists(lock);
        Files.createSymbolicLink(lock, realm.resolveSibling("elsewhere"));
        try {
            JsonNode problem = assertProblem(409, change(rita, rita.password(), "a-fine-new-passphrase"));
            assertTrue(problem.path("detail").asText().contains("users command"), problem.toString());
            assertFalse(problem.toString().contains(realm.toString()), "no server path in an answer");
            assertEquals(200, new Http(container).get("metrics", rita).statusCode(), "the password is as it was");
            assertProblem(401, change(new User("nobody-" + UUID.randomUUID(), "x", List.of()), "x", "y"));
        } finally {
            Files.deleteIfExists(lock);
        }
    }

    @Test
    void theWellKnownChangePasswordUrlSendsAnyoneToTheLandingPagesForm() {
        Http http = new Http(container);
        HttpResponse<String> response = http.send(http.request(".well-known/change-password").GET());
        OpenApiDocument.source().check(OpenApiDocument.Exchange.of(response), container.contextPath());
        assertEquals(302, response.statusCode());
        assertEquals(container.baseUri().getRawPath() + "#change-password", response.headers().firstValue("Location").orElse(""));
        assertTrue(http.get("").body().contains("id=\"change-password\""), "the form is there");
    }
}
