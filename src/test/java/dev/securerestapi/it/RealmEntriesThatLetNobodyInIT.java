package dev.securerestapi.it;

import static dev.securerestapi.it.support.ProblemAssert.assertChallenged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import dev.securerestapi.it.support.Await;
import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.TestUsers;
import dev.securerestapi.it.support.TestUsers.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One rule for a realm entry on every container, with the Tomcat add-on and without it: a hash
 * below the policy's strength never authenticates, a stored name not in its RFC 8265 form lets
 * nobody in, and an incoming name is compared exactly with the stored ones, so no look-alike
 * spelling of a user's name logs in as that user. The log names each refused entry, never its hash.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.securerestapi.it.support.Containers#all")
class RealmEntriesThatLetNobodyInIT {

    @Parameter
    Container container;

    @Test
    void anEntryBelowThePolicysIterationsNeverLogsIn() {
        assertChallenged(new Http(container).get("api/v1/private", TestUsers.WEAK));
        assertLogged("the entry for user 'weak' is not an Argon2id hash");
        assertLogged("or a PBKDF2-HMAC-SHA256 hash (salt$iterations$hash) of at least 600000 iterations (or one the users command imported");
    }

    @Test
    void anEntryUnderANameNotInItsRfc8265FormLetsNobodyIn() {
        Http http = new Http(container);
        assertChallenged(http.get("api/v1/private", TestUsers.UNNORMALIZED));
        assertChallenged(http.get("api/v1/private", new User("mallory", TestUsers.UNNORMALIZED.password(), List.of())));
        assertLogged("the user name 'Mallory' is not in the form RFC 8265");
    }

    @Test
    void noLookAlikeSpellingOfANameLogsInAsThatUser() {
        Http http = new Http(container);
        String password = TestUsers.CAROL.password();
        for (String spelling : new String[] {"Carol", "CAROL", "ＣＡＲＯＬ", "ｃａｒｏｌ", "carol\u200b"}) {
            assertChallenged(http.get("api/v1/private", new User(spelling, password, List.of())));
        }
        assertEquals(200, http.get("api/v1/private", TestUsers.CAROL).statusCode(), "carol herself still logs in");
    }

    private void assertLogged(String expected) {
        Await.within(java.time.Duration.ofSeconds(10), () -> container.log().contains(expected),
                () -> "the log does not say: " + expected);
        for (TestUsers.StoredEntry entry : TestUsers.STORED_AS_IS) {
            assertFalse(container.log().contains(entry.stored()), "the log shows the stored hash of " + entry.name());
        }
    }
}
