package dev.securerestapi.it;

import static dev.securerestapi.it.ProblemAssert.assertChallenged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.securerestapi.container.credentials.Pbkdf2;
import dev.securerestapi.it.TestUsers.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What operators do to a running realm takes effect without a restart, and the cache of verified
 * logins never outlives it: a changed password stops the old one as soon as the container has
 * re-read the file, a removed user is refused.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.securerestapi.it.Containers#all")
class RealmChangesIT {

    /** What the issue asks: within 10 s (Tomcat looks every 2 s at files older than 2 s; Jetty scans every 2 s). */
    private static final Duration RELOAD = UsersCommandIT.RELOAD;

    @Parameter
    Container container;

    @Test
    void changedPasswordStopsTheOldOneAndRemovedUserIsRefused() throws Exception {
        Http http = new Http(container);
        // both work, and erin's login is now a cached, verified one
        assertEquals(200, http.get("api/v1/private", TestUsers.ERIN).statusCode());
        assertEquals(200, http.get("api/v1/private", TestUsers.ERIN).statusCode());
        assertEquals(200, http.get("api/v1/private", TestUsers.FRANK).statusCode());

        String newPassword = "erin-new-pass";
        edit(container.realmFile(), newPassword);

        Instant deadline = Instant.now().plus(RELOAD);
        while (http.get("api/v1/private", TestUsers.ERIN).statusCode() == 200) {
            assertTrue(Instant.now().isBefore(deadline), "the old password still works " + RELOAD + " after the edit");
            Thread.sleep(500);
        }
        // once re-read, the old password is refused every time: the cache does not bring it back
        assertChallenged(http.get("api/v1/private", TestUsers.ERIN));
        assertEquals(200, http.get("api/v1/private", new User(TestUsers.ERIN.name(), newPassword, List.of())).statusCode());
        assertChallenged(http.get("api/v1/private", TestUsers.FRANK));
    }

    @Test
    void aMalformedEditKeepsTheUsersReadBeforeAndTheLogSaysWhere() throws Exception {
        Http http = new Http(container);
        assertEquals(200, http.get("api/v1/private", TestUsers.DAVE).statusCode());
        Path realm = container.realmFile();
        String good = Files.readString(realm, StandardCharsets.UTF_8);
        // dave's line goes, and the file breaks: a line without a hash, or XML cut short
        String withoutDave = good.lines().filter(line -> !line.matches(".*\\b" + TestUsers.DAVE.name() + "\\b.*"))
                .collect(Collectors.joining("\n", "", "\n"));
        boolean xml = good.stripLeading().startsWith("<");
        String broken = xml ? withoutDave.replace("</tomcat-users>", "") : withoutDave + "half-typed-user\n";
        String expected = xml ? "not well-formed XML" : "user 'half-typed-user' has no password hash";
        int logged = occurrences(container.log(), expected);
        replace(realm, broken);
        try {
            Await.within(RELOAD, () -> occurrences(container.log(), expected) > logged,
                    () -> "the log does not say why the edit was refused:\n" + tail(container.log()));
            String line = container.log().lines().filter(l -> l.contains(expected)).reduce((a, b) -> b).orElseThrow();
            assertTrue(line.matches(".*" + Pattern.quote(realm.getFileName().toString()) + " line [0-9]+: .*"), line);
            assertTrue(line.contains("keeping the users read before"), line);
            assertEquals(200, http.get("api/v1/private", TestUsers.DAVE).statusCode(), "the users read before still log in");
            assertEquals(200, http.get("api/v1/private", TestUsers.ADMIN).statusCode());
        } finally {
            replace(realm, good);
        }
    }

    private static int occurrences(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    private static String tail(String log) {
        return log.length() > 3000 ? log.substring(log.length() - 3000) : log;
    }

    private static void replace(Path realm, String text) throws IOException {
        Path next = Files.writeString(realm.resolveSibling(realm.getFileName() + ".next"), text, StandardCharsets.UTF_8);
        Files.move(next, realm, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** As an operator would: erin's hash replaced, frank's line gone, the file swapped in whole. */
    private static void edit(Path realm, String erinsNewPassword) throws IOException {
        String text = Files.readString(realm, StandardCharsets.UTF_8);
        Matcher erin = Pattern.compile("(?m)^.*\\b" + TestUsers.ERIN.name() + "\\b.*?([0-9a-f]{32}\\$[0-9]+\\$[0-9a-f]{64}).*$").matcher(text);
        assertTrue(erin.find(), "erin is in " + realm);
        String edited = text.replace(erin.group(1), Pbkdf2.of(erinsNewPassword).stored()).lines()
                .filter(line -> !line.matches(".*\\b" + TestUsers.FRANK.name() + "\\b.*"))
                .collect(Collectors.joining("\n", "", "\n"));
        replace(realm, edited);
    }
}
