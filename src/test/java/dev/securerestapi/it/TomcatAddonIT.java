package dev.securerestapi.it;

import static dev.securerestapi.it.support.ProblemAssert.assertChallenged;
import static dev.securerestapi.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.ExternalContainer;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.StockContainers;
import dev.securerestapi.it.support.TestUsers.User;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * The Tomcat add-on is an optimisation, never a condition: README's Tomcat has it in use, and
 * the WAR dropped alone into a stock Tomcat authenticates exactly as strictly, only slower.
 */
class TomcatAddonIT {

    private static final String IN_USE = "verified-credential cache in use";

    @Test
    void readmesTomcatUsesTheAddOn() {
        ExternalContainer tomcat = (ExternalContainer) Containers.tomcat();
        assertEquals(200, new Http(tomcat).get("api/v1/private", TestUsers.ADMIN).statusCode());
        assertTrue(tomcat.log().contains(IN_USE), "the add-on says it is in use");
    }

    @Test
    void warAloneAuthenticatesJustAsStrictly() {
        ExternalContainer tomcat = StockContainers.tomcat("tomcat-war-alone", StockContainers.WITHOUT_ADDON, "");
        try {
            Http http = new Http(tomcat);
            assertEquals(200, http.get("api/v1/private", TestUsers.ADMIN).statusCode());
            assertEquals(200, http.get("api/v1/me", TestUsers.UTF8).statusCode());
            assertChallenged(http.get("api/v1/private", new User(TestUsers.DAVE.name(), "dave-pass-", List.of())));
            assertChallenged(http.get("api/v1/private", new User(TestUsers.LEGACY, TestUsers.LEGACY_STORED, List.of())));
            assertProblem(403, http.get("api/v1/private", TestUsers.NOBODY));
            assertFalse(tomcat.log().contains(IN_USE), "stock Tomcat's own handler did the checking");

            // without the add-on's authenticator, Tomcat's LockOutRealm locks a name in any case,
            // and a locked name gets the plain challenge rather than 429
            for (String name : new String[] {"erin", "Erin", "ERIN", "eRin", "erIN"}) {
                assertChallenged(http.get("api/v1/private", new User(name, "wrong", List.of())));
            }
            assertChallenged(http.get("api/v1/private", TestUsers.ERIN));
            assertEquals(200, http.get("api/v1/private", TestUsers.ROY).statusCode());
        } finally {
            tomcat.stop();
        }
    }
}
