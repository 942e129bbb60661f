package dev.securerestapi.it;

import static dev.securerestapi.it.support.ProblemAssert.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securerestapi.it.support.DocBlocks;
import dev.securerestapi.it.support.EmbeddedJetty;
import dev.securerestapi.it.support.ExternalContainer;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.ItConfig;
import dev.securerestapi.it.support.PostgresServer;
import dev.securerestapi.it.support.StockContainers;
import dev.securerestapi.it.support.TestUsers;
import dev.securerestapi.it.support.UsersJar;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md's "Backups and moves", its blocks as they stand: a single instance's
 * embedded database is backed up, lost and restored; the data command moves its subscribers and
 * the users command imports its realm file into an empty PostgreSQL; a stock Tomcat on that
 * PostgreSQL then answers every subscriber as the embedded instance did (same id, ETag, creation
 * time) and gives new ids past the moved ones; a second move is refused and changes nothing; and
 * a pg_dump taken then, restored after a change, takes the change back.
 */
class MovingToPostgresIT {

    @Test
    void theDocsBackUpRestoreAndMoveASingleInstanceIntoPostgresqlWithNothingLostOrChanged() throws Exception {
        Path work = ItConfig.freshWorkDir("move");
        List<JsonNode> expected = new ArrayList<>();
        EmbeddedJetty single = EmbeddedJetty.start("move");
        try {
            Http http = new Http(single);
            for (int i = 0; i < 5; i++) {
                expected.add(json(send(http, "POST", "api/v1/subscribers", "{\"name\":\"Moved " + i + "\",\"email\":\"moved-" + i + "-"
                        + UUID.randomUUID() + "@example.org\"}", 201).body()));
            }
            String first = "api/v1/subscribers/" + expected.get(0).path("id").asLong();
            expected.set(0, json(send(http, "PUT", first, "{\"name\":\"Moved, renamed\",\"email\":\"renamed-" + UUID.randomUUID()
                    + "@example.org\"}", 200).body()));
            send(http, "DELETE", "api/v1/subscribers/" + expected.remove(1).path("id").asLong(), null, 204);
            expected.replaceAll(subscriber -> withEtag(http, subscriber));
        } finally {
            single.stop();
        }
        Path data = work.resolve("data");
        Path realm = Files.copy(ItConfig.devRealm(), work.resolve("dev-realm.properties"));
        Map<String, String> env = Map.of("DATA", data.toString(), "REALM", realm.toString());

        // back up, lose, restore
        run(DocBlocks.block("h2-backup"), env);
        Path backup = ItConfig.projectDir().resolve("target/subscribers-backup.tar.gz");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));
        ItConfig.deleteTree(data);
        run(DocBlocks.block("h2-restore"), env);
        assertTrue(Files.isRegularFile(data.resolve("subscribers.mv.db")), "restored");

        PostgresServer postgres = PostgresServer.start("move-postgres");
        try {
            String moved = run(StockContainers.onPort(DocBlocks.block("move-to-postgresql"), postgres), env);
            assertTrue(moved.contains("Moved " + expected.size() + " subscribers from " + data), moved);
            assertFalse(moved.contains("change-me"), "no password printed: " + moved);
            Path config = ItConfig.projectDir().resolve("target/move-db.properties");
            assertEquals(0, UsersJar.onDatabase(config, "SuperSecretPwd\n", "verify", "admin").exitCode(), "admin's hash moved");

            Process again = new ProcessBuilder("java", "-jar", ItConfig.projectDir().resolve("target/secure-rest-api-data.jar").toString(),
                    "move", "--from", data.toString(), "--database-config", config.toString()).redirectErrorStream(true).start();
            String refused = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(again.waitFor(2, TimeUnit.MINUTES));
            assertEquals(4, again.exitValue(), refused);
            assertTrue(refused.contains("already has " + expected.size() + " subscribers"), refused);

            ExternalContainer tomcat = StockContainers.tomcat("tomcat-moved", StockContainers.onPort(DocBlocks.block("tomcat-postgresql"), postgres),
                    StockContainers.systemProperties(StockContainers.SHARED_SETTINGS));
            try {
                Http http = new Http(tomcat);
                assertEverySubscriberAsBefore(http, expected);
                long highest = expected.stream().mapToLong(s -> s.path("id").asLong()).max().orElseThrow();
                assertTrue(highest >= 5, "the deleted and the moved ids are the embedded instance's");

                run(StockContainers.onPort(DocBlocks.block("postgresql-backup"), postgres), env);
                JsonNode added = json(send(http, "POST", "api/v1/subscribers", "{\"name\":\"After the move\",\"email\":\"after-"
                        + UUID.randomUUID() + "@example.org\"}", 201).body());
                assertTrue(added.path("id").asLong() > highest, "new ids start past the moved ones: " + added);

                run(StockContainers.onPort(DocBlocks.block("postgresql-restore"), postgres), env);
                assertEquals(404, http.get("api/v1/subscribers/" + added.path("id").asLong(), TestUsers.ROY).statusCode(),
                        "the restore took back what came after the dump");
                assertEverySubscriberAsBefore(http, expected);
            } finally {
                tomcat.stop();
            }
        } finally {
            postgres.stop();
        }
    }

    /** Each subscriber read by id answers the same body and ETag, and the list has exactly them. */
    private static void assertEverySubscriberAsBefore(Http http, List<JsonNode> expected) {
        for (JsonNode subscriber : expected) {
            HttpResponse<String> response = http.get("api/v1/subscribers/" + subscriber.path("id").asLong(), TestUsers.ROY);
            assertEquals(200, response.statusCode(), response::body);
            assertEquals(subscriber.path("body"), json(response.body()));
            assertEquals(subscriber.path("etag").asText(), response.headers().firstValue("ETag").orElse(""));
        }
        assertEquals(expected.size(), json(http.get("api/v1/subscribers", TestUsers.ROY).body()).path("total").asInt());
    }

    /** The subscriber as GET answers it, with its ETag: {"body": ..., "etag": ...}. */
    private static JsonNode withEtag(Http http, JsonNode subscriber) {
        HttpResponse<String> response = http.get("api/v1/subscribers/" + subscriber.path("id").asLong(), TestUsers.ROY);
        assertEquals(200, response.statusCode(), response::body);
        com.fasterxml.jackson.databind.node.ObjectNode both = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        both.set("body", json(response.body()));
        both.put("etag", response.headers().firstValue("ETag").orElseThrow());
        both.put("id", subscriber.path("id").asLong());
        return both;
    }

    private static HttpResponse<String> send(Http http, String method, String path, String body, int status) {
        HttpRequest.Builder request = http.request(path)
                .header("Authorization", Http.basic(TestUsers.ADMIN))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request);
        assertEquals(status, response.statusCode(), response::body);
        return response;
    }

    /** A docs block run by bash in the checkout, as an operator would: its output; it must succeed. */
    private static String run(String block, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", block)
                .directory(ItConfig.projectDir().toFile()).redirectErrorStream(true);
        bash.environment().putAll(env);
        Process process = bash.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), block);
        assertEquals(0, process.exitValue(), () -> block + "\n" + out);
        return out;
    }
}
