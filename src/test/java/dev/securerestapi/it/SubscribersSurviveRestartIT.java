package dev.securerestapi.it;

import static dev.securerestapi.it.support.ProblemAssert.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securerestapi.it.support.EmbeddedJetty;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.ItConfig;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * Every write the API acknowledged is still there after the server stops and a new one starts
 * on the same data directory: a fresh server and web application, the same database file.
 */
class SubscribersSurviveRestartIT {

    @Test
    void acknowledgedWritesSurviveARestart() {
        ItConfig.freshWorkDir("restart");
        EmbeddedJetty first = EmbeddedJetty.start("restart");
        List<JsonNode> expected = new ArrayList<>();
        long deletedId;
        try {
            Http http = new Http(first);
            for (int i = 0; i < 10; i++) {
                expected.add(create(http, "Before restart " + i));
            }
            JsonNode replaced = json(send(http, "PUT", "api/v1/subscribers/" + expected.get(0).path("id").asLong(),
                    "{\"name\":\"Replaced\",\"email\":\"replaced-" + UUID.randomUUID() + "@example.org\"}").body());
            expected.set(0, replaced);
            deletedId = expected.remove(1).path("id").asLong();
            assertEquals(204, send(http, "DELETE", "api/v1/subscribers/" + deletedId, null).statusCode());
        } finally {
            first.stop();
        }

        EmbeddedJetty second = EmbeddedJetty.start("restart");
        try {
            Http http = new Http(second);
            for (JsonNode subscriber : expected) {
                HttpResponse<String> response = http.get("api/v1/subscribers/" + subscriber.path("id").asLong(), TestUsers.ROY);
                assertEquals(200, response.statusCode(), response::body);
                assertEquals(subscriber, json(response.body()));
            }
            assertEquals(404, http.get("api/v1/subscribers/" + deletedId, TestUsers.ROY).statusCode());
            assertEquals(expected.size(), json(http.get("api/v1/subscribers", TestUsers.ROY).body()).path("total").asInt());
        } finally {
            second.stop();
        }
    }

    private static JsonNode create(Http http, String name) {
        HttpResponse<String> response = send(http, "POST", "api/v1/subscribers",
                "{\"name\":\"" + name + "\",\"email\":\"r-" + UUID.randomUUID() + "@example.org\"}");
        assertEquals(201, response.statusCode(), response::body);
        return json(response.body());
    }

    private static HttpResponse<String> send(Http http, String method, String path, String body) {
        HttpRequest.Builder request = http.request(path)
                .header("Authorization", Http.basic(TestUsers.ADMIN))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request);
    }
}
