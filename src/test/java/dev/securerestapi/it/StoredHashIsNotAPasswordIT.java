package dev.securerestapi.it;

import static dev.securerestapi.it.support.ProblemAssert.assertChallenged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.ExternalContainer;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.TestUsers.User;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.ResourceAccessMode;

/**
 * Realms fail closed in every container: what is stored is never itself a password, and an entry
 * the realm cannot verify lets nobody in. Also: a verified password is not a pass for the next
 * wrong one.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.securerestapi.it.support.Containers#all")
@ResourceLock(value = Containers.REALM_FILES, mode = ResourceAccessMode.READ)
class StoredHashIsNotAPasswordIT {

    // a user name followed by a stored hash, in a properties line or a tomcat-users entry
    private static final Pattern ENTRY = Pattern.compile(
            "(?m)^\\s*(?:<user username=\"([^\"]+)\" password=\"|([A-Za-z0-9]+): )(" + TestUsers.STORED_HASH + ")");

    @Parameter
    Container container;

    private Map<String, String> storedHashes() throws IOException {
        String realm = Files.readString(container.realmFile(), StandardCharsets.UTF_8);
        Map<String, String> hashes = new LinkedHashMap<>();
        Matcher m = ENTRY.matcher(realm);
        while (m.find()) {
            hashes.put(m.group(1) != null ? m.group(1) : m.group(2), m.group(3));
        }
        return hashes;
    }

    @Test
    void realmHoldsOnlyStrongHashesForTheAccountsThatLogIn() throws IOException {
        Map<String, String> hashes = storedHashes();
        assertTrue(hashes.keySet().containsAll(List.of("admin", "roy")), hashes.keySet().toString());
        TestUsers.STORED_AS_IS.forEach(entry -> hashes.remove(entry.name())); // written as they stand, on purpose
        hashes.values().forEach(hash -> assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
                && dev.securerestapi.realm.hash.Argon2id.parse(hash).isPresent(), hash));
    }

    @Test
    void storedHashSentAsThePasswordIsRefused() throws IOException {
        Http http = new Http(container);
        for (Map.Entry<String, String> entry : storedHashes().entrySet()) {
            if (entry.getKey().equals(TestUsers.CAROL.name()) || entry.getKey().equals(TestUsers.DAVE.name())) {
                continue; // accounts with tests of their own; a lockout must not depend on this one
            }
            assertChallenged(http.get("api/v1/private", new User(entry.getKey(), entry.getValue(), List.of())));
        }
    }

    @Test
    void entryInAFormatTheRealmDoesNotAcceptLetsNobodyIn() {
        Http http = new Http(container);
        // the stored string itself (stock Jetty's trap), with and without its prefix
        assertChallenged(http.get("api/v1/private", new User(TestUsers.LEGACY, TestUsers.LEGACY_STORED, List.of())));
        assertChallenged(http.get("api/v1/private",
                new User(TestUsers.LEGACY, TestUsers.LEGACY_STORED.substring("SHA512:".length()), List.of())));
        if (container instanceof ExternalContainer external) {
            assertTrue(external.log().contains("the entry for user '" + TestUsers.LEGACY + "'"),
                    "the log names the user whose entry cannot be verified");
            assertFalse(external.log().contains(TestUsers.LEGACY_STORED), "and never the entry");
        }
    }

    @Test
    void wrongPasswordAfterARightOneIsRefused() {
        Http http = new Http(container);
        assertEquals(200, http.get("api/v1/private", TestUsers.DAVE).statusCode());
        assertChallenged(http.get("api/v1/private", new User(TestUsers.DAVE.name(), "dave-pass-", List.of())));
        assertChallenged(http.get("api/v1/private", new User(TestUsers.DAVE.name(), "", List.of())));
        assertEquals(200, http.get("api/v1/private", TestUsers.DAVE).statusCode());
    }
}
