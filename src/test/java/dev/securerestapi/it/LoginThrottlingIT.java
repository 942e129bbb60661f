package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.EmbeddedJetty;
import dev.securerestapi.it.support.ProblemAssert;
import dev.securerestapi.it.support.RawHttp;
import dev.securerestapi.it.support.StockContainers;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Brute-force limits, on containers of their own with the default per-name limit (5 failures, 5
 * minutes) and a per-address limit set lower than its default (12 instead of 50) and a tracker
 * holding 20 keys, through the system properties operators use. Each test is its own set of
 * clients: a loopback address of its own (127.0.0.0/8), and names no other test uses.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("containers")
class LoginThrottlingIT {

    static final Map<String, String> LIMITS = Map.of(
            "secure-rest-api.lockout.address.failures", "12",
            "secure-rest-api.lockout.tracked", "20");

    private static final Supplier<Container> EMBEDDED = Containers.memoize(() -> EmbeddedJetty.start("embedded-jetty-lockout", LIMITS));
    private static final Supplier<Container> TOMCAT = Containers.memoize(
            () -> StockContainers.tomcat("tomcat-lockout", "", StockContainers.systemProperties(LIMITS)));
    private static final Supplier<Container> JETTY = Containers.memoize(
            () -> StockContainers.jetty("jetty-lockout", "", StockContainers.systemProperties(LIMITS)));

    static Stream<Container> containers() {
        return Stream.of(EMBEDDED, TOMCAT, JETTY).map(Supplier::get);
    }

    @Parameter
    Container container;

    private RawHttp.Response get(String from, String user, String password) {
        return RawHttp.getFrom(from, container, "api/v1/private", user, password);
    }

    private static void assertTooManyRequests(RawHttp.Response response) {
        assertEquals(429, response.status(), response::toString);
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 300, "Retry-After: " + retryAfter);
        assertEquals("application/problem+json", response.header("Content-Type").split(";")[0]);
        ProblemAssert.assertProblemBody(429, response.body());
        assertEquals(null, response.header("WWW-Authenticate"), "a refusal is not a challenge to try again now");
    }

    @Test
    void fiveFailuresForANameInAnyCaseLockItEvenForTheRightPassword() {
        String[] spellings = {"dave", "Dave", "DAVE", "daVe", "dAVE"};
        for (String name : spellings) {
            assertEquals(401, get("127.0.0.2", name, "wrong-guess-x7").status());
        }
        assertTooManyRequests(get("127.0.0.2", TestUsers.DAVE.name(), TestUsers.DAVE.password()));
        assertTooManyRequests(get("127.0.0.3", "Dave", TestUsers.DAVE.password()));
        assertEquals(200, get("127.0.0.2", TestUsers.ROY.name(), TestUsers.ROY.password()).status(),
                "another name from the same address is not locked");

        String log = container.log();
        assertTrue(log.contains("Failed login for user 'DAVE' from 127.0.0.2"), "each failure is logged with name and address");
        assertTrue(log.contains("User name 'dAVE' locked for 300 s"), log);
        assertFalse(log.contains("wrong-guess-x7"), "a password is never logged");
    }

    @Test
    void oneAddressFailingOnManyNamesIsRefusedWhileOtherAddressesAreNot() {
        for (int i = 0; i < 12; i++) {
            assertEquals(401, get("127.0.0.4", "sprayed-" + i, "Summer2026!").status());
        }
        assertTooManyRequests(get("127.0.0.4", TestUsers.ADMIN.name(), TestUsers.ADMIN.password()));
        assertEquals(200, get("127.0.0.5", TestUsers.ADMIN.name(), TestUsers.ADMIN.password()).status());
        assertTrue(container.log().contains("Address 127.0.0.4 refused logins for 300 s after 12 failed logins"));
    }

    @Test
    void aFloodOfUnknownNamesNeitherUnlocksALockedNameNorLocksAnyoneElse() {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, get("127.0.0.6", TestUsers.ERIN.name(), "wrong-" + i).status());
        }
        assertTooManyRequests(get("127.0.0.6", TestUsers.ERIN.name(), TestUsers.ERIN.password()));
        // 40 new names, twice what the tracker holds, from addresses that each stay under their limit
        for (int i = 0; i < 40; i++) {
            assertEquals(401, get("127.0.1." + (i / 10), "flood-" + i, "guess").status());
        }
        assertTooManyRequests(get("127.0.0.7", TestUsers.ERIN.name(), TestUsers.ERIN.password()));
        assertEquals(200, get("127.0.0.7", TestUsers.FRANK.name(), TestUsers.FRANK.password()).status());
    }
}
