package dev.securerestapi.realm.login;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Lets a repeated warning through at most once per {@code every}, whatever the number of threads asking. */
final class NowAndThen {

    private final long everyMillis;
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE / 2);

    NowAndThen(Duration every) {
        this.everyMillis = every.toMillis();
    }

    /** True for the first call, then for the first one after {@code every} has passed since the last true. */
    boolean due() {
        long now = System.currentTimeMillis();
        long before = last.get();
        return now - before >= everyMillis && last.compareAndSet(before, now);
    }
}
