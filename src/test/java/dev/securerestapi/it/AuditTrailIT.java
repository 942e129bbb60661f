package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.securerestapi.it.support.Await;
import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.TestUsers;
import dev.securerestapi.it.support.UsersJar;
import dev.securerestapi.it.support.Containers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.ResourceAccessMode;

/**
 * The audit trail, on every container and the WAR alone in Tomcat: security events are JSON lines
 * on logger {@code secure-rest-api.audit} with time, event, instance, user and client; a verified
 * login is not logged per request, the first success after failures is; and no password, hash
 * or {@code Authorization} value sent or stored appears anywhere in the container's log or in
 * the users command's output.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.securerestapi.it.support.Containers#all")
@ResourceLock(value = Containers.REALM_FILES, mode = ResourceAccessMode.READ)
class AuditTrailIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AUDIT = Pattern.compile("(\\{\"time\":\"[^\"]+\",\"event\":\"[^\"]+\".*\\})");

    @Parameter
    Container container;

    private List<JsonNode> audit() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        Matcher m = AUDIT.matcher(container.log());
        while (m.find()) {
            lines.add(JSON.readTree(m.group(1)));
        }
        return lines;
    }

    private List<JsonNode> events(String event, String user) throws Exception {
        return audit().stream().filter(l -> l.path("event").asText().equals(event) && l.path("user").asText().equals(user)).toList();
    }

    @Test
    void failuresAndTheFirstSuccessAfterThemAreAuditedButNotEveryVerifiedLogin() throws Exception {
        Http http = new Http(container);
        TestUsers.User dave = TestUsers.DAVE;
        assertEquals(200, http.get("api/v1/private", dave).statusCode());
        int successesBefore = events("login.succeeded", dave.name()).size();
        for (int i = 0; i < 5; i++) {
            assertEquals(200, http.get("api/v1/private", dave).statusCode());
        }
        assertEquals(401, http.get("api/v1/private", new TestUsers.User(dave.name(), "wrong-" + UUID.randomUUID(), List.of())).statusCode());
        assertEquals(200, http.get("api/v1/private", dave).statusCode());
        assertEquals(200, http.get("api/v1/private", dave).statusCode());
        Await.within(Duration.ofSeconds(10), () -> {
            try {
                return events("login.succeeded", dave.name()).size() == successesBefore + 1;
            } catch (Exception e) {
                return false;
            }
        }, () -> "one login.succeeded line, the first after the failure:\n" + container.log());

        JsonNode failed = events("login.failed", dave.name()).get(events("login.failed", dave.name()).size() - 1);
        assertEquals("wrong_password", failed.path("reason").asText());
        assertTrue(failed.path("client").asText().startsWith("127.0.0."), failed.toString());
        assertFalse(failed.path("instance").asText().isEmpty(), failed.toString());
        assertTrue(failed.path("time").asText().endsWith("Z"), failed.toString());
        JsonNode succeeded = events("login.succeeded", dave.name()).get(successesBefore);
        assertTrue(succeeded.path("after_failures").asInt() >= 1, succeeded.toString());
        assertTrue(audit().stream().anyMatch(l -> l.path("event").asText().equals("realm.reloaded")), "the realm's reads are audited");
    }

    @Test
    void noPasswordHashOrAuthorizationValueIsLoggedAnywhere() throws Exception {
        Http http = new Http(container);
        String marker = "Pw-" + UUID.randomUUID();
        List<String> secrets = new ArrayList<>(List.of(marker, TestUsers.ADMIN.password(), TestUsers.CAROL.password(), TestUsers.UTE.password()));
        List<String> sent = new ArrayList<>();
        // a right password, wrong ones, a stored hash sent as the password, an unknown name, a malformed value
        sent.add(Http.basic(TestUsers.ADMIN));
        sent.add(Http.basic(TestUsers.CAROL.name(), marker));
        sent.add(Http.basic(TestUsers.UTE));
        sent.add(Http.basic("no-such-" + marker.substring(3, 11), marker + "-2"));
        String realm = Files.readString(container.realmFile(), StandardCharsets.ISO_8859_1);
        Matcher hashes = Pattern.compile(TestUsers.STORED_HASH).matcher(realm);
        while (hashes.find()) {
            secrets.add(hashes.group());
            secrets.add(hashes.group().substring(hashes.group().lastIndexOf('$') + 1));
        }
        sent.add(Http.basic(TestUsers.NOBODY.name(), secrets.get(secrets.size() - 2)));
        sent.add("Basic " + Base64.getEncoder().encodeToString(("carol" + marker).getBytes(StandardCharsets.UTF_8)));
        for (String authorization : sent) {
            http.send(http.request("api/v1/private").header("Authorization", authorization).GET());
            secrets.add(authorization.substring("Basic ".length()));
        }
        // the users command: a change with a password of its own
        String commandPassword = "Cmd-" + UUID.randomUUID();
        secrets.add(commandPassword);
        UsersJar.Result added = UsersJar.run(container.realmFile(), commandPassword + "\n", "add", "audit-" + marker.substring(3, 11).toLowerCase());
        assertEquals(0, added.exitCode(), added::toString);
        assertTrue(added.err().contains("\"event\":\"users.changed\""), "the users command audits its change:\n" + added);
        UsersJar.Result removed = UsersJar.run(container.realmFile(), null, "remove", "audit-" + marker.substring(3, 11).toLowerCase());
        assertEquals(0, removed.exitCode(), removed::toString);

        Await.within(Duration.ofSeconds(10), () -> container.log().contains("\"user\":\"carol\""), () -> "carol's failure audited:\n" + container.log());
        String everything = container.log() + added + removed;
        for (String secret : secrets) {
            assertFalse(everything.contains(secret), () -> "logged: a password, hash or Authorization value (" + secret.length() + " characters)");
        }
    }
}
