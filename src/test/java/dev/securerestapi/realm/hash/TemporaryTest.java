package dev.securerestapi.realm.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import dev.securerestapi.settings.Settings;
import org.junit.jupiter.api.Test;

/** A temporary hash: stored with its expiry, read back as itself, never upgraded, its expiry the login core's to ask. */
class TemporaryTest {

    @Test
    void aTemporaryHashIsStoredWithItsExpiryAndReadBack() {
        Instant until = Instant.parse("2026-12-06T21:00:00Z");
        Temporary hash = Temporary.of("tmp-abcde-fghij", until, Settings.Argon2.DEFAULTS);
        assertTrue(hash.stored().startsWith("{temporary:" + until.getEpochSecond() + "}$argon2id$"), hash.stored());
        PasswordHash read = PasswordHash.parse(hash.stored()).orElseThrow();
        assertEquals(hash, read);
        assertEquals("temporary", read.scheme());
        assertTrue(read.matches("tmp-abcde-fghij"));
        assertFalse(read.matches("tmp-abcde-fghik"));
        assertTrue(read.isCurrent(Settings.Argon2.DEFAULTS), "never upgraded: that would make it permanent");
        assertFalse(hash.expiredAt(until.minusSeconds(1)));
        assertTrue(hash.expiredAt(until));
    }

    @Test
    void anythingElseInBracesIsNoTemporaryHash() {
        String argon2 = Argon2id.of("x-long-password", Settings.Argon2.DEFAULTS).stored();
        assertEquals(Optional.empty(), Temporary.parse("{temporary:}" + argon2));
        assertEquals(Optional.empty(), Temporary.parse("{temporary:12x}" + argon2));
        assertEquals(Optional.empty(), Temporary.parse("{temporary:12}not-a-hash"));
    }
}
