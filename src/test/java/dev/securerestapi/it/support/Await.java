package dev.securerestapi.it.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls for what a running container does a little after a file changes. */
public final class Await {

    private Await() {}

    /** Returns once {@code condition} holds; fails the test if it does not within {@code limit}. */
    public static void within(Duration limit, BooleanSupplier condition, Supplier<String> whatFailed) {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                fail(whatFailed.get() + " (waited " + limit.toSeconds() + " s)");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
