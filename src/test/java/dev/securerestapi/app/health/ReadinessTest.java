package dev.securerestapi.app.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import dev.securerestapi.CountingDatabase;
import dev.securerestapi.ManualClock;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    private final CountingDatabase database = new CountingDatabase();
    private final ManualClock clock = new ManualClock();
    private final Readiness readiness = new Readiness(database, clock);

    @Test
    void readyWhileTheDatabaseAnswersAndAgainOnceItIsBack() {
        assertTrue(readiness.ready());
        database.down(true);
        clock.advance(Duration.ofSeconds(1));
        assertFalse(readiness.ready());
        database.down(false);
        clock.advance(Duration.ofSeconds(1));
        assertTrue(readiness.ready(), "recovers by itself");
    }

    @Test
    void probesAskTheDatabaseAtMostOnceASecond() {
        readiness.ready();
        int before = database.connections();
        for (int i = 0; i < 1_000; i++) {
            assertTrue(readiness.ready());
        }
        assertEquals(before, database.connections(), "a thousand probes in one second, no connection");
        clock.advance(Duration.ofSeconds(1));
        readiness.ready();
        assertEquals(before + 1, database.connections());
    }

    @Test
    void notReadyUntilTheWarmUpIsOverThenReadyEvenIfItFailed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        readiness.warmingUp("a test", () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("warm-up failed");
        });
        assertFalse(readiness.ready(), "the database answers, but the warm-up runs");
        release.countDown();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!readiness.ready() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(readiness.ready(), "a failed warm-up does not keep the instance out");
    }

    @Test
    void notReadyOnceStoppingWhateverTheDatabaseSays() {
        assertTrue(readiness.ready());
        readiness.stopping();
        assertFalse(readiness.ready());
        clock.advance(Duration.ofSeconds(5));
        assertFalse(readiness.ready());
    }
}
