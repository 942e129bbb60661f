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

import dev.securerestapi.it.support.EmbeddedJetty;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Far more parallel cold logins than password hashes may run at once (HashSlots: twice the
 * processors), each an Argon2id check of 19 MiB, on a server with the default heap (this JVM's, as
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

    @Test
    void farMoreColdLoginsThanHashSlotsWaitOrGet503AndNeverExhaustTheHeap() throws Exception {
        EmbeddedJetty server = EmbeddedJetty.start("embedded-jetty-flood", NO_LOCKOUT);
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();
            ExecutorService senders = Executors.newFixedThreadPool(LOGINS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < LOGINS; i++) {
                HttpRequest request = HttpRequest.newBuilder(server.baseUri().resolve("api/v1/private"))
                        .header("Authorization", Http.basic(TestUsers.ADMIN.name(), "wrong-" + i)).timeout(Duration.ofMinutes(5)).build();
                answers.add(senders.submit(() -> {
                    go.await();
                    return client.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            go.countDown();
            int checked = 0;
            int refused = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                if (response.statusCode() == 503) {
                    refused++;
                    assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
                    assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
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
            assertEquals(200, new Http(server).get("api/v1/private", TestUsers.ADMIN).statusCode(), "the right password, after the flood");
        } finally {
            server.stop();
        }
    }
}
