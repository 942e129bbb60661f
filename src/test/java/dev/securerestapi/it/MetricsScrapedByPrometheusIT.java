package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.securerestapi.it.support.Await;
import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.DocBlocks;
import dev.securerestapi.it.support.ExternalContainer;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.ItConfig;
import dev.securerestapi.it.support.Processes;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * Debian's Prometheus, configured by docs/operations.md's block as it stands (only the targets,
 * the password, 1-second intervals and the down alert's minute changed), scrapes stock Tomcat and
 * stock Jetty with the monitor account, and its query API reads non-zero login counters from both.
 * The block's alerting rules load, each one's measure exists for both containers, and the down
 * alert fires for a target that does not answer.
 */
class MetricsScrapedByPrometheusIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void prometheusScrapesBothContainersWithTheDocumentedConfigurationReadsTheirLoginsAndAlertsOnADownOne() throws Exception {
        List<Container> targets = List.of(Containers.tomcat(), Containers.jetty());
        for (Container target : targets) {
            assertEquals(200, new Http(target).get("api/v1/private", TestUsers.ADMIN).statusCode());
        }
        String block = DocBlocks.block("prometheus-scrape");
        String hostPorts = String.join("', '", targets.stream().map(t -> t.baseUri().getHost() + ":" + t.baseUri().getPort()).toList());
        int port = ExternalContainer.freePort();
        String down = "127.0.0.1:" + ExternalContainer.freePort(); // nothing listens there
        Path dir = ItConfig.freshWorkDir("prometheus");
        String script = block
                .replace("'the-scraper-password'", "'" + TestUsers.MONITOR.password() + "'")
                .replace("'localhost:8080'", "'" + hostPorts + "', '" + down + "'")
                .replace("for: 1m", "for: 2s")
                .replace("scrape_configs:", "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:")
                .replace("prometheus --config.file=prometheus.yml", "exec /usr/bin/prometheus --config.file=prometheus.yml"
                        + " --web.listen-address=127.0.0.1:" + port + " --storage.tsdb.path=data");
        assertTrue(!script.equals(block) && script.contains(hostPorts) && script.contains("/usr/bin/prometheus")
                && script.contains("for: 2s") && script.contains("evaluation_interval"),
                "the block no longer reads as this test expects:\n" + block);
        Files.writeString(dir.resolve("run.sh"), script);
        Process prometheus = new ProcessBuilder(Processes.tethered(List.of("bash", "-euo", "pipefail", "run.sh"))).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try {
            Processes.awaitListening(prometheus, port, Duration.ofSeconds(60), () -> read(dir.resolve("prometheus.log")));
            URI api = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query=");
            Map<String, Double> logins = new HashMap<>();
            Await.within(Duration.ofSeconds(60), () -> {
                logins.clear();
                logins.putAll(query(api, "secure_rest_api_logins_total{outcome=\"succeeded\"}"));
                return logins.size() == targets.size() && logins.values().stream().allMatch(v -> v > 0);
            }, () -> "Prometheus read " + logins + "\n" + read(dir.resolve("prometheus.log")));
            Map<String, Double> up = new HashMap<>();
            Await.within(Duration.ofSeconds(30), () -> {
                up.clear();
                up.putAll(query(api, "up{job=\"secure-rest-api\"}"));
                return up.size() == targets.size() + 1;
            }, () -> "every target tried: " + up);
            up.forEach((instance, v) -> assertEquals(instance.equals(down) ? 0.0 : 1.0, v, "every container scraped: " + up));
            assertEquals(targets.size(), query(api, "http_server_requests_seconds_count{uri=\"/api/v1/private\",status=\"200\"}").size(),
                    "requests by route from both");
            URI base = URI.create("http://127.0.0.1:" + port + "/api/v1/");
            JsonNode[] rules = new JsonNode[1];
            Await.within(Duration.ofSeconds(60), () -> {
                rules[0] = get(base.resolve("rules")).path("data").path("groups").path(0).path("rules");
                return rules[0].size() == 4 && java.util.stream.StreamSupport.stream(rules[0].spliterator(), false)
                        .allMatch(rule -> rule.path("health").asText().equals("ok"));
            }, () -> "the alerting rules did not load and run: " + rules[0] + "\n" + read(dir.resolve("prometheus.log")));
            for (JsonNode rule : rules[0]) {
                if (!rule.path("name").asText().equals("SecureRestApiDown")) {
                    // the measure each alert compares: a misspelt metric or label would measure nothing
                    String measure = rule.path("query").asText().replaceFirst("\\s*>\\s*[0-9.]+$", "");
                    Await.within(Duration.ofSeconds(30), () -> query(api, measure).size() == targets.size(), // increase: two scrapes
                            () -> rule.path("name").asText() + " measures both: " + measure + ", " + query(api, measure));
                }
            }
            Await.within(Duration.ofSeconds(60), () -> firing(base).contains("SecureRestApiDown " + down),
                    () -> "the alerts firing: " + firing(base));
            assertEquals(1, firing(base).stream().filter(alert -> alert.startsWith("SecureRestApiDown ")).count(),
                    "down alone where nothing answers: " + firing(base));
        } finally {
            Processes.stop(prometheus);
        }
    }

    /** The alerts firing, as "name instance". */
    private static List<String> firing(URI base) {
        List<String> alerts = new java.util.ArrayList<>();
        for (JsonNode alert : get(base.resolve("alerts")).path("data").path("alerts")) {
            if (alert.path("state").asText().equals("firing")) {
                alerts.add(alert.path("labels").path("alertname").asText() + " " + alert.path("labels").path("instance").asText());
            }
        }
        return alerts;
    }

    private static JsonNode get(URI uri) {
        try {
            return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
            return JSON.missingNode();
        }
    }

    /** The instant vector of {@code expression}: value by the target's instance label. */
    private static Map<String, Double> query(URI api, String expression) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(api + URLEncoder.encode(expression, StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, Double> values = new HashMap<>();
            for (JsonNode sample : JSON.readTree(response.body()).path("data").path("result")) {
                values.merge(sample.path("metric").path("instance").asText(), sample.path("value").get(1).asDouble(), Double::sum);
            }
            return values;
        } catch (Exception e) {
            return Map.of();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
