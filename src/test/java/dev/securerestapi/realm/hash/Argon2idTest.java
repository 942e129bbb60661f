package dev.securerestapi.realm.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.securerestapi.settings.Settings;

class Argon2idTest {

    /** The reference implementation's own test vector for Argon2id 1.3 (phc-winner-argon2, src/test.c). */
    private static final String REFERENCE = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

    @Test
    void checksWhatTheReferenceImplementationComputes() {
        Argon2id hash = Argon2id.parse(REFERENCE).orElseThrow();
        assertTrue(hash.matches("password"));
        assertFalse(hash.matches("Password"));
        assertEquals(REFERENCE, hash.stored());
    }

    @Test
    void newHashesAreArgon2idAtTheGivenParametersWithAFreshSalt() {
        Settings.Argon2 stronger = new Settings.Argon2(24_576, 3, 2);
        Argon2id first = Argon2id.of("Grüße:€", stronger);
        Argon2id second = Argon2id.of("Grüße:€", stronger);
        assertNotEquals(first.stored(), second.stored(), "salted");
        assertTrue(first.stored().startsWith("$argon2id$v=19$m=24576,t=3,p=2$"), first.stored());
        assertEquals(16, first.salt().length);
        assertEquals(32, first.hash().length);
        assertTrue(Argon2id.parse(first.stored()).orElseThrow().matches("Grüße:€"));
        assertTrue(first.isCurrent(stronger) && first.isCurrent(Settings.Argon2.DEFAULTS));
        assertFalse(Argon2id.of("x", Settings.Argon2.DEFAULTS).isCurrent(stronger), "weaker than the setting: upgraded at login");
    }

    @Test
    void passwordsAreHashedAndCheckedInNfc() {
        Argon2id fromDecomposed = Argon2id.of("gru\u0308\u00dfe-pass", Settings.Argon2.DEFAULTS);
        assertTrue(fromDecomposed.matches("gr\u00fc\u00dfe-pass"));
        assertFalse(fromDecomposed.matches("grue\u00dfe-pass"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$argon2id$v=19$m=19455,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", // below 19 MiB
        "$argon2id$v=19$m=65536,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", // one pass
        "$argon2id$v=19$m=65536,t=2,p=0$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=2097152,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", // 2 GiB
        "$argon2id$v=16$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", // version 1.0
        "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ",
        "$argon2id$v=19$m=65536,t=2,p=1$c29t$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", // a 3-byte salt
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc=",
        "password"})
    void anythingElseIsNotAnArgon2idHashThisRealmAccepts(String stored) {
        assertTrue(Argon2id.parse(stored).isEmpty(), stored);
    }

    @Test
    void toStringShowsTheParametersNeverTheSaltOrHash() {
        assertEquals("Argon2id[m=65536,t=2,p=1]", Argon2id.parse(REFERENCE).orElseThrow().toString());
    }
}
