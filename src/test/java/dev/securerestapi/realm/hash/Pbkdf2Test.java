package dev.securerestapi.realm.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Pbkdf2Test {

    // made by Tomcat 11's digest.sh -a PBKDF2WithHmacSHA256 -i 600000 -s 16 -k 256 for "SuperSecretPwd"
    private static final String FROM_TOMCAT =
            "7b9202786f2fb0ee18dc68d18c0e2b37$600000$8292cbcc4c22e4bc5a95aac2f17b776d189692b265f4108339bc0b6fc5deadf0";

    @Test
    void readsWhatTomcatsDigestToolWrites() {
        Pbkdf2 hash = Pbkdf2.parse(FROM_TOMCAT).orElseThrow();
        assertTrue(hash.matches("SuperSecretPwd"));
        assertFalse(hash.matches("SuperSecretPwd "));
        assertEquals(FROM_TOMCAT, hash.stored());
    }

    @Test
    void passwordsAreHashedAndCheckedInNfc() throws Exception {
        Pbkdf2 fromDecomposed = Pbkdf2.of("gru\u0308\u00dfe-pass");
        assertTrue(fromDecomposed.matches("gr\u00fc\u00dfe-pass"), "stored from NFD, typed composed");
        assertTrue(fromDecomposed.matches("gru\u0308\u00dfe-pass"), "typed decomposed again");
        assertFalse(fromDecomposed.matches("grue\u00dfe-pass"));
        // what is stored is the hash of the NFC form, the one Tomcat's own handler (which does not normalize) is given
        byte[] ofComposed = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(
                new javax.crypto.spec.PBEKeySpec("gr\u00fc\u00dfe-pass".toCharArray(), fromDecomposed.salt(), Pbkdf2.ITERATIONS, 256))
                .getEncoded();
        assertTrue(java.util.Arrays.equals(ofComposed, fromDecomposed.hash()));
    }

    @Test
    void newHashesUseAFreshSaltAndPolicyStrength() {
        Pbkdf2 first = Pbkdf2.of("Grüße:€");
        Pbkdf2 second = Pbkdf2.of("Grüße:€");
        assertNotEquals(first.stored(), second.stored(), "salted");
        assertEquals(16, first.salt().length);
        assertEquals(Pbkdf2.ITERATIONS, first.iterations());
        assertTrue(Pbkdf2.parse(first.stored()).orElseThrow().matches("Grüße:€"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SuperSecretPwd",
        "MD5:0a2a2b8d0e9c6b6b2e7b5a8d9d6f1f6e",
        "MD:SHA-512:d2a70ad687112b5af5f566f00b75ad88f3a976b96c3c37e7d8ec417385750a76",
        "CRYPT:adpexzg3FUZAk",
        "OBF:1v2j1uum1xtv1zej1zer1xtn1uvk1v1v",
        "7b9202786f2fb0ee18dc68d18c0e2b37$20000$8292cbcc4c22e4bc5a95aac2f17b776d189692b265f4108339bc0b6fc5deadf0",
        "7b9202786f2fb0ee$600000$8292cbcc4c22e4bc5a95aac2f17b776d189692b265f4108339bc0b6fc5deadf0",
        "7b9202786f2fb0ee18dc68d18c0e2b37$600000$8292cbcc",
        "7B9202786F2FB0EE18DC68D18C0E2B37$600000$8292CBCC4C22E4BC5A95AAC2F17B776D189692B265F4108339BC0B6FC5DEADF0"})
    void anythingElseIsNotAHashThisRealmAccepts(String stored) {
        assertTrue(Pbkdf2.parse(stored).isEmpty(), stored);
    }

    @Test
    void toStringShowsNoSaltOrHash() {
        assertEquals("Pbkdf2[iterations=600000]", Pbkdf2.parse(FROM_TOMCAT).orElseThrow().toString());
    }
}
