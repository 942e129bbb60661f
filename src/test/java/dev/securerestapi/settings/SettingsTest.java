package dev.securerestapi.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

    private static Settings from(Map<String, String> properties, Map<String, String> environment) {
        return Settings.from(properties::get, environment::get);
    }

    @Test
    void nothingGivenIsTheDefaults() {
        Settings settings = from(Map.of(), Map.of());
        assertEquals(Settings.Lockout.DEFAULTS, settings.lockout());
        assertEquals(false, settings.httpsOnly());
        assertEquals(Settings.UsersStore.FILE, settings.usersStore());
        assertEquals(List.of(), settings.trustedProxies());
        assertEquals(List.of(), settings.corsAllowedOrigins(), "no origin may call from a browser unless one is named");
    }

    @Test
    void anEnvironmentVariableGivesASettingAndASystemPropertyOverridesIt() {
        Map<String, String> environment = Map.of("SECURE_REST_API_LOCKOUT_USER_FAILURES", "7",
                "SECURE_REST_API_HTTPS_ONLY", "true", "SECURE_REST_API_PUBLIC_URL", "https://api.example.org",
                "SECURE_REST_API_USERS_STORE", "database", "SECURE_REST_API_TRUSTED_PROXIES", "10.0.0.0/8,::1");
        Settings fromEnvironment = from(Map.of(), environment);
        assertEquals(7, fromEnvironment.lockout().userFailures());
        assertTrue(fromEnvironment.httpsOnly());
        assertEquals(Settings.UsersStore.DATABASE, fromEnvironment.usersStore());
        assertEquals(List.of("10.0.0.0/8", "::1"), fromEnvironment.trustedProxies());
        assertEquals(3, from(Map.of("secure-rest-api.lockout.user.failures", "3"), environment).lockout().userFailures());
    }

    @Test
    void everySettingHasItsOwnEnvironmentVariable() {
        Set<String> variables = new HashSet<>();
        for (String name : Settings.NAMES) {
            String variable = Settings.environmentName(name);
            assertTrue(variable.matches("SECURE_REST_API_[A-Z0-9_]+"), variable);
            assertTrue(variables.add(variable), "two settings share " + variable);
        }
        assertEquals("SECURE_REST_API_REALM_STALE_WARNING_SECONDS", Settings.environmentName("secure-rest-api.realm.stale-warning-seconds"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "secure-rest-api.lockout.user.failures  | five              | not a positive whole number",
        "secure-rest-api.lockout.user.seconds   | 0                 | not a positive whole number",
        "secure-rest-api.lockout.tracked        | -1                | not a positive whole number",
        "secure-rest-api.lockout.tracked        | 999               | less than 1000",
        "secure-rest-api.lockout.address.failures | 99999999999     | not a positive whole number",
        "secure-rest-api.https-only             | yes               | neither true nor false",
        "secure-rest-api.public-url             | http://api.example.org | not https://HOST or https://HOST:PORT",
        "secure-rest-api.public-url             | https://api.example.org/base | not https://HOST or https://HOST:PORT",
        "secure-rest-api.users.store            | postgres          | neither file nor database",
        "secure-rest-api.trusted-proxies        | 10.0.0.1,proxy.example.org | 'proxy.example.org' is not an IP address or CIDR block",
        "secure-rest-api.trusted-proxies        | 10.0.0.0/33       | '10.0.0.0/33' is not an IP address or CIDR block",
        "secure-rest-api.realm.stale-warning-seconds | soon        | not a positive whole number",
        "secure-rest-api.cors.allowed-origins   | *                 | '*' is not one origin",
        "secure-rest-api.cors.allowed-origins   | https://app.example.org,null | 'null' is not one origin",
        "secure-rest-api.cors.allowed-origins   | app.example.org   | 'app.example.org' is not an origin",
        "secure-rest-api.cors.allowed-origins   | https://app.example.org/page | 'https://app.example.org/page' is not an origin",
        "secure-rest-api.cors.allowed-origins   | ftp://app.example.org | 'ftp://app.example.org' is not an origin",
        "secure-rest-api.cors.allowed-origins   | https://user@app.example.org | 'https://user@app.example.org' is not an origin",
        "secure-rest-api.argon2                 | m=19455,t=2,p=1   | not m=KiB,t=passes,p=lanes of at least m=19456,t=2,p=1 (OWASP's minimum)",
        "secure-rest-api.argon2                 | m=65536,t=1,p=1   | not m=KiB,t=passes,p=lanes of at least m=19456,t=2,p=1",
        "secure-rest-api.argon2                 | m=2000000,t=2,p=1 | not m=KiB,t=passes,p=lanes of at least m=19456,t=2,p=1",
        "secure-rest-api.argon2                 | 19 MiB            | not m=KiB,t=passes,p=lanes of at least m=19456,t=2,p=1"})
    void anInvalidValueIsRefusedNamingTheSettingAndTheProblem(String name, String value, String problem) {
        Settings.InvalidSetting fromProperty = assertThrows(Settings.InvalidSetting.class, () -> from(Map.of(name, value), Map.of()));
        assertTrue(fromProperty.getMessage().startsWith("Invalid setting " + name + "=" + value + ": " + problem), fromProperty.getMessage());

        String variable = Settings.environmentName(name);
        Settings.InvalidSetting fromVariable = assertThrows(Settings.InvalidSetting.class, () -> from(Map.of(), Map.of(variable, value)));
        assertTrue(fromVariable.getMessage().startsWith("Invalid setting " + name + "=" + value + " (environment variable " + variable + "): "
                + problem), fromVariable.getMessage());
    }

    @Test
    void httpsOnlyWithoutAPublicUrlIsRefused() {
        Settings.InvalidSetting refused = assertThrows(Settings.InvalidSetting.class,
                () -> from(Map.of("secure-rest-api.https-only", "true"), Map.of()));
        assertTrue(refused.getMessage().contains("secure-rest-api.public-url"), refused.getMessage());
    }

    @Test
    void validValuesAreRead() {
        Settings settings = from(Map.of("secure-rest-api.lockout.user.seconds", " 60 ", "secure-rest-api.https-only", "FALSE",
                "secure-rest-api.trusted-proxies", "192.168.0.0/16, 2001:db8::/32, ::ffff:10.0.0.1"), Map.of());
        assertEquals(Duration.ofSeconds(60), settings.lockout().userLock());
        assertEquals(3, settings.trustedProxies().size());
        assertEquals(Settings.Argon2.DEFAULTS, settings.argon2(), "OWASP's minimum unless set");
        assertEquals(new Settings.Argon2(65_536, 3, 2), from(Map.of("secure-rest-api.argon2", " m=65536, t=3, p=2 "), Map.of()).argon2());
    }

    @Test
    void allowedOriginsAreKeptAsBrowsersWriteTheOriginHeader() {
        Settings settings = from(Map.of("secure-rest-api.cors.allowed-origins",
                "https://App.Example.org:443, http://localhost:3000 ,https://admin.example.org/"), Map.of());
        assertEquals(List.of("https://app.example.org", "http://localhost:3000", "https://admin.example.org"),
                settings.corsAllowedOrigins());
    }

    /** The table in docs/operations.md lists every setting, and nothing that is not one. */
    @Test
    void theOperationsGuideListsEverySetting() throws Exception {
        String guide = Files.readString(Path.of("docs", "operations.md"));
        Matcher rows = Pattern.compile("(?m)^\\| (`secure-rest-api\\.[^|]+)\\|").matcher(guide);
        Set<String> documented = new HashSet<>();
        while (rows.find()) {
            Matcher names = Pattern.compile("`(secure-rest-api\\.[^`]+)`").matcher(rows.group(1));
            while (names.find()) {
                documented.add(names.group(1));
            }
        }
        assertEquals(new HashSet<>(Settings.NAMES), documented);
    }
}
