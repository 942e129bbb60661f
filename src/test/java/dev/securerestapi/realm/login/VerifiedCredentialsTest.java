package dev.securerestapi.realm.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import dev.securerestapi.ManualClock;
import org.junit.jupiter.api.Test;

class VerifiedCredentialsTest {

    private final ManualClock clock = new ManualClock();
    private final VerifiedCredentials cache = new VerifiedCredentials(100, Duration.ofMinutes(10), clock);

    @Test
    void rememberedSuccessIsVerified() {
        cache.remember("admin", "pw", "stored-1");
        assertTrue(cache.isVerified("admin", "pw", "stored-1"));
    }

    @Test
    void anotherPasswordIsNotVerified() {
        cache.remember("admin", "pw", "stored-1");
        assertFalse(cache.isVerified("admin", "pw2", "stored-1"));
        assertFalse(cache.isVerified("admin", "", "stored-1"));
    }

    @Test
    void aChangedStoredHashStopsTheOldPasswordAtOnce() {
        cache.remember("admin", "old", "stored-1");
        assertFalse(cache.isVerified("admin", "old", "stored-2"));
    }

    @Test
    void anotherUserWithTheSamePasswordIsNotVerified() {
        cache.remember("admin", "pw", "stored-1");
        assertFalse(cache.isVerified("roy", "pw", "stored-1"));
    }

    @Test
    void partsCannotBeShiftedBetweenFields() {
        cache.remember("ab", "c", "s");
        assertFalse(cache.isVerified("a", "bc", "s"));
    }

    @Test
    void entriesExpire() {
        cache.remember("admin", "pw", "stored-1");
        clock.advance(Duration.ofMinutes(10));
        assertFalse(cache.isVerified("admin", "pw", "stored-1"));
        assertEquals(0, cache.size());
    }

    @Test
    void theBoundHoldsUnderManyUsers() {
        for (int i = 0; i < 1_000; i++) {
            clock.advance(Duration.ofMillis(1));
            cache.remember("user" + i, "pw", "stored");
        }
        assertTrue(cache.size() <= 100, "size " + cache.size());
        assertTrue(cache.isVerified("user999", "pw", "stored"), "the newest stay");
        assertFalse(cache.isVerified("user0", "pw", "stored"), "the oldest go");
    }

    @Test
    void eachPasswordOnAThreadIsJudgedByItsContentNotByThePasswordBefore() {
        String password = new String("pw".toCharArray());
        cache.remember("admin", password, "stored-1");
        assertTrue(cache.isVerified("admin", password, "stored-1"));
        assertFalse(cache.isVerified("admin", new String("pX".toCharArray()), "stored-1"));
        assertTrue(cache.isVerified("admin", new String("pw".toCharArray()), "stored-1"), "an equal password in another String");
        assertTrue(cache.isVerified(VerifiedCredentials.key("admin", password, "stored-1")), "a key made once");
        assertFalse(cache.isVerified("admin", "", "stored-1"));
    }

    @Test
    void eachCacheRemembersOnlyItsOwnSuccesses() {
        VerifiedCredentials other = new VerifiedCredentials(100, Duration.ofMinutes(10), clock);
        cache.remember("admin", "pw", "stored-1");
        assertFalse(other.isVerified("admin", "pw", "stored-1"));
    }
}
