package dev.securerestapi.realm.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import dev.securerestapi.ManualClock;
import dev.securerestapi.credentials.AccessTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void theStoreHoldsAKeyedDigestNeverTheSecretAndTheSecretIsShownOnce() {
        MemoryTokens store = new MemoryTokens();
        Tokens tokens = new Tokens(store, clock);
        AccessTokens.Created made = assertInstanceOf(AccessTokens.Created.class, tokens.make("roy", List.of("user"), "ci", "read", 30, "10.0.0.1"));
        StoredToken stored = store.of("roy").get(0);
        assertNotEquals(made.secret(), stored.digest());
        assertFalse(stored.toString().contains(made.secret()) || made.toString().contains(made.secret()) || stored.toString().contains(stored.digest()));
        assertEquals(new TokenDigest(store.key()).of(made.secret()), stored.digest(), "HMAC-SHA256 under the deployment's key");
        assertNotEquals(new TokenDigest(TokenDigest.newKey()).of(made.secret()), stored.digest(), "no digest without the key");
        assertEquals(clock.instant().plus(Duration.ofDays(30)), made.token().expires());
        assertNull(tokens.list("roy").get(0).lastUsed());
    }

    @Test
    void lastUseIsWrittenInOneGoNowAndThenNotOncePerLogin() {
        MemoryTokens store = new MemoryTokens();
        Tokens tokens = new Tokens(store, clock);
        String secret = ((AccessTokens.Created) tokens.make("roy", List.of("user"), "ci", "read", 30, "10.0.0.1")).secret();
        for (int i = 0; i < 100; i++) {
            tokens.used(tokens.find("roy", secret).orElseThrow(), "10.0.0.2");
        }
        assertTrue(store.written.isEmpty(), "nothing written per login");
        assertEquals(clock.instant(), tokens.list("roy").get(0).lastUsed(), "the list shows this instance's uses already");
        tokens.flush();
        assertEquals(1, store.written.size(), "one write for all of them");
        assertEquals(clock.instant(), store.of("roy").get(0).lastUsed());
        assertEquals("10.0.0.2", store.of("roy").get(0).lastAddress());
        tokens.flush();
        assertEquals(1, store.written.size(), "nothing new, nothing written");
    }

    @Test
    void aTokenFileIsWrittenOwnerOnlyBesideTheRealmFileAndReadBack(@TempDir Path dir) throws Exception {
        Path realm = dir.resolve("realm.properties");
        Files.writeString(realm, "roy: x, user\n");
        FileTokens store = new FileTokens(realm);
        try {
            Tokens tokens = new Tokens(store, clock);
            String secret = ((AccessTokens.Created) tokens.make("roy", List.of("user"), "ci: 100% über \\ \"q\" + x", "write", 7, "10.0.0.1")).secret();
            Path file = FileTokens.beside(realm);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("realm.properties.token-key"))));
            assertFalse(Files.readString(file).contains(secret), "no secret on disk");
            List<StoredToken> read = FileTokens.read(file);
            assertEquals("ci: 100% über \\ \"q\" + x", read.get(0).name(), "any name survives the file's format");
            assertTrue(tokens.find("roy", secret).isPresent(), "found at once by the instance that wrote it");
            assertTrue(tokens.revoke("roy", read.get(0).id(), null));
            assertTrue(tokens.find("roy", secret).isEmpty() && FileTokens.read(file).isEmpty(), "revoked: gone from the file");
        } finally {
            store.close();
        }
    }
}
