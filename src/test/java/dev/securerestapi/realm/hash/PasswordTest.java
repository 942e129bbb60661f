package dev.securerestapi.realm.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.text.Normalizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordTest {

    @Test
    void decomposedAndComposedFormsAreOnePassword() {
        assertEquals("gr\u00fc\u00dfe", Password.normalized("gru\u0308\u00dfe"));
        assertEquals("\u1e69", Password.normalized("s\u0323\u0307"), "marks in any canonical order compose alike");
        assertEquals("\u1e69", Password.normalized("s\u0307\u0323"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SuperSecretPwd", "gr\u00fc\u00dfe-pass", "\u00ff\u00c0 ~", ""})
    void passwordsBelowTheFirstCombiningMarkAreReturnedAsTheyAre(String password) {
        assertSame(password, Password.normalized(password));
        assertEquals(Normalizer.normalize(password, Normalizer.Form.NFC), password);
    }

    @Test
    void compatibilityFormsAreNotFolded() {
        assertEquals("\ufb01", Password.normalized("\ufb01"), "NFC, not NFKC: the ligature stays a ligature");
    }

    /** What the fast path stands on: no character below U+0300 changes, or composes with the one before it. */
    @Test
    void everyPairOfCodePointsBelowTheFirstCombiningMarkIsItsOwnNfc() {
        for (char first = 0; first < '\u0300'; first++) {
            for (char second = 0; second < '\u0300'; second++) {
                String pair = new String(new char[] {first, second});
                if (!Normalizer.isNormalized(pair, Normalizer.Form.NFC)) {
                    throw new AssertionError("U+" + Integer.toHexString(first) + " U+" + Integer.toHexString(second));
                }
            }
        }
    }
}
