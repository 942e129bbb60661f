package dev.securerestapi.realm.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.securerestapi.settings.Settings;

class PasswordHashTest {

    @Test
    void newHashesAreArgon2idAndBothSchemesAreRead() {
        PasswordHash made = PasswordHash.of("roy-pass", Settings.Argon2.DEFAULTS);
        assertInstanceOf(Argon2id.class, made);
        assertEquals("argon2id", PasswordHash.parse(made.stored()).orElseThrow().scheme());
        PasswordHash pbkdf2 = PasswordHash.parse(Pbkdf2.of("roy-pass").stored()).orElseThrow();
        assertEquals("pbkdf2-sha256", pbkdf2.scheme());
        assertTrue(pbkdf2.matches("roy-pass"));
        assertFalse(pbkdf2.isCurrent(Settings.Argon2.DEFAULTS), "PBKDF2 is replaced at the next login");
        assertTrue(PasswordHash.parse("roy-pass").isEmpty(), "never a plain password");
    }

    @Test
    void anUnknownNameIsCheckedAgainstTheSlowestEntryWhateverItsSchemeAndMatchesNothing() {
        PasswordHash argon2 = Argon2id.of("a", Settings.Argon2.DEFAULTS);
        PasswordHash slowArgon2 = Argon2id.of("a", new Settings.Argon2(65_536, 3, 1));
        PasswordHash pbkdf2 = Pbkdf2.of("a");
        PasswordHash slowPbkdf2 = PasswordHash.parse(pbkdf2.stored().replace("$600000$", "$3000000$")).orElseThrow();
        for (List<PasswordHash> entries : List.of(List.of(argon2, pbkdf2), List.of(argon2, slowArgon2, pbkdf2),
                List.of(argon2, slowPbkdf2), List.of(pbkdf2))) {
            PasswordHash slowest = entries.stream().max(java.util.Comparator.comparingLong(PasswordHash::cost)).orElseThrow();
            PasswordHash unknown = PasswordHash.unknownUser(entries, Settings.Argon2.DEFAULTS);
            assertEquals(slowest.getClass(), unknown.getClass(), entries.toString());
            assertEquals(slowest.cost(), unknown.cost(), entries.toString());
            assertFalse(unknown.matches("a"));
        }
        assertEquals(slowArgon2.cost(), PasswordHash.unknownUser(List.of(argon2, slowArgon2), Settings.Argon2.DEFAULTS).cost());
        PasswordHash none = PasswordHash.unknownUser(List.of(), Settings.Argon2.DEFAULTS);
        assertTrue(none instanceof Argon2id a && a.isCurrent(Settings.Argon2.DEFAULTS), "an empty realm: a new entry's cost");
    }
}
