package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

import dev.securerestapi.it.support.DocBlocks;
import dev.securerestapi.it.support.ExternalContainer;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.ItConfig;
import dev.securerestapi.it.support.StockContainers;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * The deploy guides' production settings (docs/deploy-*.md, "Production settings"), as their
 * blocks stand: the container starts with them, the JVM has them, and many more parallel
 * requests than request threads are all answered.
 */
class ProductionSettingsIT {

    @Test
    void tomcatWithTheProductionSettingsRunsTheParallelCollectorOnTwoThreadsPerCore() throws Exception {
        ExternalContainer tomcat = StockContainers.tomcat("tomcat-production", DocBlocks.block("tomcat-tuning"),
                StockContainers.systemProperties(StockContainers.SHARED_SETTINGS));
        answersEveryParallelRequest(tomcat, () -> {
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
