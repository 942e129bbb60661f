package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.securerestapi.it.support.Await;
import dev.securerestapi.it.support.ExternalContainer;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.StockContainers;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Settings given as environment variables ({@code SECURE_REST_API_...}) on stock Tomcat and stock
 * Jetty, set up by the deploy guides: a valid one takes effect; an invalid one stops the web
 * application, and the log names the setting, the variable and the problem.
 */
@Execution(ExecutionMode.CONCURRENT) // mostly waits for containers of its own to start (or refuse to): beside the suites that run one after another
class SettingsFromTheEnvironmentIT {

    private static final String INVALID = "export SECURE_REST_API_LOCKOUT_USER_FAILURES=five\n";
    private static final String MESSAGE = "Invalid setting secure-rest-api.lockout.user.failures=five "
            + "(environment variable SECURE_REST_API_LOCKOUT_USER_FAILURES): not a positive whole number";

    @Test
    void anInvalidSettingStopsTomcatNamingIt() {
        assertStopsStartUp(StockContainers.tomcat("tomcat-invalid-setting", INVALID, ""));
    }

    /**
     * The WAR alone in Tomcat reads the production switch from the environment like every other
     * setting (before the login core, context.xml's redirect read system properties only, and the
     * WAR refused to start rather than serve passwords over plain HTTP).
     */
    @Test
    void tomcatTakesTheHttpsSwitchFromTheEnvironment() {
        ExternalContainer tomcat = StockContainers.tomcat("tomcat-https-from-environment",
                "export SECURE_REST_API_HTTPS_ONLY=true\nexport SECURE_REST_API_PUBLIC_URL=https://api.example.test\n", "");
        try {
            Http http = new Http(tomcat);
            awaitHealthy(http, tomcat);
            HttpResponse<String> plain = http.get("api/v1/private?x=1", TestUsers.ADMIN);
            assertEquals(308, plain.statusCode(), plain::body);
            assertEquals("https://api.example.test/api/v1/private?x=1", plain.headers().firstValue("Location").orElse(""));
            assertEquals("no-store", plain.headers().firstValue("Cache-Control").orElse(""));
        } finally {
            tomcat.stop();
        }
    }

    /**
     * Behind a balancer that ends TLS, a CIDR block of trusted proxies: their X-Forwarded-Proto
     * https is believed, so their requests are served, not redirected again for ever; a request
     * that does not say so is still redirected. (Before, the WAR alone could not express a block.)
     */
    @Test
    void tomcatBelievesTheForwardedProtoOfATrustedProxyBlock() {
        ExternalContainer tomcat = StockContainers.tomcat("tomcat-proxy-block", "", StockContainers.systemProperties(
                java.util.Map.of("secure-rest-api.https-only", "true", "secure-rest-api.public-url", "https://api.example.test",
                        "secure-rest-api.trusted-proxies", "127.0.0.0/8")));
        try {
            Http http = new Http(tomcat);
            awaitHealthy(http, tomcat);
            HttpResponse<String> forwarded = http.send(http.request("api/v1/private").header("Authorization", Http.basic(TestUsers.ADMIN))
                    .header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "198.51.100.7"));
            assertEquals(200, forwarded.statusCode(), forwarded::body);
            assertEquals(308, http.get("api/v1/private", TestUsers.ADMIN).statusCode());
        } finally {
            tomcat.stop();
        }
    }

    @Test
    void anInvalidSettingStopsJettyNamingIt() {
        assertStopsStartUp(StockContainers.jetty("jetty-invalid-setting", INVALID, ""));
    }

    @Test
    void tomcatReadsTheLockoutFromTheEnvironment() {
        ExternalContainer tomcat = StockContainers.tomcat("tomcat-settings-from-environment", "export SECURE_REST_API_LOCKOUT_USER_FAILURES=2\n", "");
        try {
            assertLockedAfterTwoFailures(tomcat);
        } finally {
            tomcat.stop();
        }
    }

    @Test
    void jettyReadsTheLockoutFromTheEnvironment() {
        ExternalContainer jetty = StockContainers.jetty("jetty-settings-from-environment", "export SECURE_REST_API_LOCKOUT_USER_FAILURES=2\n", "");
        try {
            assertLockedAfterTwoFailures(jetty);
        } finally {
            jetty.stop();
        }
    }

    private static void assertLockedAfterTwoFailures(ExternalContainer container) {
        Http http = new Http(container);
        awaitHealthy(http, container);
        TestUsers.User wrong = new TestUsers.User(TestUsers.CAROL.name(), "not-" + TestUsers.CAROL.password(), List.of());
        assertEquals(401, http.get("api/v1/private", wrong).statusCode());
        assertEquals(401, http.get("api/v1/private", wrong).statusCode());
        assertEquals(429, http.get("api/v1/private", TestUsers.CAROL).statusCode(), "locked after the environment's 2 failures:\n" + container.log());
        assertEquals(200, http.get("api/v1/private", TestUsers.ADMIN).statusCode(), "only carol is locked");
    }

    private static void awaitHealthy(Http http, ExternalContainer container) {
        Await.within(Duration.ofSeconds(60), () -> http.get("api/v1/health").statusCode() == 200, container::log);
    }

    private static void assertStopsStartUp(ExternalContainer container) {
        try {
            Await.within(Duration.ofSeconds(60), () -> container.log().contains(MESSAGE), () -> "no message naming the setting:\n" + container.log());
            Http http = new Http(container);
            assertNotEquals(200, http.get("api/v1/health").statusCode(), "the application must not serve");
            assertNotEquals(200, http.get("api/v1/private", TestUsers.ADMIN).statusCode());
        } finally {
            container.stop();
        }
    }
}
