package dev.securerestapi.realm.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import dev.securerestapi.ManualClock;
import dev.securerestapi.settings.Settings.Lockout;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final ManualClock clock = new ManualClock();
    private final LoginThrottle throttle = new LoginThrottle(Lockout.DEFAULTS, clock);

    @Test
    void fiveFailuresForANameInAnyCaseLockItForFiveMinutes() {
        String[] spellings = {"admin", "Admin", "ADMIN", "aDmin", "admiN"};
        for (String name : spellings) {
            assertEquals(0, throttle.retryAfterSeconds("admin", "10.0.0.1"));
            throttle.failed(name, "10.0.0.1");
        }
        assertEquals(300, throttle.retryAfterSeconds("admin", "10.0.0.2"), "locked for the name, from any address");
        assertEquals(300, throttle.retryAfterSeconds("ADMIN", "10.0.0.2"));
        assertEquals(0, throttle.retryAfterSeconds("roy", "10.0.0.1"), "others are not locked");
        clock.advance(Duration.ofSeconds(299));
        assertEquals(1, throttle.retryAfterSeconds("admin", "10.0.0.1"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0, throttle.retryAfterSeconds("admin", "10.0.0.1"));
        throttle.failed("admin", "10.0.0.1");
        assertEquals(0, throttle.retryAfterSeconds("admin", "10.0.0.1"), "after a lock the count starts again");
    }

    @Test
    void aSuccessClearsTheNamesCount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("roy", "10.0.0.1");
        }
        throttle.succeeded("Roy");
        throttle.failed("roy", "10.0.0.1");
        assertEquals(0, throttle.retryAfterSeconds("roy", "10.0.0.1"));
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("roy", "10.0.0." + i);
        }
        clock.advance(Duration.ofMinutes(5));
        throttle.failed("roy", "10.0.0.9");
        assertEquals(0, throttle.retryAfterSeconds("roy", "10.0.0.9"));
    }

    @Test
    void fiftyFailuresFromOneAddressRefuseItForEveryName() {
        for (int i = 0; i < 50; i++) {
            assertEquals(0, throttle.retryAfterSeconds("user" + i, "10.0.0.7"));
            throttle.failed("user" + i, "10.0.0.7");
        }
        assertEquals(300, throttle.retryAfterSeconds("someone-else", "10.0.0.7"));
        assertEquals(0, throttle.retryAfterSeconds("someone-else", "10.0.0.8"), "other addresses are not refused");
    }

    @Test
    void aFullTrackerNeverDropsALockedNameAndLocksNobodyElse() {
        LoginThrottle small = new LoginThrottle(new Lockout(5, Duration.ofMinutes(5), 1_000_000,
                Duration.ofMinutes(5), 10), clock);
        for (int i = 0; i < 5; i++) {
            small.failed("admin", "10.0.0.1");
        }
        for (int i = 0; i < 10_000; i++) {
            small.failed("unknown-" + i, "10.0.0.2");
        }
        assertTrue(small.retryAfterSeconds("admin", "10.0.0.3") > 0, "the locked name stays locked");
        assertEquals(0, small.retryAfterSeconds("roy", "10.0.0.3"), "nobody else is locked by the flood");
    }

    @Test
    void aTrackerFullOfLockedKeysStopsCountingNewOnes() {
        FailureTracker tracker = new FailureTracker(1, Duration.ofMinutes(5), 3, clock);
        assertEquals(1, tracker.failed("a"));
        assertEquals(1, tracker.failed("b"));
        assertEquals(1, tracker.failed("c"));
        assertEquals(0, tracker.failed("d"), "no room: not counted");
        assertEquals(Duration.ZERO, tracker.lockedFor("d"));
        assertEquals(3, tracker.size());
        clock.advance(Duration.ofMinutes(5));
        assertEquals(1, tracker.failed("d"), "room again once the locks expire");
    }

    @Test
    void everySpellingOfANameCountsAgainstIt() {
        LoginThrottle throttle = new LoginThrottle(Lockout.DEFAULTS, clock);
        for (String spelling : new String[] {"Admin", "ＡＤＭＩＮ", "ａｄｍｉｎ", "ADMIN", "aDmin"}) {
            throttle.failed(spelling, "192.0.2." + spelling.length());
        }
        assertTrue(throttle.retryAfterSeconds("admin", "198.51.100.1") > 0, "admin is locked after five spellings failed");
    }

    @Test
    void namesInLogLinesCannotForgeLines() {
        assertEquals("a?b?c\\'", LoginThrottle.printable("a\nb\u202ec'"));
        assertEquals(67, LoginThrottle.printable("x".repeat(1000)).length());
    }
}
