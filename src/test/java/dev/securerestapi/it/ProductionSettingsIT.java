package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.securerestapi.it.support.DocBlocks;
import dev.securerestapi.it.support.ExternalContainer;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.ItConfig;
import dev.securerestapi.it.support.StockContainers;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The deploy guides' production settings (docs/deploy-*.md, "Production settings"), as their
 * blocks stand: the container starts with them, the JVM has them, and many more parallel
 * requests than request threads are all answered.
 */
@Execution(ExecutionMode.CONCURRENT) // mostly waits for containers of its own: beside the suites that run one after another
class ProductionSettingsIT {

    @Test
    void tomcatWithTheProductionSettingsRunsTheParallelCollectorOnTwoThreadsPerCore() throws Exception {
        ExternalContainer tomcat = StockContainers.tomcat("tomcat-production", DocBlocks.block("tomcat-tuning"),
                StockContainers.systemProperties(StockContainers.SHARED_SETTINGS));
        answersEveryParallelRequest(tomcat, () -> {
            auditsToItsFileAsOneJsonObjectPerLine(tomcat,
                    ItConfig.workDir().resolve("tomcat-production/target/deploy/apache-tomcat-11.0.24/logs/audit.jsonl"));
            String log = tomcat.log();
            assertTrue(log.contains("Command line argument: -XX:+UseParallelGC"), "setenv.sh's options reach the JVM:\n" + log);
            String serverXml = Files.readString(ItConfig.workDir().resolve("tomcat-production/target/deploy/apache-tomcat-11.0.24/conf/server.xml"));
            assertTrue(serverXml.contains("<Connector maxThreads=\"" + 2 * Runtime.getRuntime().availableProcessors() + "\" port="),
                    "the connector has two threads per core");
        });
    }

    @Test
    void jettyWithTheProductionSettingsRunsTheParallelCollectorWithEverySystemProperty() throws Exception {
        ExternalContainer jetty = StockContainers.jetty("jetty-production", DocBlocks.block("jetty-tuning"),
                StockContainers.systemProperties(StockContainers.SHARED_SETTINGS));
        answersEveryParallelRequest(jetty, () -> {
            auditsToItsFileAsOneJsonObjectPerLine(jetty, ItConfig.workDir().resolve("jetty-production/target/deploy/jetty-base/logs/audit.jsonl"));
            List<String> servers = javaCommandLines().stream()
                    .filter(line -> line.contains("jetty-production") && line.contains("-XX:+UseParallelGC")).toList();
            assertEquals(1, servers.size(), "one JVM started by --exec with the option: " + servers);
            assertTrue(servers.get(0).contains("-Dsecure-rest-api.lockout.user.failures=1000000"),
                    "the system properties given to start.jar reach the server's JVM: " + servers.get(0));
        });
    }

    private interface Check {
        void run() throws Exception;
    }

    /** Every parallel request answered by {@code container}, then {@code check}; the container stops either way. */
    private static void answersEveryParallelRequest(ExternalContainer container, Check check) throws Exception {
        try {
            assertEveryParallelRequestIsAnswered(new Http(container));
            check.run();
        } finally {
            container.stop();
        }
    }

    /** 64 parallel authenticated requests, far more than two threads per core: every one is answered with the body. */
    private static void assertEveryParallelRequestIsAnswered(Http http) {
        List<CompletableFuture<HttpResponse<String>>> answers = IntStream.range(0, 64)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> http.get("api/v1/private", TestUsers.ADMIN)))
                .toList();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.join();
            assertEquals(200, response.statusCode());
            assertEquals("{\"meaning_of_life\":42}", response.body());
        }
    }

    /**
     * A failed login is appended to the audit file the settings name, as a line that is one JSON
     * object, like every other line there; the container's log has only its own line about it; only the
     * container's account and group may read the file.
     */
    private static void auditsToItsFileAsOneJsonObjectPerLine(ExternalContainer container, Path file) throws Exception {
        String name = "audit-file-" + java.util.UUID.randomUUID();
        Http http = new Http(container);
        assertEquals(401, http.get("api/v1/private", new TestUsers.User(name, "not-" + name, List.of())).statusCode());
        // written before the 401 is sent: the login is audited as it fails
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines) {
            JsonNode event = json.readTree(line);
            assertTrue(event.isObject() && event.has("time") && event.has("event") && event.has("instance"), line);
            assertEquals(line, event.toString(), "nothing but the object on a line");
        }
        JsonNode failed = json.readTree(lines.stream().filter(line -> line.contains(name)).findFirst().orElseThrow());
        assertEquals("login.failed", failed.path("event").asText());
        assertEquals(name, failed.path("user").asText());
        assertTrue(container.log().contains(name), "the container's own log still says a login failed");
        assertFalse(container.log().contains("\"user\":\"" + name + "\""), "the trail goes to its file instead of the log");
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    private static List<String> javaCommandLines() throws IOException {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().matches("[0-9]+")).map(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                } catch (IOException e) {
                    return ""; // gone meanwhile
                }
            }).filter(line -> line.contains("java")).toList();
        }
    }
}
