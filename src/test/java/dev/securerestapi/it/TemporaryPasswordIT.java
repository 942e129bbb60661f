package dev.securerestapi.it;

import static dev.securerestapi.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securerestapi.it.support.Await;
import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.ItConfig;
import dev.securerestapi.it.support.TestUsers.User;
import dev.securerestapi.it.support.UsersJar;
import dev.securerestapi.realm.hash.Temporary;
import dev.securerestapi.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Temporary passwords on every container (OWASP ASVS 6.4.1, 6.4.3): {@code users reset} prints a
 * random password once; while temporary it opens only {@code PUT /api/v1/me/password}, every other
 * path answering 403 with a problem that says the password must be changed first; the change gives
 * the user their own password and roles back; an expired temporary password opens nothing.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.securerestapi.it.support.Containers#all")
@ResourceLock(value = Containers.REALM_FILES, mode = ResourceAccessMode.READ_WRITE)
class TemporaryPasswordIT {

    private static final Pattern PRINTED = Pattern.compile("temporary password of (\\S+) \\(until \\S+, only to change it: "
            + "PUT /api/v1/me/password\\): ([a-z2-9-]{23})\\n");

    @Parameter
    Container container;

    @Test
    void aResetPasswordOpensOnlyItsOwnChangeUntilChangedThenTheUserIsAsBefore() {
        String name = "tina" + UUID.randomUUID().toString().substring(0, 8);
        UsersJar.Result added = UsersJar.run(container.realmFile(), "first-" + UUID.randomUUID() + "\n", "add", name, "--roles", "user");
        assertEquals(0, added.exitCode(), added::toString);
        try {
            UsersJar.Result reset = UsersJar.run(container.realmFile(), null, "reset", name);
            assertEquals(0, reset.exitCode(), reset::toString);
            Matcher printed = PRINTED.matcher(reset.out());
            assertTrue(printed.matches(), reset.out());
            User temporary = new User(name, printed.group(2), List.of(Settings.TEMPORARY_ROLE));
            Http http = new Http(container);
            Await.within(UsersCommandIT.RELOAD, () -> http.get("api/v1/me", temporary).statusCode() == 403,
                    () -> "the temporary password is not in force");
            for (String path : List.of("api/v1/me", "api/v1/private", "api/v1/subscribers", "metrics", "rest-auth")) {
                JsonNode problem = assertProblem(403, http.get(path, temporary));
                assertTrue(problem.path("detail").asText().contains("Your password is temporary: change it first"), path + ": " + problem);
            }

            String own = "own-" + UUID.randomUUID();
            HttpResponse<String> changed = http.send(http.request("api/v1/me/password").header("Authorization", Http.basic(temporary))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"current\":\"" + temporary.password() + "\",\"new\":\"" + own + "\"}")));
            assertEquals(204, changed.statusCode(), changed::body);
            User renewed = new User(name, own, List.of("user"));
            Await.within(PasswordChangeIT.EVERYWHERE, () -> http.get("api/v1/me", renewed).statusCode() == 200
                    && http.get("api/v1/me", temporary).statusCode() == 401, () -> "the change did not take");
            assertEquals("{\"name\":\"" + name + "\",\"roles\":[\"user\"]}", http.get("api/v1/me", renewed).body(), "the user's roles again");
            assertFalse(container.log().contains(temporary.password()), "the temporary password is in no log");
        } finally {
            UsersJar.run(container.realmFile(), null, "remove", name);
        }
    }

    @Test
    void anExpiredTemporaryPasswordOpensNothing() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String expired = "exp" + suffix;
        String valid = "val" + suffix;
        Path file = Files.createTempFile(ItConfig.workDir(), "temporary-users", ".properties");
        Files.writeString(file, expired + ": " + Temporary.of("tmp-aaaaa-bbbbb-" + suffix, Instant.now().minusSeconds(60), Settings.Argon2.DEFAULTS)
                .stored() + ", user\n" + valid + ": " + Temporary.of("tmp-ccccc-ddddd-" + suffix, Instant.now().plusSeconds(3600),
                Settings.Argon2.DEFAULTS).stored() + ", user\n");
        UsersJar.Result imported = UsersJar.run(container.realmFile(), null, "import", file.toString());
        assertEquals(0, imported.exitCode(), imported::toString);
        try {
            Http http = new Http(container);
            Await.within(UsersCommandIT.RELOAD, () -> http.get("api/v1/me", new User(valid, "tmp-ccccc-ddddd-" + suffix, List.of())).statusCode() == 403,
                    () -> "the imported users are not in force");
            User late = new User(expired, "tmp-aaaaa-bbbbb-" + suffix, List.of());
            assertEquals(401, http.get("api/v1/me", late).statusCode());
            HttpResponse<String> change = http.send(http.request("api/v1/me/password").header("Authorization", Http.basic(late))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"current\":\"" + late.password() + "\",\"new\":\"a-fine-new-passphrase\"}")));
            assertEquals(401, change.statusCode(), "not even the change: an operator resets again");
        } finally {
            UsersJar.run(container.realmFile(), null, "remove", expired);
            UsersJar.run(container.realmFile(), null, "remove", valid);
        }
    }
}
