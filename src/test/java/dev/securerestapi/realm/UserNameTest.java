package dev.securerestapi.realm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 8265's UsernameCaseMapped profile: one spelling per name, and every look-alike folds to it. */
class UserNameTest {

    @Test
    void fullWidthCaseAndCompositionVariantsEnforceToOneName() {
        assertEquals(Optional.of("admin"), UserName.enforce("ＡＤＭＩＮ"));
        assertEquals(Optional.of("admin"), UserName.enforce("Admin"));
        assertEquals(Optional.of("ａｄｍｉｎ".length() == 5 ? "admin" : "?"), UserName.enforce("ａｄｍｉｎ"));
        // e + combining acute is NFC-composed
        assertEquals(Optional.of("ren\u00e9"), UserName.enforce("rene\u0301"));
        assertEquals(Optional.of("juliet@example.com"), UserName.enforce("Juliet@Example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "roy", "juliet@example.com", "ren\u00e9", "stra\u00dfe", "\u03c3\u03ad\u03bb\u03b7\u03bd\u03b1", "rc-erin"})
    void namesAlreadyInTheirFormAreEnforced(String name) {
        assertTrue(UserName.isEnforced(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Admin", "ＡＤＭＩＮ", "ａｄｍｉｎ", "rene\u0301"})
    void lookAlikeSpellingsAreNotEnforced(String name) {
        assertFalse(UserName.isEnforced(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a\u200db", "a\u00a0b", "\u210cello", "snow\u2603", "tab\tname", "\u2168", "a\u0007"})
    void spacesSymbolsControlsFormatAndCompatibilityCharactersAreRefused(String name) {
        assertEquals(Optional.empty(), UserName.enforce(name), name);
    }

    @Test
    void rightToLeftNamesFollowTheBidiRule() {
        assertTrue(UserName.isEnforced("\u05e9\u05dc\u05d5\u05dd"));
        assertFalse(UserName.enforce("abc\u05e9").isPresent(), "left-to-right start with a right-to-left letter");
    }

    @Test
    void everySpellingSharesOneThrottleKeyAndKeysStaySmall() {
        assertEquals("admin", UserName.key("ＡＤＭＩＮ"));
        assertEquals("admin", UserName.key("ａｄｍｉｎ"));
        assertEquals("admin", UserName.key("Admin"));
        assertEquals("a b", UserName.key("A B"), "a refused name still folds");
        String key = UserName.key("x".repeat(8_000));
        assertTrue(key.length() <= 65 && key.startsWith("#"), key);
        assertFalse(key.equals(UserName.key("x".repeat(8_001))));
    }

    @Test
    void everyPrintableAsciiNameEnforcesToItsLowerCaseAndNothingElseDoes() {
        for (int c = 0x21; c <= 0x7E; c++) {
            String name = "A" + (char) c + "z";
            assertEquals(Optional.of(name.toLowerCase(Locale.ROOT)), UserName.enforce(name), name);
        }
        for (String refused : List.of("a b", "a\tb", "a\u007Fb")) {
            assertTrue(UserName.enforce(refused).isEmpty(), refused);
        }
    }
}
