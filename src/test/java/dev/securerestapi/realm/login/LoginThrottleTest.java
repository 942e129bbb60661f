package dev.securerestapi.realm.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.securerestapi.ManualClock;
import dev.securerestapi.settings.Settings.Lockout;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final ManualClock clock = new ManualClock();
    /** Waits 50 ms for a place held by running checks, instead of 2 s, so refusals come quickly. */
    private final LoginThrottle throttle = new LoginThrottle(Lockout.DEFAULTS, clock, Duration.ofMillis(50));

    private LoginThrottle.Attempt admitted(String user, String address) {
        return assertInstanceOf(LoginThrottle.Attempt.class, throttle.admit(user, address), user + " from " + address);
    }

    private long refusedFor(String user, String address) {
        return assertInstanceOf(LoginThrottle.Refused.class, throttle.admit(user, address), user + " from " + address).retryAfterSeconds();
    }

    private void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            admitted(user, address).failed();
        }
    }

    @Test
    void fiveFailuresForANameFromOneAddressLockItThereForFiveMinutesInAnySpelling() {
        String[] spellings = {"admin", "Admin", "ADMIN", "ａｄｍｉｎ", "admiN"};
        for (String name : spellings) {
            admitted(name, "10.0.0.1").failed();
        }
        assertEquals(300, refusedFor("admin", "10.0.0.1"), "locked, even before the password is looked at");
        assertEquals(300, refusedFor("ＡＤＭＩＮ", "10.0.0.1"));
        admitted("roy", "10.0.0.1").succeeded();
        clock.advance(Duration.ofSeconds(299));
        assertEquals(1, refusedFor("admin", "10.0.0.1"));
        clock.advance(Duration.ofSeconds(1));
        admitted("admin", "10.0.0.1").failed();
        admitted("admin", "10.0.0.1");
    }

    @Test
    void anAttackerElsewhereCannotLockTheOperatorOut() {
        fail("admin", "203.0.113.9", 5);
        assertTrue(refusedFor("admin", "203.0.113.9") > 0);
        assertTrue(admitted("admin", "198.51.100.7").succeeded(), "the operator's own address still gets in");
    }

    @Test
    void anAttemptIsCountedBeforeItsHashSoParallelGuessesGetNoMoreTries() {
        List<LoginThrottle.Attempt> running = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            running.add(admitted("admin", "10.0.0.1"));
        }
        for (int i = 0; i < 3; i++) {
            refusedFor("admin", "10.0.0.1"); // all five places held while the first hashes run
        }
        running.forEach(LoginThrottle.Attempt::failed);
        assertEquals(300, refusedFor("admin", "10.0.0.1"));
    }

    @Test
    void whileAnAttemptRunsItsPlaceIsHeldSoNoOthersCanLockItsNameAndSlipPast() {
        fail("admin", "10.0.0.1", 3);
        LoginThrottle.Attempt right = admitted("admin", "10.0.0.1");
        admitted("admin", "10.0.0.1").failed();
        refusedFor("admin", "10.0.0.1"); // 4 failures and 1 running: no place for a sixth guess
        assertFalse(right.succeeded(), "a guess failed while it ran: inside a burst, the right password gets no one in");
    }

    @Test
    void aGuessThatArrivesWhileThePlacesAreHeldWaitsAndIsRefusedOnceTheyFail() throws Exception {
        LoginThrottle patient = new LoginThrottle(Lockout.DEFAULTS, clock, Duration.ofSeconds(10));
        List<LoginThrottle.Attempt> running = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            running.add((LoginThrottle.Attempt) patient.admit("admin", "10.0.0.1"));
        }
        CompletableFuture<LoginThrottle.Admission> sixth = CompletableFuture.supplyAsync(() -> patient.admit("admin", "10.0.0.1"));
        Thread.sleep(200);
        assertFalse(sixth.isDone(), "the sixth waits for a place rather than running beside the five");
        running.forEach(LoginThrottle.Attempt::failed);
        assertInstanceOf(LoginThrottle.Refused.class, sixth.get(5, TimeUnit.SECONDS), "once they fail, it is refused unchecked");
    }

    @Test
    void aClientsOwnParallelRequestsWaitForAPlaceAndAreNotRefused() throws Exception {
        LoginThrottle patient = new LoginThrottle(Lockout.DEFAULTS, clock, Duration.ofSeconds(10));
        List<LoginThrottle.Attempt> running = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            running.add((LoginThrottle.Attempt) patient.admit("roy", "10.0.0.1"));
        }
        CompletableFuture<LoginThrottle.Admission> sixth = CompletableFuture.supplyAsync(() -> patient.admit("roy", "10.0.0.1"));
        Thread.sleep(200);
        assertFalse(sixth.isDone(), "the sixth waits while five are being checked");
        running.forEach(LoginThrottle.Attempt::succeeded);
        assertInstanceOf(LoginThrottle.Attempt.class, sixth.get(5, TimeUnit.SECONDS), "and is checked once a place is free");
    }

    @Test
    void aFirstSuccessLetsTheSamePasswordWaitingBesideItInWithoutAPlace() throws Exception {
        LoginThrottle patient = new LoginThrottle(Lockout.DEFAULTS, clock, Duration.ofSeconds(10));
        List<LoginThrottle.Attempt> running = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            running.add((LoginThrottle.Attempt) patient.admit("roy", "roy-pass", "10.0.0.1"));
        }
        CompletableFuture<LoginThrottle.Admission> sixth = CompletableFuture.supplyAsync(() -> patient.admit("roy", "roy-pass", "10.0.0.1"));
        Thread.sleep(200);
        assertFalse(sixth.isDone(), "the sixth waits while five are being checked");
        assertTrue(running.get(0).succeeded());
        // four are still being checked, so no place is free: the success alone lets it in
        LoginThrottle.Attempt admitted = assertInstanceOf(LoginThrottle.Attempt.class, sixth.get(5, TimeUnit.SECONDS));
        assertTrue(admitted.succeeded());
        running.subList(1, 5).forEach(LoginThrottle.Attempt::succeeded);
    }

    @Test
    void aPasswordVerifiedBeforeABurstOfGuessesWaitsWithTheBurstAndMeetsItsLock() throws Exception {
        LoginThrottle patient = new LoginThrottle(Lockout.DEFAULTS, clock, Duration.ofSeconds(10));
        assertTrue(((LoginThrottle.Attempt) patient.admit("roy", "roy-pass", "10.0.0.1")).succeeded());
        List<LoginThrottle.Attempt> guesses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            guesses.add((LoginThrottle.Attempt) patient.admit("roy", "guess-" + i, "10.0.0.1"));
        }
        CompletableFuture<LoginThrottle.Admission> right = CompletableFuture.supplyAsync(() -> patient.admit("roy", "roy-pass", "10.0.0.1"));
        Thread.sleep(200);
        assertFalse(right.isDone(), "it was verified before, yet it waits while guesses are checked");
        guesses.forEach(LoginThrottle.Attempt::failed);
        assertInstanceOf(LoginThrottle.Refused.class, right.get(5, TimeUnit.SECONDS), "and the guesses' lock refuses it");
    }

    @Test
    void theFifthTryMayStillBeTheRightOne() {
        fail("roy", "10.0.0.1", 4);
        assertTrue(admitted("roy", "10.0.0.1").succeeded(), "the fifth try, right, gets in");
        fail("roy", "10.0.0.1", 4);
        admitted("roy", "10.0.0.1");
    }

    @Test
    void aSuccessGivesItsPlaceBackAndClearsTheCountForThatAddress() {
        fail("roy", "10.0.0.1", 4);
        assertTrue(admitted("Roy", "10.0.0.1").succeeded());
        fail("roy", "10.0.0.1", 4);
        admitted("roy", "10.0.0.1");
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        fail("roy", "10.0.0.1", 4);
        clock.advance(Duration.ofMinutes(5));
        fail("roy", "10.0.0.1", 4);
        admitted("roy", "10.0.0.1");
    }

    @Test
    void aHundredFailuresFromManyAddressesLockANameForAll() {
        for (int i = 0; i < 25; i++) {
            fail("admin", "10.0.1." + i, 4);
        }
        assertEquals(300, refusedFor("admin", "198.51.100.7"), "the name-wide ceiling");
        admitted("roy", "198.51.100.7");
    }

    @Test
    void fiftyFailuresFromOneAddressRefuseItForEveryName() {
        for (int i = 0; i < 50; i++) {
            admitted("user" + i, "10.0.0.7").failed();
        }
        assertEquals(300, refusedFor("someone-else", "10.0.0.7"));
        admitted("someone-else", "10.0.0.8");
    }

    @Test
    void unreadableCredentialsCountAgainstTheAddress() {
        for (int i = 0; i < 50; i++) {
            assertEquals(null, throttle.malformed("10.0.0.9"));
        }
        assertTrue(throttle.malformed("10.0.0.9").retryAfterSeconds() > 0);
        refusedFor("admin", "10.0.0.9");
    }

    @Test
    void aFullTrackerNeverDropsALockedNameAndLocksNobodyElse() {
        LoginThrottle small = new LoginThrottle(new Lockout(5, Duration.ofMinutes(5), 1_000_000, 1_000_000,
                Duration.ofMinutes(5), 10), clock, Duration.ofMillis(50));
        for (int i = 0; i < 5; i++) {
            ((LoginThrottle.Attempt) small.admit("admin", "10.0.0.1")).failed();
        }
        for (int i = 0; i < 10_000; i++) {
            if (small.admit("unknown-" + i, "10.0.0.2") instanceof LoginThrottle.Attempt attempt) {
                attempt.failed();
            }
        }
        assertInstanceOf(LoginThrottle.Refused.class, small.admit("admin", "10.0.0.1"), "the locked name stays locked");
        assertInstanceOf(LoginThrottle.Attempt.class, small.admit("roy", "10.0.0.3"), "nobody else is locked by the flood");
    }

    @Test
    void theRightPasswordCheckedBesideFailingGuessesIsRefusedAndClearsNoneOfTheirFailures() {
        LoginThrottle.Attempt right = (LoginThrottle.Attempt) throttle.admit("admin", "right", "10.0.0.1");
        for (int i = 0; i < 4; i++) {
            ((LoginThrottle.Attempt) throttle.admit("admin", "guess-" + i, "10.0.0.1")).failed();
        }
        assertFalse(right.succeeded(), "4 guesses failed while it was checked");
        ((LoginThrottle.Attempt) throttle.admit("admin", "guess-4", "10.0.0.1")).failed();
        assertInstanceOf(LoginThrottle.Refused.class, throttle.admit("admin", "right", "10.0.0.1"),
                "the 4 failures stayed: the 5th locks the name for that address");
    }

    @Test
    void aRightPasswordAfterEarlierFailuresStillClearsThem() {
        for (int i = 0; i < 4; i++) {
            ((LoginThrottle.Attempt) throttle.admit("admin", "typo-" + i, "10.0.0.1")).failed();
        }
        assertTrue(((LoginThrottle.Attempt) throttle.admit("admin", "right", "10.0.0.1")).succeeded());
        for (int i = 0; i < 4; i++) {
            ((LoginThrottle.Attempt) throttle.admit("admin", "typo-again-" + i, "10.0.0.1")).failed();
        }
        assertInstanceOf(LoginThrottle.Attempt.class, throttle.admit("admin", "right", "10.0.0.1"), "counting began again");
    }

    @Test
    void aTrackerFullOfLockedKeysRefusesNewOnesUntilTheFirstLockEnds() {
        FailureTracker tracker = new FailureTracker(1, Duration.ofMinutes(5), 3, clock, Duration.ofMillis(50));
        assertEquals(1, tracker.fail(tracker.reserve("a")));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, tracker.fail(tracker.reserve("b")));
        assertEquals(1, tracker.fail(tracker.reserve("c")));
        assertNull(tracker.reserve("d"), "no room: refused, never checked uncounted");
        assertEquals(Duration.ZERO, tracker.lockedFor("d"), "d itself is not locked");
        assertEquals(Duration.ofMinutes(4), tracker.untilRoom(), "room once a's lock ends");
        assertEquals(3, tracker.size());
        clock.advance(Duration.ofMinutes(4));
        assertTrue(tracker.reserve("d").counted(), "room again once a lock ends");
    }

    @Test
    void aThrottleWhoseTrackerIsFullOfLocksRefusesNewNamesButNotLoginsItVerified() {
        LoginThrottle small = new LoginThrottle(new Lockout(1, Duration.ofMinutes(5), 1_000_000, 1_000_000,
                Duration.ofMinutes(5), 3), clock, Duration.ofMillis(50));
        ((LoginThrottle.Attempt) small.admit("roy", "roy-pass", "10.0.0.9")).succeeded();
        for (int i = 0; i < 3; i++) {
            ((LoginThrottle.Attempt) small.admit("flood-" + i, "10.0.0.2")).failed();
        }
        LoginThrottle.Admission newcomer = small.admit("dave", "dave-pass", "10.0.0.3");
        assertInstanceOf(LoginThrottle.Refused.class, newcomer, "a full tracker refuses what it cannot count");
        assertEquals(300, ((LoginThrottle.Refused) newcomer).retryAfterSeconds());
        assertInstanceOf(LoginThrottle.Attempt.class, small.admit("roy", "roy-pass", "10.0.0.9"), "a login verified here goes on");
    }

    @Test
    void namesInLogLinesCannotForgeLines() {
        assertEquals("a?b?c\\'", ThrottleLog.printable("a\nb\u202ec'"));
        assertEquals(67, ThrottleLog.printable("x".repeat(1000)).length());
    }

    @Test
    void aClientThatLoggedInAsTheNameLatelyIsNotRefusedByTheNameWideLock() {
        assertTrue(admitted("admin", "198.51.100.7").succeeded(), "the operator logs in from home");
        for (int i = 0; i < 20; i++) { // 100 failures from 20 addresses: the name is locked for everyone
            fail("admin", "203.0.113." + i, 5);
        }
        assertEquals(300, refusedFor("admin", "192.0.2.50"), "a new address waits for the name's lock");
        LoginThrottle.Attempt operator = admitted("admin", "198.51.100.7");
        assertTrue(operator.succeeded(), "the operator's own address is let in, and its login stands");
        clock.advance(Duration.ofDays(29));
        fail("admin", "203.0.113.99", 5);
        for (int i = 0; i < 19; i++) {
            fail("admin", "203.0.114." + i, 5);
        }
        assertTrue(admitted("admin", "198.51.100.7").succeeded(), "known for 30 days after the last success");
        clock.advance(Duration.ofDays(30));
        for (int i = 0; i < 20; i++) {
            fail("admin", "203.0.115." + i, 5);
        }
        assertEquals(300, refusedFor("admin", "198.51.100.7"), "not after");
    }

    @Test
    void aKnownClientStillMeetsItsOwnLimits() {
        assertTrue(admitted("admin", "198.51.100.7").succeeded());
        for (int i = 0; i < 20; i++) {
            fail("admin", "203.0.113." + i, 5);
        }
        fail("admin", "198.51.100.7", 5); // someone else behind the operator's NAT
        assertEquals(300, refusedFor("admin", "198.51.100.7"), "five failures from there lock the name there");
        assertTrue(admitted("roy", "198.51.100.7").succeeded(), "the address itself is not refused (5 of 50)");
    }

    @Test
    void theSlash64sOfOneSlash56GetFiveTriesForANameBetweenThem() {
        for (int i = 0; i < 5; i++) {
            admitted("admin", ClientAddress.key(String.format("2001:db8:0:ab%02x::1", i))).failed();
        }
        assertEquals(300, refusedFor("admin", ClientAddress.key("2001:db8:0:abff::7")), "another /64 of the same /56");
        assertTrue(admitted("admin", ClientAddress.key("2001:db8:0:ac00::1")).succeeded(), "the next /56 is another client");
        assertTrue(admitted("roy", ClientAddress.key("2001:db8:0:ab00::1")).succeeded(), "and the /64s are not refused for other names");
    }
}
