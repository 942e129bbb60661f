package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.ProblemAssert;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /metrics} on every container and the WAR alone in Tomcat: only role monitor reads it,
 * and a monitor reads nothing else; it counts requests by route template, logins by outcome,
 * the realm, the database and the JVM, and no label holds a user name or a raw path.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.securerestapi.it.support.Containers#all")
class MetricsIT {

    @Parameter
    Container container;

    private String scrape() {
        HttpResponse<String> response = new Http(container).get("metrics", TestUsers.MONITOR);
        assertEquals(200, response.statusCode(), response::body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), response.headers().toString());
        return response.body();
    }

    /** The value of the one sample {@code series} (name and labels, exactly as Prometheus's text format writes them). */
    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertTrue(m.find(), () -> "no " + series + " in\n" + scrape);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void onlyAMonitorReadsTheMetricsAndAMonitorReadsNothingElse() {
        Http http = new Http(container);
        ProblemAssert.assertChallenged(http.get("metrics"));
        assertEquals(403, http.get("metrics", TestUsers.ADMIN).statusCode(), "an admin is not a monitor");
        assertEquals(403, http.get("metrics", TestUsers.ROY).statusCode());
        assertEquals(403, http.get("api/v1/private", TestUsers.MONITOR).statusCode(), "a monitor reads metrics only");
        assertEquals(403, http.get("api/v1/subscribers", TestUsers.MONITOR).statusCode());
        assertEquals(403, http.method("DELETE", "metrics", TestUsers.ADMIN).statusCode());
        assertEquals(200, http.get("metrics", TestUsers.MONITOR).statusCode());
    }

    @Test
    void requestsAreCountedByRouteTemplateMethodAndStatusWithAHistogram() {
        Http http = new Http(container);
        assertEquals(200, http.get("api/v1/private", TestUsers.ADMIN).statusCode());
        http.get("api/v1/subscribers/987654321", TestUsers.ADMIN);
        assertEquals(401, http.get("api/v1/private").statusCode(), "answered by the container, through web.xml's error page");
        String scrape = scrape();
        assertTrue(value(scrape, "http_server_requests_seconds_count{exception=\"None\",method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/private\"}") >= 1);
        assertTrue(scrape.contains("http_server_requests_seconds_bucket{exception=\"None\",method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/private\",le="),
                "a latency histogram");
        assertTrue(scrape.contains("uri=\"/api/v1/subscribers/{id}\""), "the route's template");
        assertFalse(scrape.contains("987654321"), "never the raw path");
        for (TestUsers.User user : List.of(TestUsers.ADMIN, TestUsers.ROY, TestUsers.CAROL, TestUsers.MONITOR)) {
            assertFalse(Pattern.compile("\\{[^}]*\"" + user.name() + "\"").matcher(scrape).find(), "no label holds a user name: " + user);
        }
        assertTrue(value(scrape, "secure_rest_api_container_errors_total{status=\"401\"}") >= 1);
    }

    @Test
    void loginsAreCountedByOutcome() {
        Http http = new Http(container);
        String before = scrape();
        assertEquals(401, http.get("api/v1/private", new TestUsers.User(TestUsers.DAVE.name(), "not-dave", List.of())).statusCode());
        assertEquals(200, http.get("api/v1/private", TestUsers.DAVE).statusCode());
        assertEquals(401, http.send(http.request("api/v1/private").header("Authorization", "Basic !!!").GET()).statusCode());
        assertEquals(401, http.get("api/v1/private", new TestUsers.User("nobody-by-that-name", "x", List.of())).statusCode());
        String after = scrape();
        assertTrue(delta(before, after, "succeeded") >= 1, () -> "before:\n" + logins(before) + "after:\n" + logins(after));
        assertTrue(delta(before, after, "malformed") >= 1, () -> "before:\n" + logins(before) + "after:\n" + logins(after));
        assertTrue(delta(before, after, "unknown_name") >= 1, () -> "before:\n" + logins(before) + "after:\n" + logins(after));
        assertTrue(delta(before, after, "wrong_password") >= 1, () -> logins(before) + logins(after));
        assertTrue(value(after, "secure_rest_api_realm_reloads_total{result=\"applied\"}") >= 1, "the realm was read");
        assertTrue(value(after, "secure_rest_api_realm_users") >= TestUsers.TEST_ONLY.size());
        double age = value(after, "secure_rest_api_realm_users_age_seconds");
        assertTrue(age >= 0 && age < 24 * 3600, "the age of the users in force: " + age);
        assertTrue(value(after, "secure_rest_api_login_cache_lookups_total{result=\"hit\"}") >= 1, "verified logins hit the cache");
        assertTrue(value(after, "secure_rest_api_login_cache_size") >= 1);
        // dave's failure stays counted for his name and this address (only the pair is reset by his success)
        assertTrue(value(after, "secure_rest_api_throttle_tracked{kind=\"name\"}") >= 1);
        assertTrue(value(after, "secure_rest_api_throttle_tracked{kind=\"address\"}") >= 1);
        assertTrue(value(after, "secure_rest_api_throttle_locked") >= 0);
    }

    @Test
    void theDatabaseAndTheJvmAreMeasured() {
        new Http(container).get("api/v1/subscribers/1", TestUsers.ROY);
        String scrape = scrape();
        assertTrue(value(scrape, "secure_rest_api_db_queries_seconds_count{operation=\"find\"}") >= 1);
        assertTrue(value(scrape, "secure_rest_api_db_connections_active") >= 0);
        assertTrue(value(scrape, "secure_rest_api_db_connection_wait_seconds_count") >= 1);
        assertTrue(scrape.contains("jvm_memory_used_bytes{"), "the JVM's own");
        assertTrue(scrape.contains("jvm_gc_"), "the JVM's own");
    }

    private static String logins(String scrape) {
        return scrape.lines().filter(l -> l.startsWith("secure_rest_api_logins_total")).map(l -> l + "\n").reduce("", String::concat);
    }

    private static double delta(String before, String after, String outcome) {
        String series = "secure_rest_api_logins_total{outcome=\"" + outcome + "\"}";
        return value(after, series) - value(before, series);
    }
}
