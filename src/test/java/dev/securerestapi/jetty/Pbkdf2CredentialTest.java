package dev.securerestapi.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;

import dev.securerestapi.realm.Pbkdf2;
import dev.securerestapi.realm.login.VerifiedCredentials;
import org.junit.jupiter.api.Test;

class Pbkdf2CredentialTest {

    private static final Pbkdf2 HASH = Pbkdf2.of("right");

    private final VerifiedCredentials cache = new VerifiedCredentials(10, Duration.ofMinutes(10), Clock.systemUTC());
    private final Pbkdf2Credential credential = new Pbkdf2Credential("ann", HASH, cache);

    @Test
    void failuresAreNeverRemembered() {
        assertFalse(credential.check("wrong"));
        assertFalse(credential.check("wrong"));
        assertEquals(0, cache.size());
    }

    @Test
    void aSuccessIsRememberedForThisUserAndHashOnly() {
        assertTrue(credential.check("right"));
        assertEquals(1, cache.size());
        assertTrue(cache.isVerified("ann", "right", HASH.stored()));
        assertFalse(new Pbkdf2Credential("bob", Pbkdf2.of("other"), cache).check("right"));
    }

    @Test
    void onlyStringPasswordsAreChecked() {
        assertFalse(credential.check("right".toCharArray()));
        assertFalse(credential.check(null));
    }
}
