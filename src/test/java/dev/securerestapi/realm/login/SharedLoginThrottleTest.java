package dev.securerestapi.realm.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.securerestapi.ManualClock;
import dev.securerestapi.CountingDatabase;
import dev.securerestapi.settings.Settings.Lockout;
import org.junit.jupiter.api.Test;

/** Two instances' throttles on one database: the counts are the database's, and the usual request never asks it. */
class SharedLoginThrottleTest {

    private final CountingDatabase database = new CountingDatabase();
    private final ManualClock clock = new ManualClock();
    private final LoginThrottle nodeA = new LoginThrottle(Lockout.DEFAULTS, clock, Duration.ofMillis(50), () -> database);
    private final LoginThrottle nodeB = new LoginThrottle(Lockout.DEFAULTS, clock, Duration.ofMillis(50), () -> database);

    private static LoginThrottle.Attempt admitted(LoginThrottle node, String user, String address) {
        return assertInstanceOf(LoginThrottle.Attempt.class, node.admit(user, "wrong", address), user + " from " + address);
    }

    @Test
    void failuresOnEveryInstanceAddUpToOneLock() {
        for (int i = 0; i < 3; i++) {
            admitted(nodeA, "admin", "10.0.0.1").failed();
        }
        for (int i = 0; i < 2; i++) {
            admitted(nodeB, "admin", "10.0.0.1").failed();
        }
        // neither instance saw five failures itself
        assertInstanceOf(LoginThrottle.Refused.class, nodeA.admit("admin", "right", "10.0.0.1"));
        assertInstanceOf(LoginThrottle.Refused.class, nodeB.admit("admin", "right", "10.0.0.1"));
        assertInstanceOf(LoginThrottle.Attempt.class, nodeB.admit("admin", "right", "10.0.0.2"), "only for that address");
        clock.advance(Duration.ofMinutes(5));
        assertInstanceOf(LoginThrottle.Attempt.class, nodeA.admit("admin", "right", "10.0.0.1"), "until the lock runs out");
    }

    @Test
    void parallelGuessesOverTwoInstancesGetNoMoreChecksThanTheLimit() throws Exception {
        // each check takes 100 ms, as a hash would; 60 guesses at once, half on each instance
        LoginThrottle slowA = new LoginThrottle(Lockout.DEFAULTS, Clock.systemUTC(), Duration.ofSeconds(2), () -> database);
        LoginThrottle slowB = new LoginThrottle(Lockout.DEFAULTS, Clock.systemUTC(), Duration.ofSeconds(2), () -> database);
        ExecutorService pool = Executors.newFixedThreadPool(60);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger checked = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            LoginThrottle node = i % 2 == 0 ? slowA : slowB;
            done.add(pool.submit(() -> {
                start.await();
                if (node.admit("grace", "guess", "10.0.0.7") instanceof LoginThrottle.Attempt attempt) {
                    checked.incrementAndGet();
                    Thread.sleep(100);
                    attempt.failed();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(5, checked.get(), "five checks in all, whichever instance ran them");
    }

    @Test
    void aLoginThisInstanceVerifiedTakesNoPlaceAndAsksNoDatabase() {
        assertTrue(admitted(nodeA, "roy", "10.0.0.3").succeeded());
        LoginThrottle.Attempt first = assertInstanceOf(LoginThrottle.Attempt.class, nodeA.admit("roy", "roy-pass", "10.0.0.3"));
        assertTrue(first.succeeded(), "a first right password is counted, then remembered");
        int before = database.connections();
        for (int i = 0; i < 100; i++) {
            LoginThrottle.Attempt again = assertInstanceOf(LoginThrottle.Attempt.class, nodeA.admit("roy", "roy-pass", "10.0.0.3"));
            assertTrue(again.succeeded());
        }
        assertEquals(before, database.connections(), "no round trip for a login verified here");
        nodeB.admit("roy", "roy-pass", "10.0.0.3");
        assertTrue(database.connections() > before, "another instance, which did not verify it, counts it in the database");
    }

    @Test
    void aRememberedLoginThatFailsNowIsCountedEverywhere() {
        assertTrue(assertInstanceOf(LoginThrottle.Attempt.class, nodeA.admit("eve", "old-pass", "10.0.0.4")).succeeded());
        for (int i = 0; i < 5; i++) {
            // the password changed: the remembered one fails each time, and is no longer remembered after the first
            assertInstanceOf(LoginThrottle.Attempt.class, nodeA.admit("eve", "old-pass", "10.0.0.4")).failed();
        }
        assertInstanceOf(LoginThrottle.Refused.class, nodeB.admit("eve", "new-pass", "10.0.0.4"));
    }

    @Test
    void aLockMadeElsewhereStopsALoginThisInstanceVerifiedAfterOneMoreAttemptAtMost() {
        assertTrue(assertInstanceOf(LoginThrottle.Attempt.class, nodeB.admit("gina", "gina-pass", "10.0.0.8")).succeeded());
        for (int i = 0; i < 5; i++) {
            admitted(nodeA, "gina", "10.0.0.8").failed(); // all guesses on the other instance
        }
        // B met no failure itself: its first attempt from there that reaches the database learns of the lock
        assertInstanceOf(LoginThrottle.Refused.class, nodeB.admit("gina", "guess", "10.0.0.8"));
        assertInstanceOf(LoginThrottle.Refused.class, nodeB.admit("gina", "gina-pass", "10.0.0.8"),
                "then even the password it verified is refused, without asking the database");
    }

    @Test
    void aRememberedLoginTakesPlacesWhileGuessesForItsNameAndAddressAreCounted() {
        assertTrue(assertInstanceOf(LoginThrottle.Attempt.class, nodeA.admit("hal", "hal-pass", "10.0.0.9")).succeeded());
        LoginThrottle.Attempt guess = admitted(nodeA, "hal", "10.0.0.9"); // running
        int before = database.connections();
        LoginThrottle.Attempt right = assertInstanceOf(LoginThrottle.Attempt.class, nodeA.admit("hal", "hal-pass", "10.0.0.9"));
        assertTrue(database.connections() > before, "counted in the database like any other attempt");
        assertTrue(right.succeeded(), "no guess failed while it ran");
        guess.failed();
    }

    @Test
    void theRightPasswordCheckedOnOneInstanceWhileGuessesFailOnAnotherIsRefused() {
        LoginThrottle.Attempt right = assertInstanceOf(LoginThrottle.Attempt.class, nodeA.admit("ivy", "ivy-pass", "10.0.0.7"));
        admitted(nodeB, "ivy", "10.0.0.7").failed();
        assertFalse(right.succeeded(), "a guess failed on the other instance while it ran");
    }

    @Test
    void aFloodOfNamesLeavesRowsThatExpireAfterTheirWindow() throws Exception {
        for (int i = 0; i < 40; i++) {
            admitted(nodeA, "flood-" + i, "10.0.1." + i).failed();
        }
        assertTrue(rows() >= 120, "three keys for each failure: " + rows());
        clock.advance(Duration.ofMinutes(6));
        nodeA.admit("someone", "x", "10.0.2.1"); // a minute has passed since the last clean-up
        assertTrue(rows() <= 3, "only the new attempt's keys are left: " + rows());
    }

    private int rows() throws java.sql.SQLException {
        try (java.sql.Connection c = database.getConnection();
                java.sql.ResultSet count = c.createStatement().executeQuery("SELECT COUNT(*) FROM login_throttle")) {
            count.next();
            return count.getInt(1);
        }
    }

    @Test
    void withoutTheDatabaseEachInstanceStillCountsItsOwn() {
        database.down(true);
        for (int i = 0; i < 5; i++) {
            admitted(nodeA, "dave", "10.0.0.5").failed();
        }
        assertInstanceOf(LoginThrottle.Refused.class, nodeA.admit("dave", "right", "10.0.0.5"));
    }

    @Test
    void aCheckLostWithItsInstanceIsForgottenAfterItsTime() {
        LoginThrottle dying = new LoginThrottle(Lockout.DEFAULTS, clock, Duration.ofMillis(50), () -> database);
        for (int i = 0; i < 5; i++) {
            admitted(dying, "frank", "10.0.0.6"); // five checks that never report back
        }
        assertInstanceOf(LoginThrottle.Refused.class, nodeA.admit("frank", "x", "10.0.0.6"), "every place is held");
        clock.advance(SharedFailureTracker.RUNNING_TTL);
        assertInstanceOf(LoginThrottle.Attempt.class, nodeA.admit("frank", "x", "10.0.0.6"));
    }

    @Test
    void aClientThatLoggedInOnOneInstanceIsKnownForTheNameOnEvery() {
        assertTrue(nodeA.admit("admin", "right", "198.51.100.7") instanceof LoginThrottle.Attempt a && a.succeeded());
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 5; j++) {
                admitted(i % 2 == 0 ? nodeA : nodeB, "admin", "203.0.113." + i).failed();
            }
        }
        assertInstanceOf(LoginThrottle.Refused.class, nodeB.admit("admin", "right", "192.0.2.50"), "the name is locked on every instance");
        LoginThrottle.Attempt operator = assertInstanceOf(LoginThrottle.Attempt.class, nodeB.admit("admin", "right", "198.51.100.7"),
                "instance B never saw the operator log in, the database did");
        assertTrue(operator.succeeded());
        database.down(true);
        LoginThrottle nodeC = new LoginThrottle(Lockout.DEFAULTS, clock, Duration.ofMillis(50), () -> database);
        for (int i = 0; i < 100; i++) {
            admitted(nodeC, "admin", "203.0.114." + (i / 5)).failed();
        }
        assertInstanceOf(LoginThrottle.Refused.class, nodeC.admit("admin", "right", "198.51.100.7"),
                "without the database a new instance does not know the client: refused, never let in unknown");
    }

    @Test
    void thirtySecondsWithoutTheDatabaseAnInstanceRefusesLoginsItHasNotVerifiedLately() {
        assertTrue(nodeA.admit("roy", "roy-pass", "10.0.0.1") instanceof LoginThrottle.Attempt a && a.succeeded());
        database.down(true);
        assertInstanceOf(LoginThrottle.Attempt.class, nodeA.admit("admin", "right", "10.0.0.2"),
                "at first the instance counts alone");
        clock.advance(Duration.ofSeconds(29));
        assertInstanceOf(LoginThrottle.Attempt.class, nodeA.admit("admin", "right", "10.0.0.2"));
        clock.advance(Duration.ofSeconds(1));
        LoginThrottle.Refused refused = assertInstanceOf(LoginThrottle.Refused.class, nodeA.admit("admin", "right", "10.0.0.2"),
                "30 s without the database: not checked");
        assertEquals(503, refused.status());
        assertTrue(nodeA.admit("roy", "roy-pass", "10.0.0.1") instanceof LoginThrottle.Attempt a && a.succeeded(),
                "a login verified lately still gets in");
        database.down(false);
        clock.advance(Duration.ofSeconds(1));
        assertInstanceOf(LoginThrottle.Attempt.class, nodeA.admit("admin", "right", "10.0.0.2"),
                "once it answers (asked again within a second), all is as before");
    }

    @Test
    void whileTheDatabaseDoesNotAnswerItIsAskedAtMostOnceASecondNotOncePerStatement() {
        database.down(true);
        admitted(nodeA, "admin", "10.0.0.1").failed();
        int asked = database.asked();
        for (int i = 0; i < 20; i++) {
            admitted(nodeA, "admin", "10.0.1." + i).failed();
        }
        assertEquals(asked, database.asked(), "no statement waits for a database that did not answer a moment ago");
        clock.advance(Duration.ofSeconds(1));
        admitted(nodeA, "admin", "10.0.0.9").failed();
        assertEquals(asked + 1, database.asked(), "a second later, one statement asks again");
    }
}
