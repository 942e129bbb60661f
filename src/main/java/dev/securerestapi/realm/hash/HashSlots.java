package dev.securerestapi.realm.hash;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many slow hashes run at once in this JVM, and how much memory they hold: every check and
 * every new hash takes a slot ({@link #SLOTS}: twice the processors, more would only share them),
 * and an Argon2id one also its memory, from a budget of a quarter of the heap. Beyond either, a
 * hash waits up to {@link #WAIT} (as long as a login waits for a place in the throttle) for room and then fails with {@link Busy} (the login answers 503
 * with {@code Retry-After}), so a flood of cold logins costs time, never an OutOfMemoryError.
 */
public final class HashSlots {

    /** Hashes running at once. */
    public static final int SLOTS = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
    /** Kibibytes of Argon2id memory held at once: a quarter of the heap. */
    public static final int BUDGET_KIB = (int) Math.min(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() / 4 / 1024);
    /** How long a hash waits for a slot and its memory before it is refused. */
    public static final Duration WAIT = Duration.ofSeconds(5);

    private static final Semaphore RUNNING = new Semaphore(SLOTS, true);
    private static final Semaphore MEMORY = new Semaphore(BUDGET_KIB, true);
    private static final java.util.concurrent.atomic.LongAdder COMPLETED = new java.util.concurrent.atomic.LongAdder();

    /** No slow hash could start within {@link #WAIT}: try again in a second. */
    public static final class Busy extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Busy() {
            super("every slot for password hashes stayed taken for " + WAIT.toSeconds() + " s (" + SLOTS + " at once, "
                    + BUDGET_KIB / 1024 + " MiB for Argon2id)", null, false, false);
        }
    }

    /** What a hash does once it holds its slot. */
    interface Work<T> {
        T run();
    }

    private HashSlots() {}

    /** Whether a hash needing {@code memoryKib} could ever run here: one the budget cannot hold is refused as an entry. */
    public static boolean fits(long memoryKib) {
        return memoryKib <= BUDGET_KIB;
    }

    /** Runs {@code work} in a slot holding {@code memoryKib} of the budget. @throws Busy when there is no room within {@link #WAIT} */
    static <T> T run(int memoryKib, Work<T> work) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            if (!RUNNING.tryAcquire(WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new Busy();
            }
            try {
                if (memoryKib > 0 && !MEMORY.tryAcquire(memoryKib, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw new Busy();
                }
                try {
                    T done = work.run();
                    COMPLETED.increment();
                    return done;
                } finally {
                    if (memoryKib > 0) {
                        MEMORY.release(memoryKib);
                    }
                }
            } finally {
                RUNNING.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
    }

    /** Hashes computed in a slot since this class loaded. */
    public static long completed() {
        return COMPLETED.sum();
    }

    /** Hashes running now, for the metrics. */
    public static int running() {
        return SLOTS - RUNNING.availablePermits();
    }
}
