package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.securerestapi.it.support.Await;
import dev.securerestapi.it.support.EmbeddedJetty;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.RealmFiles;
import dev.securerestapi.it.support.TestUsers;
import dev.securerestapi.realm.hash.Argon2id;
import dev.securerestapi.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Far more parallel cold logins than password hashes may run at once (HashSlots: twice the
 * processors), each an Argon2id check of 19 MiB that takes about a second, on a server with the default heap (this JVM's, as
 * `mvn jetty:run`'s): each is answered 401 (checked, wrong) or 503 problem+json with
 * {@code Retry-After} (no hash could start within 5 s), never a 500 or an OutOfMemoryError, and the
 * server logs in its users as before once the flood is over. The lockout's limits are lifted on
 * this server of its own, so that what answers is the bound, not the lockout.
 */
@Isolated // it keeps every core busy for seconds
class ColdLoginFloodIT {

    private static final int LOGINS = 240;
    private static final Map<String, String> NO_LOCKOUT = Map.of(
            "secure-rest-api.lockout.user.failures", "1000000",
            "secure-rest-api.lockout.name.failures", "1000000",
            "secure-rest-api.lockout.address.failures", "1000000");

    private static final String SLOW_USER = "flood-slow";
    private static final String SLOW_PASSWORD = "flood-slow-pass";

    /** Argon2id passes (of the default memory) that take about a second on this machine: measured, not assumed. */
    private static int iterationsForASecond() {
        long fastest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            Argon2id.of("measure", Settings.Argon2.DEFAULTS);
            fastest = Math.min(fastest, System.nanoTime() - start);
        }
        long perPass = Math.max(1, fastest / Settings.Argon2.DEFAULTS.iterations());
        return (int) Math.max(Settings.Argon2.DEFAULTS.iterations(), Math.min(Settings.Argon2.MAX_ITERATIONS, 1_000_000_000L / perPass));
    }

    @Test
    void farMoreColdLoginsThanHashSlotsWaitOrGet503AndNeverExhaustTheHeap() throws Exception {
        EmbeddedJetty server = EmbeddedJetty.start("embedded-jetty-flood", NO_LOCKOUT);
        try {
            // a user whose check takes about a second here, whatever this machine's speed: far more
            // checks than the slots can run in the 5 s a login waits for one, on any machine
            Settings.Argon2 slow = new Settings.Argon2(Settings.Argon2.DEFAULTS.memoryKib(), iterationsForASecond(), 1);
            int readsBefore = RealmFiles.reads(server.log(), server.realmFile());
            RealmFiles.append(server.realmFile(), SLOW_USER, Argon2id.of(SLOW_PASSWORD, slow).stored(), List.of("user"));
            Await.within(Duration.ofSeconds(30), () -> RealmFiles.reads(server.log(), server.realmFile()) > readsBefore,
                    () -> "the realm file with " + SLOW_USER + " was never read");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();
            ExecutorService senders = Executors.newFixedThreadPool(LOGINS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < LOGINS; i++) {
                HttpRequest request = HttpRequest.newBuilder(server.baseUri().resolve("api/v1/private"))
                        .header("Authorization", Http.basic(SLOW_USER, "wrong-" + i)).timeout(Duration.ofMinutes(5)).build();
                answers.add(senders.submit(() -> {
                    go.await();
                    return client.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            int logBefore = server.log().length(); // the log is the JVM's: other suites' lines stand before
            go.countDown();
            int checked = 0;
            int refused = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                if (response.statusCode() == 503) {
                    refused++;
                    assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
                    assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
                    assertTrue(response.body().contains("cannot check logins now") && !response.body().contains("incident"),
                            "an expected refusal, no incident: " + response.body());
                } else {
                    assertEquals(401, response.statusCode(), response.body());
                    checked++;
                }
            }
            senders.shutdown();
            System.out.printf("ColdLoginFloodIT: %d parallel cold logins: %d checked (401), %d refused (503)%n", LOGINS, checked, refused);
            assertTrue(refused > 0, "the bound never refused a login: " + checked + " checked");
            assertTrue(checked > 0, "nothing was checked");
            assertFalse(server.log().contains("OutOfMemoryError"), "the heap held");
            assertTrue(server.log().contains("Refusing logins it has no time to check (503)"), "the log says why");
            assertFalse(server.log().substring(logBefore).contains("answered 503 without an exception"), "and no refusal is an incident");
            assertEquals(refused, server.log().substring(logBefore).lines().filter(l -> l.contains("\"event\":\"login.unavailable\"")
                    && l.contains("\"user\":\"" + SLOW_USER + "\"")).count(), "each 503 is in the audit trail as login.unavailable");
            assertEquals(200, new Http(server).get("api/v1/private", new TestUsers.User(SLOW_USER, SLOW_PASSWORD, List.of("user"))).statusCode(),
                    "the right password, after the flood");
        } finally {
            server.stop();
        }
    }
}
