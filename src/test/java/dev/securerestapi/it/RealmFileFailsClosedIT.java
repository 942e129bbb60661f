package dev.securerestapi.it;

import static dev.securerestapi.it.support.ProblemAssert.assertChallenged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.securerestapi.it.support.ExternalContainer;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.StockContainers;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The stock distributions with the users file missing, malformed or moved: without a readable
 * realm nothing protected is ever served, and the system properties that move the file work.
 */
@Execution(ExecutionMode.CONCURRENT) // mostly waits for containers of its own to start (or refuse to): beside the suites that run one after another
class RealmFileFailsClosedIT {

    private static final String TOMCAT_USERS = "\"$CATALINA_HOME\"/conf/secure-rest-api-users.xml";
    private static final String JETTY_REALM = "\"$JETTY_BASE\"/etc/secure-rest-api-realm.properties";

    private static void with(Supplier<ExternalContainer> start, Consumer<ExternalContainer> check) {
        ExternalContainer container = start.get();
        try {
            check.accept(container);
        } finally {
            container.stop();
        }
    }

    @Test
    void tomcatWithoutItsUsersFileRefusesEveryLoginAndNamesTheFile() {
        with(() -> StockContainers.tomcat("tomcat-users-missing", "rm " + TOMCAT_USERS, ""), tomcat -> {
            Http http = new Http(tomcat);
            assertChallenged(http.get("api/v1/private", TestUsers.ADMIN));
            assertChallenged(http.get("api/v1/me", TestUsers.ROY));
            assertEquals(200, http.get("api/v1/health").statusCode(), "the public health check still answers");
            String log = tomcat.log();
            assertTrue(log.contains("secure-rest-api-users.xml: no such file"), "log names the file and why:\n" + log);
        });
    }

    @Test
    void tomcatWithAMalformedUsersFileRefusesEveryLoginAndSaysWhy() {
        String corrupt = "printf '<tomcat-users>\\n  <user username=\"admin\" password=\"x\"\\n' > " + TOMCAT_USERS;
        with(() -> StockContainers.tomcat("tomcat-users-malformed", corrupt, ""), tomcat -> {
            Http http = new Http(tomcat);
            assertChallenged(http.get("api/v1/private", TestUsers.ADMIN));
            assertChallenged(http.get("api/v1/private", TestUsers.ROY));
            String log = tomcat.log();
            assertTrue(log.matches("(?s).*secure-rest-api-users.xml line [0-9]+: not well-formed XML .*every protected request gets 401.*"),
                    "log names the file and why:\n" + log);
        });
    }

    @Test
    void tomcatReadsTheUsersFileNamedBySystemProperty() {
        String moved = "$CATALINA_HOME/conf/elsewhere-users.xml";
        // and left readable by every account: it is served, and the log says what that exposes
        with(() -> StockContainers.tomcat("tomcat-users-moved", "mv " + TOMCAT_USERS + " \"" + moved + "\"\nchmod 644 \"" + moved + "\"",
                // quoted for catalina.sh, which evaluates CATALINA_OPTS: the checkout's path may hold a space
                "-Dsecure-rest-api.users=\\\"" + moved + "\\\""), tomcat -> {
            HttpResponse<String> response = new Http(tomcat).get("api/v1/private", TestUsers.ADMIN);
            assertEquals(200, response.statusCode(), response::body);
            assertTrue(tomcat.log().contains("elsewhere-users.xml is readable by every account on this machine (mode rw-r--r--)"),
                    tomcat::log);
        });
    }

    @Test
    void jettyWithoutItsRealmFileServesNothing() {
        with(() -> StockContainers.jetty("jetty-realm-missing", "rm " + JETTY_REALM, ""), jetty -> {
            Http http = new Http(jetty);
            for (String path : ApiContractIT.PROTECTED) {
                int status = http.get(path, TestUsers.ADMIN).statusCode();
                assertTrue(status == 401 || status == 503, path + " answered " + status);
            }
        });
    }

    @Test
    void jettyReadsTheRealmFileNamedBySystemProperty() {
        String moved = "$JETTY_BASE/etc/elsewhere-realm.properties";
        with(() -> StockContainers.jetty("jetty-realm-moved", "mv " + JETTY_REALM + " \"" + moved + "\"\nchmod 644 \"" + moved + "\"",
                "\"-Dsecure-rest-api.realm=" + moved + "\""), jetty -> {
            HttpResponse<String> response = new Http(jetty).get("api/v1/private", TestUsers.ADMIN);
            assertEquals(200, response.statusCode(), response::body);
            assertTrue(jetty.log().contains("elsewhere-realm.properties is readable by every account on this machine (mode rw-r--r--)"),
                    jetty::log);
        });
    }
}
