package dev.securerestapi.realm.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.securerestapi.settings.Settings;

/** Hashes another tool wrote, as {@code users import} takes them; the vectors were made by Apache's htpasswd 2.4 (Debian's apache2-utils). */
class ImportedHashesTest {

    // printf 'secret\n' | htpasswd -i -n -m alice ; printf 'grüße\n' | htpasswd -i -n -m ute
    private static final String APR1 = "$apr1$OeEwY4lf$2Xq4N18itqgJgkdHgVN6Q0";
    private static final String APR1_UTF8 = "$apr1$lMA1tAXD$yuPAGWwCg3S6T61Zt5Pxz1";
    // printf 'secret\n' | htpasswd -i -n -s bob ; printf 'secret\n' | htpasswd -i -n -B -C 10 carol
    private static final String SHA = "{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=";
    private static final String BCRYPT = "$2y$10$YnW39MsmJkntZTlOD1nKuO9l4GWjgcd2yCBf7aL6IPl4NTLhAiRpy";

    @Test
    void apr1IsComputedAsHtpasswdDoes() {
        assertEquals(APR1, Md5Crypt.apr1("secret", "OeEwY4lf"));
        assertEquals(APR1_UTF8, Md5Crypt.apr1("gr\u00fc\u00dfe", "lMA1tAXD"));
    }

    @Test
    void aStrongHashIsKeptAsItIsAndChecksTheSamePassword() {
        PasswordHash bcrypt = PasswordHash.imported(BCRYPT, Settings.Argon2.DEFAULTS).orElseThrow();
        assertInstanceOf(Bcrypt.class, bcrypt);
        assertEquals(BCRYPT, bcrypt.stored());
        assertTrue(bcrypt.matches("secret"));
        assertFalse(bcrypt.matches("Secret"));
        assertFalse(bcrypt.isCurrent(Settings.Argon2.DEFAULTS), "upgraded at the next login");
        String argon2 = Argon2id.of("secret", Settings.Argon2.DEFAULTS).stored();
        assertEquals(argon2, PasswordHash.imported(argon2, Settings.Argon2.DEFAULTS).orElseThrow().stored());
    }

    @Test
    void aWeakHashIsStoredOnlyInsideArgon2idAndChecksTheSamePassword() {
        for (String weak : List.of(APR1, SHA)) {
            PasswordHash wrapped = PasswordHash.imported(weak, Settings.Argon2.DEFAULTS).orElseThrow();
            assertInstanceOf(Wrapped.class, wrapped);
            assertFalse(wrapped.stored().contains(weak.substring(weak.length() - 12)), "the weak hash itself is not stored: " + wrapped.stored());
            assertTrue(wrapped.stored().matches("\\{(apr1:OeEwY4lf|sha1)\\}\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$.+"), wrapped.stored());
            PasswordHash read = PasswordHash.parse(wrapped.stored()).orElseThrow();
            assertTrue(read.matches("secret"), weak);
            assertFalse(read.matches("secret "), weak);
            assertFalse(read.isCurrent(Settings.Argon2.DEFAULTS));
        }
        assertTrue(PasswordHash.parse(PasswordHash.imported(APR1_UTF8, Settings.Argon2.DEFAULTS).orElseThrow().stored()).orElseThrow()
                .matches("gru\u0308\u00dfe"), "a password typed decomposed is checked in NFC, as htpasswd got it");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "secret",                                                         // plain text
        "aBcDeFgHiJkLm",                                                  // crypt(3), DES
        "$2y$09$YnW39MsmJkntZTlOD1nKuO9l4GWjgcd2yCBf7aL6IPl4NTLhAiRpy",  // bcrypt below cost 10
        "$1$OeEwY4lf$2Xq4N18itqgJgkdHgVN6Q0",                            // MD5-crypt, not Apache's
        "{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ",                               // no padding: not what htpasswd writes
        "{apr1:OeEwY4lf}$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"}) // already wrapped
    void anythingElseIsNotImported(String foreign) {
        assertTrue(PasswordHash.imported(foreign, Settings.Argon2.DEFAULTS).isEmpty(), foreign);
    }

    @Test
    void anUnknownNameCostsWhatTheSlowestImportedEntryCosts() {
        PasswordHash bcrypt = Bcrypt.parse("$2y$12$" + BCRYPT.substring(7)).orElseThrow();
        PasswordHash argon2 = Argon2id.of("a", Settings.Argon2.DEFAULTS);
        PasswordHash slowest = bcrypt.cost() >= argon2.cost() ? bcrypt : argon2;
        PasswordHash unknown = PasswordHash.unknownUser(List.of(bcrypt, argon2), Settings.Argon2.DEFAULTS);
        assertEquals(slowest.getClass(), unknown.getClass());
        assertEquals(slowest.cost(), unknown.cost());
        assertFalse(unknown.matches("secret"));
    }
}
