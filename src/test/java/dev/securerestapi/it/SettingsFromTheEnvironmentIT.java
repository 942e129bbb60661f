package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import dev.securerestapi.it.support.Await;
import dev.securerestapi.it.support.ExternalContainer;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.StockContainers;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * Settings given as environment variables ({@code SECURE_REST_API_...}) on stock Tomcat and stock
 * Jetty, set up by the deploy guides: a valid one takes effect, context.xml's own included (on
 * Tomcat with the add-on); an invalid one stops the web application, and the log names the
 * setting, the variable and the problem.
 */
class SettingsFromTheEnvironmentIT {

    private static final String INVALID = "export SECURE_REST_API_LOCKOUT_USER_FAILURES=five\n";
    private static final String MESSAGE = "Invalid setting secure-rest-api.lockout.user.failures=five "
            + "(environment variable SECURE_REST_API_LOCKOUT_USER_FAILURES): not a positive whole number";

    @Test
    void anInvalidSettingStopsTomcatWithTheAddonNamingIt() {
        assertStopsStartUp(StockContainers.tomcat("tomcat-invalid-setting", INVALID, ""));
    }

    @Test
    void anInvalidSettingStopsTheWarAloneInTomcatNamingIt() {
        assertStopsStartUp(StockContainers.tomcat("tomcat-war-alone-invalid-setting", StockContainers.WITHOUT_ADDON + "\n" + INVALID, ""));
    }

    /**
     * Without the add-on, context.xml's redirect reads system properties only: HTTPS switched on
     * in the environment alone would serve Basic credentials over plain HTTP. The WAR does not
     * start, and says what to set.
     */
    @Test
    void theWarAloneInTomcatRefusesToStartWithHttpsOnlyInTheEnvironmentOnly() {
        ExternalContainer tomcat = StockContainers.tomcat("tomcat-war-alone-https-from-environment", StockContainers.WITHOUT_ADDON
                + "\nexport SECURE_REST_API_HTTPS_ONLY=true\nexport SECURE_REST_API_PUBLIC_URL=https://api.example.test\n", "");
        try {
            Await.within(Duration.ofSeconds(60), () -> tomcat.log().contains("-Dsecure-rest-api.https-only=true"),
                    () -> "no message saying what to set:\n" + tomcat.log());
            Http http = new Http(tomcat);
            assertNotEquals(200, http.get("api/v1/health").statusCode(), "the application must not serve");
            assertNotEquals(200, http.get("api/v1/private", TestUsers.ADMIN).statusCode(), "no password over plain HTTP");
        } finally {
            tomcat.stop();
        }
    }

    /**
     * Without the add-on, WEB-INF/rewrite.config lets a TLS-ending proxy's requests through by its
     * exact address: a CIDR block there would have every request the proxy forwards redirected
     * again, for ever. The WAR does not start, and says what to set.
     */
    @Test
    void theWarAloneInTomcatRefusesToStartWithATrustedProxyBlockItsRewriteRulesCannotMatch() {
        ExternalContainer tomcat = StockContainers.tomcat("tomcat-war-alone-proxy-block", StockContainers.WITHOUT_ADDON, StockContainers.systemProperties(
                java.util.Map.of("secure-rest-api.https-only", "true", "secure-rest-api.public-url", "https://api.example.test",
                        "secure-rest-api.trusted-proxies", "10.0.0.0/8")));
        try {
            Await.within(Duration.ofSeconds(60), () -> tomcat.log().contains("lists a CIDR block"),
                    () -> "no message saying what to set:\n" + tomcat.log());
            assertNotEquals(200, new Http(tomcat).get("api/v1/health").statusCode(), "the application must not serve");
        } finally {
            tomcat.stop();
        }
    }

    @Test
    void anInvalidSettingStopsJettyNamingIt() {
        assertStopsStartUp(StockContainers.jetty("jetty-invalid-setting", INVALID, ""));
    }

    /**
     * Tomcat with the add-on, its class names given only in the environment (not in
     * catalina.properties): context.xml reads them through the add-on's property source, so the
     * add-on's authenticator runs and applies the lockout the environment gives, 429 after 2.
     */
    @Test
    void tomcatReadsEverySettingFromTheEnvironmentContextXmlsToo() {
        String steps = "sed -i '/^secure-rest-api\\./d' \"$CATALINA_HOME\"/conf/catalina.properties\n"
                + "export SECURE_REST_API_CREDENTIALHANDLER=dev.securerestapi.tomcat.CachingCredentialHandler\n"
                + "export SECURE_REST_API_AUTHENTICATOR=dev.securerestapi.tomcat.ThrottledBasicAuthenticator\n"
                + "export SECURE_REST_API_LOCKOUT_USER_FAILURES=2\n";
        ExternalContainer tomcat = StockContainers.tomcat("tomcat-settings-from-environment", steps, "");
        try {
            assertLockedAfterTwoFailures(tomcat);
            assertTrue(tomcat.log().contains("verified-credential cache in use"), "the add-on's credential handler, named by the environment");
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
