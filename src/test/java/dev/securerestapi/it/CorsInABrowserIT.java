package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import dev.securerestapi.it.support.Browser;
import dev.securerestapi.it.support.EmbeddedJetty;
import dev.securerestapi.it.support.ItConfig;
import dev.securerestapi.it.support.StockContainers;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Headless Chromium obeys the API's CORS answers: a page served from a second origin, the one
 * the WAR allows, calls the API with {@code fetch} and credentials and reads the meaning of life
 * (the browser sends the preflight without credentials first); the same page from an origin the
 * WAR does not allow cannot read it. Both pages come from one small server on 127.0.0.1, reached
 * as {@code 127.0.0.1} (allowed) and as {@code localhost} (not), so the origin is the only
 * difference. Screenshots under target/browser-screenshots/cors.
 */
class CorsInABrowserIT {

    private static final Browser BROWSER = new Browser(null);
    private static HttpServer pages;
    private static EmbeddedJetty api;
    private static int pagePort;

    @BeforeAll
    static void start() throws IOException {
        pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pagePort = pages.getAddress().getPort();
        pages.createContext("/page.html", exchange -> {
            byte[] page = page().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        pages.start();
        Map<String, String> settings = new HashMap<>(StockContainers.SHARED_SETTINGS);
        settings.put("secure-rest-api.cors.allowed-origins", "http://127.0.0.1:" + pagePort);
        api = EmbeddedJetty.start("embedded-jetty-cors", settings);
    }

    @AfterAll
    static void stop() {
        if (pages != null) {
            pages.stop(0);
        }
        BROWSER.close();
    }

    /**
     * The page's own script, with the admin's credentials: add a subscriber (a JSON POST, so the
     * browser asks first in a preflight) and read its ETag, which only an exposed header lets a
     * script see; then GET the private resource. It writes what it got, or the error fetch gave.
     */
    private static String page() {
        String credentials = Base64.getEncoder().encodeToString(
                (TestUsers.ADMIN.name() + ":" + TestUsers.ADMIN.password()).getBytes(StandardCharsets.UTF_8));
        String apiBase = api.baseUri().toString();
        return """
                <!doctype html>
                <html><head><title>a page on another origin</title></head><body>
                <pre id="result"></pre>
                <script>
                const api = '%s';
                const auth = {Authorization: 'Basic %s'};
                (async () => {
                  try {
                    const created = await fetch(api + 'api/v1/subscribers', {method: 'POST', credentials: 'include',
                      headers: {...auth, 'Content-Type': 'application/json'},
                      body: JSON.stringify({name: 'From a page', email: 'page-' + Date.now() + '@example.org'})});
                    const answer = await fetch(api + 'api/v1/private', {credentials: 'include', headers: auth});
                    const body = await answer.text();
                    document.getElementById('result').textContent =
                      'created ' + created.status + ' etag ' + created.headers.get('ETag') + ' | read ' + answer.status + ' ' + body;
                  } catch (e) {
                    document.getElementById('result').textContent = 'refused ' + e.name + ': ' + e.message;
                  }
                })();
                </script>
                </body></html>
                """.formatted(apiBase, credentials);
    }

    private static Path shot(String name) {
        return ItConfig.war().resolveSibling("browser-screenshots").resolve("cors").resolve(name);
    }

    @Test
    void aPageFromTheAllowedOriginReadsTheMeaningOfLifeWithCredentials() {
        String result = BROWSER.result(URI.create("http://127.0.0.1:" + pagePort + "/page.html"), shot("allowed.png"));
        assertTrue(result.matches("created 201 etag \"\\d+\" \\| read 200 \\{\"meaning_of_life\":42\\}"), result);
    }

    @Test
    void aPageFromAnotherOriginCannotReadIt() {
        long before = subscribers();
        String result = BROWSER.result(URI.create("http://localhost:" + pagePort + "/page.html"), shot("not-allowed.png"));
        assertTrue(result.startsWith("refused TypeError"), result);
        assertFalse(result.contains("42"), result);
        assertEquals(before, subscribers(), "the browser never sent the POST its preflight was refused for");
    }

    private static long subscribers() {
        var response = new dev.securerestapi.it.support.Http(api).get("api/v1/subscribers?limit=1", TestUsers.ROY);
        assertEquals(200, response.statusCode(), response::body);
        return dev.securerestapi.it.support.ProblemAssert.json(response.body()).path("total").asLong();
    }
}
