package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.DocBlocks;
import dev.securerestapi.it.support.ExternalContainer;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.ProblemAssert;
import dev.securerestapi.it.support.RawHttp;
import dev.securerestapi.it.support.StockContainers;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The production switch on the stock distributions, set up by README's "HTTPS on Tomcat" and
 * "HTTPS on Jetty" blocks (with a free port for 8443): plain HTTP is redirected to HTTPS before any
 * password is asked for, except the health check; HTTPS is served with Strict-Transport-Security.
 * The client trusts the build's development certificate and nothing else.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("containers")
class HttpsOnlyIT {

    record Https(ExternalContainer container, int httpsPort) {
        @Override
        public String toString() {
            return container.name();
        }
    }

    /** 127.0.0.9 stands for a load balancer that ends TLS and says so in X-Forwarded-Proto. */
    private static final String BALANCER = "127.0.0.9";
    private static final String BEHIND_A_PROXY = StockContainers.systemProperties(java.util.Map.of(
            "secure-rest-api.trusted-proxies", "127.0.0.8," + BALANCER));

    private static final Supplier<Https> TOMCAT = Containers.memoize(() -> {
        int port = ExternalContainer.freePort();
        String steps = DocBlocks.block("tomcat-https").replace("8443", Integer.toString(port))
                .replace("port=\"" + port + "\"", "port=\"" + port + "\" address=\"127.0.0.1\"");
        return new Https(StockContainers.tomcat("tomcat-https", steps, BEHIND_A_PROXY), port);
    });
    private static final Supplier<Https> JETTY = Containers.memoize(() -> {
        int port = ExternalContainer.freePort();
        String steps = DocBlocks.block("jetty-https").replace("8443", Integer.toString(port))
                .replace("jetty.ssl.port=" + port, "jetty.ssl.port=" + port + "\njetty.ssl.host=127.0.0.1");
        return new Https(StockContainers.jetty("jetty-https", steps, BEHIND_A_PROXY), port);
    });

    static Stream<Https> containers() {
        return Stream.of(TOMCAT, JETTY).map(Supplier::get);
    }

    @Parameter
    Https server;

    private static final HttpClient TRUSTING_THE_DEV_CERTIFICATE = HttpClient.newBuilder()
            .sslContext(dev.securerestapi.it.support.DevTls.context()).connectTimeout(Duration.ofSeconds(10)).build();

    private URI https(String path) {
        return URI.create("https://127.0.0.1:" + server.httpsPort() + "/" + path);
    }

    /** The public URL the deploy steps configure, with this test's port for 8443. */
    private String publicUrl(String path) {
        return "https://localhost:" + server.httpsPort() + "/" + path;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return TRUSTING_THE_DEV_CERTIFICATE.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void plainHttpIsRedirectedToHttpsBeforeAnyPasswordIsAskedFor() {
        Http http = new Http(server.container());
        for (String path : new String[] {"api/v1/private", "", "api/v1/subscribers?limit=5", "no/such/path"}) {
            HttpResponse<String> response = http.get(path);
            assertEquals(308, response.statusCode(), path + ": " + response.body());
            assertEquals(publicUrl(path), response.headers().firstValue("Location").orElse(""), path);
            assertTrue(response.headers().firstValue("WWW-Authenticate").isEmpty(), "no password asked for over HTTP");
        }
        assertEquals(308, http.method("DELETE", "api/v1/subscribers/1", TestUsers.ADMIN).statusCode());
    }

    @Test
    void theRedirectGoesToThePublicUrlWhateverTheHostAndIsNotCached() {
        RawHttp.Response response = RawHttp.exchange(server.container(),
                "GET /api/v1/private?x=1 HTTP/1.1\r\nHost: evil.example", "");
        assertEquals(308, response.status(), response.body());
        assertEquals(publicUrl("api/v1/private?x=1"), response.header("Location"));
        assertEquals("no-store", response.header("Cache-Control"));
    }

    @Test
    void behindABalancerThatEndsTlsItsForwardedProtoMakesTheRequestSecureAndNobodyElses() {
        String fromTls = "X-Forwarded-Proto: https\r\nX-Forwarded-For: 198.51.100.40\r\n";
        RawHttp.Response served = RawHttp.getFrom(BALANCER, server.container(), "api/v1/private",
                Http.basic(TestUsers.ADMIN).getBytes(StandardCharsets.ISO_8859_1), fromTls);
        assertEquals(200, served.status(), "no redirect for what the balancer received over HTTPS: " + served);
        assertEquals("{\"meaning_of_life\":42}", served.body());
        assertEquals("max-age=31536000", served.header("Strict-Transport-Security"));
        RawHttp.Response challenged = RawHttp.getFrom(BALANCER, server.container(), "api/v1/private",
                Http.basic("https-visitor", "not-a-password").getBytes(StandardCharsets.ISO_8859_1), fromTls);
        assertEquals(401, challenged.status(), challenged::toString);
        assertEquals("max-age=31536000", challenged.header("Strict-Transport-Security"));

        // anyone else saying so, or the balancer saying http, or saying it in the header it does not write, gets the redirect
        for (String[] attempt : new String[][] {{"127.0.0.10", fromTls}, {BALANCER, "X-Forwarded-Proto: http\r\n"},
                {BALANCER, "Forwarded: for=198.51.100.40;proto=https\r\n"}, {BALANCER, ""},
                {BALANCER, "X-Forwarded-Proto: https, http\r\n"}}) {
            RawHttp.Response response = RawHttp.getFrom(attempt[0], server.container(), "api/v1/private",
                    Http.basic(TestUsers.ADMIN).getBytes(StandardCharsets.ISO_8859_1), attempt[1]);
            assertEquals(308, response.status(), attempt[0] + " " + attempt[1] + ": " + response);
            assertEquals(publicUrl("api/v1/private"), response.header("Location"));
            assertEquals(null, response.header("Strict-Transport-Security"), "no HSTS over plain HTTP");
        }
    }

    @Test
    void theHealthCheckStaysOnPlainHttp() {
        HttpResponse<String> response = new Http(server.container()).get("api/v1/health");
        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"UP\"}", response.body());
    }

    @Test
    void httpsServesWithStrictTransportSecurity() {
        HttpResponse<String> served = send(HttpRequest.newBuilder(https("api/v1/private"))
                .header("Authorization", Http.basic(TestUsers.ADMIN)).build());
        assertEquals(200, served.statusCode());
        assertEquals("{\"meaning_of_life\":42}", served.body());
        assertEquals("max-age=31536000", served.headers().firstValue("Strict-Transport-Security").orElse(""));
        assertEquals("no-store", served.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("nosniff", served.headers().firstValue("X-Content-Type-Options").orElse(""));

        HttpResponse<String> challenged = send(HttpRequest.newBuilder(https("api/v1/private")).build());
        assertEquals(401, challenged.statusCode());
        ProblemAssert.assertChallengeHeader(challenged.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals("max-age=31536000", challenged.headers().firstValue("Strict-Transport-Security").orElse(""));
    }
}
