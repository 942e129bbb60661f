package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.EmbeddedJetty;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.OnEach;
import dev.securerestapi.it.support.ParallelGuesses;
import dev.securerestapi.it.support.OpenApiDocument;
import dev.securerestapi.it.support.ProblemAssert;
import dev.securerestapi.it.support.RawHttp;
import dev.securerestapi.it.support.StockContainers;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * Brute-force limits, on containers of their own with the default per-name limit (5 failures for
 * a name from one address, 5 minutes), a per-address limit set lower than its default (12 instead
 * of 50), a name-wide limit lower than its default (25 instead of 100, so that reaching it costs
 * fewer password checks), trackers holding 1,000 keys (the least allowed) and 127.0.0.9 as the one trusted proxy, through the system
 * properties operators use. Each test is its own set of clients: loopback addresses of its own
 * (127.0.0.0/8), and names no other test uses. Each test runs on the three containers at once
 * ({@link OnEach}).
 */
class LoginThrottlingIT {

    static final Map<String, String> LIMITS = Map.of(
            "secure-rest-api.lockout.address.failures", "12",
            "secure-rest-api.lockout.name.failures", "25",
            "secure-rest-api.lockout.tracked", "1000",
            "secure-rest-api.trusted-proxies", "127.0.0.9");

    private static final Supplier<Container> EMBEDDED = Containers.memoize(() -> EmbeddedJetty.start("embedded-jetty-lockout", LIMITS));
    private static final Supplier<Container> TOMCAT = Containers.memoize(
            () -> StockContainers.tomcat("tomcat-lockout", "", StockContainers.systemProperties(LIMITS)));
    private static final Supplier<Container> JETTY = Containers.memoize(
            () -> StockContainers.jetty("jetty-lockout", "", StockContainers.systemProperties(LIMITS)));

    static Stream<Container> containers() {
        return Stream.of(EMBEDDED, TOMCAT, JETTY).map(Supplier::get);
    }

    private static RawHttp.Response get(Container container, String from, String user, String password) {
        return RawHttp.getFrom(from, container, "api/v1/private", user, password);
    }

    private static void assertTooManyRequests(RawHttp.Response response) {
        assertEquals(429, response.status(), response::toString);
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 300, "Retry-After: " + retryAfter);
        assertEquals("application/problem+json", response.header("Content-Type").split(";")[0]);
        ProblemAssert.assertProblemBody(429, response.body());
        assertTrue(response.body().contains("\"type\":\"tag:securerestapi.dev,2026:problem:throttled\""), "the throttled type: " + response.body());
        assertEquals(null, response.header("WWW-Authenticate"), "a refusal is not a challenge to try again now");
        // and as the OpenAPI document says (OpenApiConformanceIT's shared containers never lock anyone)
        OpenApiDocument.source().check(new OpenApiDocument.Exchange("GET", "/api/v1/private", response.status(),
                response.headers().entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
                response.body()), "");
    }

    @Test
    void fiveFailuresForANameInAnySpellingLockItForThatAddressNotForOthers() throws Exception {
        OnEach.container(containers(), LoginThrottlingIT::fiveFailuresForANameInAnySpellingLockItForThatAddressNotForOthersOn);
    }

    private static void fiveFailuresForANameInAnySpellingLockItForThatAddressNotForOthersOn(Container container) throws Exception {
        String[] spellings = {"dave", "Dave", "DAVE", "ｄａｖｅ", "dAVE"};
        for (String name : spellings) {
            assertEquals(401, get(container, "127.0.0.2", name, "wrong-guess-x7").status());
        }
        assertTooManyRequests(get(container, "127.0.0.2", TestUsers.DAVE.name(), TestUsers.DAVE.password()));
        assertTooManyRequests(get(container, "127.0.0.2", "Dave", TestUsers.DAVE.password()));
        assertEquals(200, get(container, "127.0.0.3", TestUsers.DAVE.name(), TestUsers.DAVE.password()).status(),
                "an attacker elsewhere does not lock the user out");
        assertEquals(200, get(container, "127.0.0.2", TestUsers.ROY.name(), TestUsers.ROY.password()).status(),
                "another name from the same address is not locked");

        String log = container.log();
        assertTrue(log.contains("Failed login for user 'DAVE' from 127.0.0.2"), "each failure is logged with name and address");
        assertTrue(log.contains("User name 'dAVE' locked for 300 s"), log);
        assertFalse(log.contains("wrong-guess-x7"), "a password is never logged");
    }

    @Test
    void oneAddressFailingOnManyNamesIsRefusedWhileOtherAddressesAreNot() throws Exception {
        OnEach.container(containers(), LoginThrottlingIT::oneAddressFailingOnManyNamesIsRefusedWhileOtherAddressesAreNotOn);
    }

    private static void oneAddressFailingOnManyNamesIsRefusedWhileOtherAddressesAreNotOn(Container container) throws Exception {
        for (int i = 0; i < 12; i++) {
            assertEquals(401, get(container, "127.0.0.4", "sprayed-" + i, "Summer2026!").status());
        }
        assertTooManyRequests(get(container, "127.0.0.4", TestUsers.CAROL.name(), TestUsers.CAROL.password()));
        assertEquals(200, get(container, "127.0.0.5", TestUsers.CAROL.name(), TestUsers.CAROL.password()).status());
        assertTrue(container.log().contains("Address 127.0.0.4 refused logins for 300 s after 12 failed logins"));
    }

    @Test
    void aFloodOfUnknownNamesNeitherUnlocksALockedNameNorLocksAnyoneElse() throws Exception {
        OnEach.container(containers(), LoginThrottlingIT::aFloodOfUnknownNamesNeitherUnlocksALockedNameNorLocksAnyoneElseOn);
    }

    private static void aFloodOfUnknownNamesNeitherUnlocksALockedNameNorLocksAnyoneElseOn(Container container) throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, get(container, "127.0.0.6", TestUsers.ERIN.name(), "wrong-" + i).status());
        }
        assertTooManyRequests(get(container, "127.0.0.6", TestUsers.ERIN.name(), TestUsers.ERIN.password()));
        // 40 new names from addresses that each stay under their limit (a flood past what a tracker
        // holds, 1,000 at least, is LoginThrottleTest's: a locked key is never dropped to make room)
        for (int i = 0; i < 40; i++) {
            assertEquals(401, get(container, "127.0.1." + (i / 10), "flood-" + i, "guess").status());
        }
        assertTooManyRequests(get(container, "127.0.0.6", TestUsers.ERIN.name(), TestUsers.ERIN.password()));
        assertEquals(200, get(container, "127.0.0.7", TestUsers.FRANK.name(), TestUsers.FRANK.password()).status());
    }

    @Test
    void parallelGuessesGetNoMoreHashesThanTheLimitAndTheRightPasswordAmongThemDoesNotGetIn() throws Exception {
        OnEach.container(containers(), LoginThrottlingIT::parallelGuessesGetNoMoreHashesThanTheLimitAndTheRightPasswordAmongThemDoesNotGetInOn);
    }

    private static void parallelGuessesGetNoMoreHashesThanTheLimitAndTheRightPasswordAmongThemDoesNotGetInOn(Container container) throws Exception {
        ParallelGuesses burst = ParallelGuesses.send(List.of(container), "127.0.0.8", TestUsers.IVAN.name(), TestUsers.IVAN.password());
        assertTrue(burst.checked() <= 5, burst.checked() + " wrong passwords were checked; at most 5 may be");
        assertEquals(ParallelGuesses.GUESSES, burst.checked() + burst.refused(), "every guess was answered 401 or 429");
        assertTooManyRequests(burst.right());
    }

    @Test
    void oneClientsOwnParallelRequestsAreNeverRefused() throws Exception {
        OnEach.container(containers(), LoginThrottlingIT::oneClientsOwnParallelRequestsAreNeverRefusedOn);
    }

    private static void oneClientsOwnParallelRequestsAreNeverRefusedOn(Container container) throws Exception {
        // a connection pool's worth of requests at once: each takes a place while it is checked
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 256; i++) {
                statuses.add(pool.submit(() -> get(container, "127.0.0.12", TestUsers.ROY.name(), TestUsers.ROY.password()).status()));
            }
            for (Future<Integer> status : statuses) {
                assertEquals(200, status.get(2, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void behindATrustedProxyTheClientIsTheRightMostUntrustedHop() throws Exception {
        OnEach.container(containers(), LoginThrottlingIT::behindATrustedProxyTheClientIsTheRightMostUntrustedHopOn);
    }

    private static void behindATrustedProxyTheClientIsTheRightMostUntrustedHopOn(Container container) throws Exception {
        // the client writes whatever it likes on the left; the proxy (127.0.0.9) appends what it saw
        for (int i = 0; i < 5; i++) {
            assertEquals(401, viaProxy(container, "127.0.0.9", "203.0.113." + i + ", 198.51.100.20", "proxied-" + i).status());
        }
        assertTooManyRequests(viaProxy(container, "127.0.0.9", "192.0.2.99, 198.51.100.20", "proxied-x"));
        assertEquals(401, viaProxy(container, "127.0.0.9", "198.51.100.21", "proxied-y").status(), "another client behind the proxy");
        // from an address that is not a trusted proxy the header counts for nothing
        for (int i = 0; i < 5; i++) {
            assertEquals(401, viaProxy(container, "127.0.0.10", "198.51.100.30" + i, "unproxied-" + i).status());
        }
        assertTooManyRequests(viaProxy(container, "127.0.0.10", "198.51.100.31", "unproxied-x"));
    }

    @Test
    void failuresFromManyAddressesLockTheNameForNewcomersButNotForAClientThatLoggedInAsItLately() throws Exception {
        OnEach.container(containers(), LoginThrottlingIT::failuresFromManyAddressesLockTheNameForNewcomersButNotForAClientThatLoggedInAsItLatelyOn);
    }

    private static void failuresFromManyAddressesLockTheNameForNewcomersButNotForAClientThatLoggedInAsItLatelyOn(Container container)
            throws Exception {
        // every client behind the trusted proxy 127.0.0.9, which names it in X-Forwarded-For
        String operator = "192.0.2.10";
        assertEquals(200, asAdmin(container, operator, TestUsers.ADMIN.password()).status(), "the operator logs in");
        // 200 guesses for admin from 40 other clients: 20 IPv4 addresses, 20 IPv6 /64s of 20 /56s, 5 each
        List<String> attackers = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            attackers.add("203.0.113." + i);
            attackers.add(String.format("2001:db8:0:%x00::%x", i, i));
        }
        int checked = 0;
        int refused = 0;
        for (String attacker : attackers) {
            for (int guess = 0; guess < 5; guess++) {
                RawHttp.Response response = asAdmin(container, attacker, "Winter2026-" + guess);
                if (response.status() == 401) {
                    checked++;
                } else {
                    assertTooManyRequests(response);
                    refused++;
                }
            }
        }
        assertEquals(25, checked, "25 failures for the name from any addresses lock it (as 100 do by default)");
        assertEquals(175, refused);
        assertTooManyRequests(asAdmin(container, "192.0.2.77", TestUsers.ADMIN.password()));
        assertTooManyRequests(asAdmin(container, "2001:db8:0:1ff::1", TestUsers.ADMIN.password()));
        assertEquals(200, asAdmin(container, operator, TestUsers.ADMIN.password()).status(),
                "a client that logged in as the name lately is not refused by its name-wide lock");
        assertTrue(container.log().contains("User name 'admin' locked for 300 s for every address after 25 failed logins"));
    }

    @Test
    void theSlash64sOfOneIpv6Slash56GetFiveGuessesForANameBetweenThem() throws Exception {
        OnEach.container(containers(), LoginThrottlingIT::theSlash64sOfOneIpv6Slash56GetFiveGuessesForANameBetweenThemOn);
    }

    private static void theSlash64sOfOneIpv6Slash56GetFiveGuessesForANameBetweenThemOn(Container container) throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, slash56Victim(container, String.format("2001:db8:5:ab%02x::1", i), "slash56-" + i).status());
        }
        assertTooManyRequests(slash56Victim(container, "[2001:db8:5:abff::9]:4711", "slash56-x"));
        assertEquals(401, slash56Victim(container, "2001:db8:5:ac00::1", "slash56-y").status(), "the next /56 is another client");
    }

    private static RawHttp.Response slash56Victim(Container container, String client, String password) {
        return RawHttp.getFrom("127.0.0.9", container, "api/v1/private",
                Http.basic("slash56-victim", password).getBytes(StandardCharsets.ISO_8859_1), "X-Forwarded-For: " + client + "\r\n");
    }

    /** A login as admin through the trusted proxy for the client {@code client}. */
    private static RawHttp.Response asAdmin(Container container, String client, String password) {
        return RawHttp.getFrom("127.0.0.9", container, "api/v1/private",
                Http.basic(TestUsers.ADMIN.name(), password).getBytes(StandardCharsets.ISO_8859_1), "X-Forwarded-For: " + client + "\r\n");
    }

    /** A wrong password for one name ({@code proxied}), from {@code from} carrying {@code X-Forwarded-For: hops}. */
    private static RawHttp.Response viaProxy(Container container, String from, String hops, String password) {
        return RawHttp.getFrom(from, container, "api/v1/private",
                Http.basic("proxied-victim", password).getBytes(StandardCharsets.ISO_8859_1), "X-Forwarded-For: " + hops + "\r\n");
    }

    @Test
    void unreadableCredentialsCountAgainstTheAddress() throws Exception {
        OnEach.container(containers(), LoginThrottlingIT::unreadableCredentialsCountAgainstTheAddressOn);
    }

    private static void unreadableCredentialsCountAgainstTheAddressOn(Container container) throws Exception {
        byte[] unreadable = "Basic !!not-base64!!".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 12; i++) {
            assertEquals(401, RawHttp.getFrom("127.0.0.11", container, "api/v1/private", unreadable, "").status());
        }
        assertTooManyRequests(RawHttp.getFrom("127.0.0.11", container, "api/v1/private", unreadable, ""));
        assertTooManyRequests(get(container, "127.0.0.11", TestUsers.ROY.name(), TestUsers.ROY.password()));
        assertTrue(container.log().contains("Unreadable credentials from 127.0.0.11"), "logged with the address");
    }
}
