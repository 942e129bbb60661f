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
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
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
        "Basic !!!", "Basic YWRtaW46U", "Basic YWRt aW46cHc=", "Basic wyg6cHc="})
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
