package dev.securerestapi.realm.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class HashSlotsTest {

    @Test
    void beyondItsSlotsAHashWaitsThenIsRefusedAndTheSlotsComeBack() throws Exception {
        CountDownLatch holding = new CountDownLatch(HashSlots.SLOTS);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(HashSlots.SLOTS);
        try {
            List<Future<String>> running = new ArrayList<>();
            for (int i = 0; i < HashSlots.SLOTS; i++) {
                running.add(pool.submit(() -> HashSlots.run(0, () -> {
                    holding.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "done";
                })));
            }
            holding.await();
            assertEquals(HashSlots.SLOTS, HashSlots.running());
            long start = System.nanoTime();
            assertThrows(HashSlots.Busy.class, () -> HashSlots.run(0, () -> "one too many"));
            assertTrue(System.nanoTime() - start >= HashSlots.WAIT.toNanos() * 9 / 10, "it waited for room first");
            release.countDown();
            for (Future<String> f : running) {
                assertEquals("done", f.get());
            }
            assertEquals("room again", HashSlots.run(0, () -> "room again"));
            assertEquals(0, HashSlots.running());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aHashNeedingMoreMemoryThanTheBudgetIsRefusedAsAnEntryAndNeverRuns() {
        assertFalse(HashSlots.fits(HashSlots.BUDGET_KIB + 1L));
        assertTrue(HashSlots.fits(HashSlots.BUDGET_KIB));
        assertThrows(HashSlots.Busy.class, () -> HashSlots.run(HashSlots.BUDGET_KIB + 1, () -> "never"));
        assertEquals(0, HashSlots.running(), "the slot it took came back");
    }
}
