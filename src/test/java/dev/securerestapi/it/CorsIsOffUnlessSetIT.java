package dev.securerestapi.it;

import static dev.securerestapi.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.EmbeddedJetty;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.StockContainers;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * Without {@code secure-rest-api.cors.allowed-origins} no origin is allowed and nothing changes
 * for anyone: no answer carries an {@code Access-Control-*} header or {@code Vary: Origin}, and
 * every preflight is refused. (The shared containers allow one origin: CorsIT.)
 */
class CorsIsOffUnlessSetIT {

    private static final Supplier<EmbeddedJetty> SERVER = Containers.memoize(() -> {
        Map<String, String> settings = new HashMap<>(StockContainers.SHARED_SETTINGS);
        settings.remove("secure-rest-api.cors.allowed-origins");
        return EmbeddedJetty.start("embedded-jetty-no-cors", settings);
    });

    @Test
    void noAnswerGrantsAnyOriginAnything() {
        Http http = new Http(SERVER.get());
        for (String origin : new String[] {StockContainers.ALLOWED_ORIGIN, "http://localhost:3000", "null"}) {
            HttpResponse<String> response = http.send(http.request("api/v1/private").header("Origin", origin)
                    .header("Authorization", Http.basic(TestUsers.ADMIN)).GET());
            assertEquals(200, response.statusCode());
            assertEquals(Set.of(), CorsIT.corsHeaders(response.headers()));
            assertTrue(response.headers().allValues("Vary").stream().noneMatch(v -> v.contains("Origin")), response.headers().toString());
        }
    }

    @Test
    void everyPreflightIsRefusedAndOptionsStillAnswersNothing() {
        Http http = new Http(SERVER.get());
        HttpResponse<String> preflight = http.send(http.request("api/v1/private").header("Origin", StockContainers.ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "GET").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertProblem(403, preflight);
        assertEquals(Set.of(), CorsIT.corsHeaders(preflight.headers()));

        HttpResponse<String> options = http.send(http.request("api/v1/subscribers").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, options.statusCode());
        assertEquals("", options.body());
    }
}
