package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.OnEach;
import dev.securerestapi.it.support.ProblemAssert;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * Nothing a client sends grows {@code /metrics}: every label a request feeds has a fixed set of
 * values. On stock Tomcat and stock Jetty at once (the rule is the WAR's, and the container's own
 * answers are counted through the same error page on every deployment; MetricsIT checks the
 * labels everywhere).
 */
class MetricsAreBoundedIT {

    private static String scrape(Container container) {
        HttpResponse<String> response = new Http(container).get("metrics", TestUsers.MONITOR);
        assertEquals(200, response.statusCode(), response::body);
        return response.body();
    }

    /** The request-fed series: requests by route, method and status, and the container's own errors. */
    private static List<String> requestSeries(String scrape) {
        return scrape.lines().filter(l -> l.startsWith("http_server_requests_") || l.startsWith("secure_rest_api_container_errors"))
                .map(l -> l.substring(0, l.lastIndexOf(' '))).sorted().toList();
    }

    @Test
    void aThousandInventedMethodsAndPathsWithoutCredentialsAddNoSeriesAndLeaveNoTrace() throws Exception {
        OnEach.container(Stream.of(Containers.tomcat(), Containers.jetty()), MetricsAreBoundedIT::aThousandInventedMethodsAndPathsOn);
    }

    private static void aThousandInventedMethodsAndPathsOn(Container container) {
        Http http = new Http(container);
        List<String> paths = List.of("api/v1/health", "api/v1/private", "nothing-here");
        // each kind of answer once before counting: the folded method's series may be new then
        for (String path : paths) {
            http.method("WARMUP", path, null);
        }
        scrape(container); // the scrape's own series
        String before = scrape(container);
        for (int i = 0; i < 1_000; i++) {
            String method = "XYZZY" + i + "Q".repeat(i % 7 * 40);
            String path = switch (i % 3) {
                case 0 -> paths.get(0);
                case 1 -> paths.get(1);
                default -> "invented-" + i + "/XYZZY";
            };
            HttpResponse<String> response = http.method(method, path, null);
            assertTrue(List.of(401, 404, 405, 501).contains(response.statusCode()), () -> method + " " + path + ": " + response.statusCode());
            ProblemAssert.assertProblemBody(response.statusCode(), response.body());
        }
        String after = scrape(container);
        List<String> added = requestSeries(after).stream().filter(series -> !requestSeries(before).contains(series)).toList();
        assertEquals(List.of(), added, "series added by the invented methods and paths");
        assertEquals(requestSeries(before).size(), requestSeries(after).size());
        assertFalse(after.contains("XYZZY") || after.contains("invented-"), "no label holds an invented method or path");
        assertTrue(after.contains("method=\"OTHER\""), "unknown methods are counted, as OTHER");
        assertFalse(container.log().contains("XYZZY"), "no log line names an invented method or path");
    }
}
