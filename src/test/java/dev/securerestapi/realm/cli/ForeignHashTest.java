package dev.securerestapi.realm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.eclipse.jetty.util.security.Credential;
import org.eclipse.jetty.util.security.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.crypto.scrypt.SCryptPasswordEncoder;

import dev.securerestapi.realm.hash.Argon2id;
import dev.securerestapi.realm.hash.Bcrypt;
import dev.securerestapi.realm.hash.PasswordHash;
import dev.securerestapi.realm.hash.Pbkdf2;
import dev.securerestapi.realm.hash.Scrypt;
import dev.securerestapi.realm.hash.Wrapped;
import dev.securerestapi.settings.Settings;

/**
 * Hashes other tools wrote, as {@code users import} takes them: the htpasswd vectors were made by
 * Apache's htpasswd 2.4 (Debian's apache2-utils), the Tomcat ones by Tomcat 11's digest.sh; Jetty's
 * and Spring Security's are made here by their own code (jetty-util's Password and Credential,
 * spring-security-crypto's encoders). ImportingUsersIT imports files the real command-line tools write.
 */
class ForeignHashTest {

    // printf 'secret\n' | htpasswd -i -n -m alice ; printf 'grüße\n' | htpasswd -i -n -m ute
    private static final String APR1 = "$apr1$OeEwY4lf$2Xq4N18itqgJgkdHgVN6Q0";
    private static final String APR1_UTF8 = "$apr1$lMA1tAXD$yuPAGWwCg3S6T61Zt5Pxz1";
    // printf 'secret\n' | htpasswd -i -n -s bob ; printf 'secret\n' | htpasswd -i -n -B -C 10 carol
    private static final String SHA = "{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=";
    private static final String BCRYPT = "$2y$10$YnW39MsmJkntZTlOD1nKuO9l4GWjgcd2yCBf7aL6IPl4NTLhAiRpy";
    private static final ForeignHash.Options NONE = new ForeignHash.Options(null, null);
    private static final Settings.Argon2 DEFAULTS = Settings.Argon2.DEFAULTS;

    private static PasswordHash imported(String foreign) throws ForeignHash.Unreadable {
        return imported(foreign, NONE);
    }

    private static PasswordHash imported(String foreign, ForeignHash.Options options) throws ForeignHash.Unreadable {
        PasswordHash hash = ForeignHash.read(foreign, options, DEFAULTS, password -> PasswordHash.of(password, DEFAULTS));
        return PasswordHash.parse(hash.stored()).orElseThrow(() -> new AssertionError("stored but unreadable: " + hash));
    }

    /** Stored only inside Argon2id (never the old hash, nor any long piece of it), and checks the same password. */
    private static void assertWrapped(String foreign, ForeignHash.Options options, String password) throws ForeignHash.Unreadable {
        PasswordHash hash = imported(foreign, options);
        assertInstanceOf(Wrapped.class, hash, foreign);
        String tail = foreign.substring(foreign.length() - 12);
        assertFalse(hash.stored().contains(tail), "the weak hash itself is not stored: " + hash.stored());
        assertTrue(hash.stored().matches("\\{[^{}]+\\}\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$.+"), hash.stored());
        assertTrue(hash.matches(password), foreign);
        assertFalse(hash.matches(password + " "), foreign);
        assertFalse(hash.matches(password.toUpperCase()), foreign);
        assertFalse(hash.isCurrent(DEFAULTS), "replaced at the next login");
    }

    @Test
    void htpasswdsStrongBcryptIsKeptAsItIs() throws Exception {
        PasswordHash bcrypt = imported(BCRYPT);
        assertInstanceOf(Bcrypt.class, bcrypt);
        assertEquals(BCRYPT, bcrypt.stored());
        assertTrue(bcrypt.matches("secret"));
        assertFalse(bcrypt.matches("Secret"));
        assertFalse(bcrypt.isCurrent(DEFAULTS), "upgraded at the next login");
        String argon2 = Argon2id.of("secret", DEFAULTS).stored();
        assertEquals(argon2, imported(argon2).stored());
    }

    @Test
    void htpasswdsWeakHashesAreStoredOnlyInsideArgon2id() throws Exception {
        assertWrapped(APR1, NONE, "secret");
        assertWrapped(SHA, NONE, "secret");
        // printf 'secret\n' | htpasswd -i -n -d dave ; printf 'secret\n' | htpasswd -i -n -B -C 5 erin
        assertWrapped("6DGb1lAyQq/1g", NONE, "secret");
        assertWrapped("$2y$05$RGDdEo7CZFoSHMeN9wfKjeQpg4vwov1kC/ZNC3U9qxFcaQwtqSWb6", NONE, "secret");
        assertTrue(imported(APR1_UTF8).matches("gru\u0308\u00dfe"), "a password typed decomposed is checked in NFC, as htpasswd got it");
    }

    @Test
    void jettysObfuscatedPasswordIsHashedAndItsDigestsAreWrapped() throws Exception {
        for (String password : List.of("secret", "gr\u00fc\u00dfe \u20ac")) {
            PasswordHash obf = imported(Password.obfuscate(password));
            assertInstanceOf(Argon2id.class, obf);
            assertTrue(obf.matches(password), password);
            assertFalse(obf.matches(password + "x"));
        }
        assertWrapped(Credential.MD5.digest("secret"), NONE, "secret");
        assertWrapped(Credential.Crypt.crypt("frank", "secret"), NONE, "secret");
    }

    @Test
    void springSecuritysDelegatingFormatsAreKeptWrappedOrHashed() throws Exception {
        PasswordEncoder spring = new DelegatingPasswordEncoder("bcrypt", Map.of(
                "bcrypt", new BCryptPasswordEncoder(),
                "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "scrypt", SCryptPasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "pbkdf2", Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "noop", NoOpPasswordEncoder.getInstance(),
                "MD5", new org.springframework.security.crypto.password.MessageDigestPasswordEncoder("MD5"),
                "SHA-1", new org.springframework.security.crypto.password.MessageDigestPasswordEncoder("SHA-1")));
        String bcrypt = spring.encode("secret");
        assertEquals(bcrypt.substring("{bcrypt}".length()), imported(bcrypt).stored(), "bcrypt of cost 10: kept as it is");
        assertTrue(imported(bcrypt).matches("secret"));
        PasswordHash noop = imported(new DelegatingPasswordEncoder("noop", Map.of("noop", NoOpPasswordEncoder.getInstance())).encode("secret"));
        assertInstanceOf(Argon2id.class, noop);
        assertTrue(noop.matches("secret"));
        ForeignHash.Options springPbkdf2 = new ForeignHash.Options(null, "PBKDF2WithHmacSHA256:310000:16");
        for (String id : List.of("argon2", "scrypt", "pbkdf2", "MD5", "SHA-1")) {
            String encoded = new DelegatingPasswordEncoder(id, Map.of(id, encoder(id))).encode("secret");
            assertTrue(encoded.startsWith("{" + id + "}"), encoded);
            assertWrapped(encoded, springPbkdf2, "secret"); // Spring's defaults are below OWASP's minimums (m=16 MiB; N=2^16; 310,000)
        }
        assertWrapped("{MD5}5ebe2294ecd0e0f08eab7690d2a6ee69", NONE, "secret"); // an unsalted one, as Spring reads it too
    }

    private static PasswordEncoder encoder(String id) {
        return switch (id) {
            case "argon2" -> Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
            case "scrypt" -> SCryptPasswordEncoder.defaultsForSpringSecurity_v5_8();
            case "pbkdf2" -> Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8();
            default -> new org.springframework.security.crypto.password.MessageDigestPasswordEncoder(id);
        };
    }

    @Test
    void springsScryptAtOwaspsMinimumIsKeptAsItIs() throws Exception {
        String strong = new DelegatingPasswordEncoder("scrypt", Map.of("scrypt", new SCryptPasswordEncoder(1 << 17, 8, 1, 32, 16))).encode("secret");
        PasswordHash kept = imported(strong);
        assertInstanceOf(Scrypt.class, kept);
        assertEquals(strong.substring("{scrypt}".length()), kept.stored());
        assertTrue(kept.matches("secret"));
        assertFalse(kept.matches("Secret"));
        assertEquals("scrypt", kept.scheme());
    }

    @Test
    void springsPbkdf2AtThisRealmsPolicyIsKeptAsPbkdf2AndOtherwiseNeedsItsParameters() throws Exception {
        Pbkdf2PasswordEncoder strong = new Pbkdf2PasswordEncoder("", 16, 600_000, Pbkdf2PasswordEncoder.SecretKeyFactoryAlgorithm.PBKDF2WithHmacSHA256);
        PasswordHash kept = imported("{pbkdf2}" + strong.encode("secret"), new ForeignHash.Options(null, "PBKDF2WithHmacSHA256:600000:16"));
        assertInstanceOf(Pbkdf2.class, kept);
        assertTrue(kept.matches("secret"));
        ForeignHash.Unreadable missing = assertThrows(ForeignHash.Unreadable.class, () -> imported("{pbkdf2}" + strong.encode("secret")));
        assertTrue(missing.getMessage().contains("--pbkdf2"), missing.getMessage());
    }

    @Test
    void tomcatsDigestsNeedTheirAlgorithmAndAreWrapped() throws Exception {
        // $CATALINA_HOME/bin/digest.sh -a SHA-256 -s 16 -i 1000 secret ; digest.sh -a MD5 -s 0 -i 1 secret ;
        // digest.sh -h org.apache.catalina.realm.SecretKeyCredentialHandler -a PBKDF2WithHmacSHA512 -i 210000 -s 16 -k 256 secret
        String sha256 = "39cf8c240f65ab9f0712af71abf05ac7$1000$228d86cd29879eeb8246673ee19e6c9c176c3307770b2bcc4cb0b2708e5ed463";
        String pbkdf2 = "caac435ff5571354100b44f01602b475$210000$2f39920430fb96647ba1eefbaa2f30c401b1dfa69b532b1a2207673d4cc198d5";
        ForeignHash.Unreadable noAlgorithm = assertThrows(ForeignHash.Unreadable.class, () -> imported(sha256));
        assertTrue(noAlgorithm.getMessage().contains("--digest"), noAlgorithm.getMessage());
        assertWrapped(sha256, new ForeignHash.Options("SHA-256", null), "secret");
        assertWrapped("5ebe2294ecd0e0f08eab7690d2a6ee69", new ForeignHash.Options("MD5", null), "secret");
        assertWrapped(pbkdf2, new ForeignHash.Options("PBKDF2WithHmacSHA512", null), "secret");
        ForeignHash.Unreadable wrongAlgorithm = assertThrows(ForeignHash.Unreadable.class, () -> imported(sha256, new ForeignHash.Options("SHA-512", null)));
        assertTrue(wrongAlgorithm.getMessage().contains("is --digest right?"), wrongAlgorithm.getMessage());
        PasswordHash plain = imported("secret", new ForeignHash.Options("plain", null));
        assertInstanceOf(Argon2id.class, plain);
        assertTrue(plain.matches("secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "secret",                                                         // plain text, without --digest plain
        "$1$OeEwY4lf$2Xq4N18itqgJgkdHgVN6Q0",                            // MD5-crypt, not Apache's
        "{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ",                               // no padding: not what htpasswd writes
        "{bcrypt}secret",                                                 // an id with something else
        "{scrypt}$zz$c2FsdA==$a2V5",                                      // scrypt parameters that are not hex
        "OBF:1x",                                                         // not Jetty's obfuscation
        "{apr1:OeEwY4lf}$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"}) // already wrapped
    void anythingElseIsNotImported(String foreign) {
        assertThrows(ForeignHash.Unreadable.class, () -> ForeignHash.read(foreign, NONE, DEFAULTS, password -> PasswordHash.of(password, DEFAULTS)), foreign);
    }

    @Test
    void anUnknownNameCostsWhatTheSlowestImportedEntryCosts() {
        PasswordHash bcrypt = Bcrypt.parse("$2y$12$" + BCRYPT.substring(7)).orElseThrow();
        PasswordHash argon2 = Argon2id.of("a", DEFAULTS);
        PasswordHash slowest = bcrypt.cost() >= argon2.cost() ? bcrypt : argon2;
        PasswordHash unknown = PasswordHash.unknownUser(List.of(bcrypt, argon2), DEFAULTS);
        assertEquals(slowest.getClass(), unknown.getClass());
        assertEquals(slowest.cost(), unknown.cost());
        assertFalse(unknown.matches("secret"));
    }

    @Test
    void anUnknownNameCostsWhatAWrappedEntryCostsItsOldHashIncluded() throws Exception {
        // Spring's scrypt (N=2^16, r=8: 64 MiB) inside an Argon2id of the default parameters: slower than that Argon2id alone
        PasswordHash scrypt = imported("{scrypt}" + SCryptPasswordEncoder.defaultsForSpringSecurity_v5_8().encode("secret"));
        PasswordHash argon2 = Argon2id.of("a", DEFAULTS);
        assertTrue(scrypt.cost() > argon2.cost(), scrypt.cost() + " vs " + argon2.cost());
        PasswordHash unknown = PasswordHash.unknownUser(List.of(argon2, scrypt), DEFAULTS);
        assertInstanceOf(Wrapped.class, unknown);
        assertEquals(scrypt.cost(), unknown.cost());
        assertFalse(unknown.matches("secret"));
    }
}
