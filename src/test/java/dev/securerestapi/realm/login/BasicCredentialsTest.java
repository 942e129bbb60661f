package dev.securerestapi.realm.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BasicCredentialsTest {

    private static String basic(String pair) {
        return basic(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String basic(byte[] pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair);
    }

    @Test
    void userIdEndsAtTheFirstColonSoPasswordsMayContainColons() {
        BasicCredentials credentials = BasicCredentials.parse(basic("roy:a:b:c")).orElseThrow();
        assertEquals("roy", credentials.user());
        assertEquals("a:b:c", credentials.password());
    }

    @Test
    void credentialsAreReadAsUtf8() {
        assertEquals("Grüße€", BasicCredentials.parse(basic("u:Grüße€")).orElseThrow().password());
    }

    @Test
    void bytesThatAreNotUtf8AreReadAsIso88591() {
        BasicCredentials credentials = BasicCredentials.parse(basic("üte:grüße-pass".getBytes(StandardCharsets.ISO_8859_1))).orElseThrow();
        assertEquals("üte", credentials.user());
        assertEquals("grüße-pass", credentials.password());
        assertEquals("\u00c3(", BasicCredentials.parse("Basic wyg6cHc=").orElseThrow().user(), "C3 28 is not UTF-8");
    }

    @Test
    void validUtf8IsNeverReadAsIso88591() {
        // the UTF-8 bytes of über spell Ã¼ber in ISO-8859-1: they are über, and only über
        assertEquals("über-pass", BasicCredentials.parse(basic("u:über-pass")).orElseThrow().password());
        assertEquals("über-pass", BasicCredentials.parse(basic("u:Ã¼ber-pass".getBytes(StandardCharsets.ISO_8859_1)))
                .orElseThrow().password());
    }

    @Test
    void bothPartsAreReadInNfc() {
        BasicCredentials credentials = BasicCredentials.parse(basic("u\u0308te:gru\u0308\u00dfe-pass")).orElseThrow();
        assertEquals("\u00fcte", credentials.user());
        assertEquals("gr\u00fc\u00dfe-pass", credentials.password());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x85, 0x9f, 0x80})
    void c1ControlCharactersInIso88591AreRefused(int control) {
        byte[] pair = {'u', ':', 'p', (byte) control, 'w'};
        assertFalse(BasicCredentials.parse(basic(pair)).isPresent(), Integer.toHexString(control));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic", "basic", "BASIC", "bAsIc"})
    void schemeIsCaseInsensitive(String scheme) {
        assertTrue(BasicCredentials.parse(basic("admin:pw").replace("Basic", scheme)).isPresent());
    }

    @Test
    void emptyPasswordIsStillAPairForTheRealmToRefuse() {
        assertEquals("", BasicCredentials.parse(basic("admin:")).orElseThrow().password());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "Basic", "Basic ", "Bearer YWRtaW46cHc=", "YWRtaW46cHc=", " Basic YWRtaW46cHc=",
        "Basic !!!", "Basic YWRtaW46U", "Basic YWRt aW46cHc="})
    void unreadableValuesCarryNoCredentials(String authorization) {
        assertFalse(BasicCredentials.parse(authorization).isPresent(), authorization);
    }

    @ParameterizedTest
    @ValueSource(strings = {"adminpw", ":pw", ":", "ad\u0000min:pw", "admin:p\u0007w", "admin:pw\n", "admin:\u007f"})
    void pairsWithoutAUserOrWithControlCharactersCarryNoCredentials(String pair) {
        assertFalse(BasicCredentials.parse(basic(pair)).isPresent(), pair);
    }

    @Test
    void nullHeaderCarriesNoCredentials() {
        assertFalse(BasicCredentials.parse(null).isPresent());
    }

    @Test
    void toStringNeverShowsThePassword() {
        String shown = BasicCredentials.parse(basic("admin:SuperSecretPwd")).orElseThrow().toString();
        assertTrue(shown.contains("admin"));
        assertFalse(shown.contains("SuperSecretPwd"), shown);
    }
}
