package dev.securerestapi.realm.users;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.securerestapi.realm.Background;
import dev.securerestapi.realm.StaleRealm;

/**
 * A directory that reads its users now and then on a thread of its own and keeps the last ones it
 * read good: {@link #users} is what the last good read put in force, {@link #stale} says since
 * when a read has been refused.
 */
public abstract class KeptUsers implements UserDirectory {

    protected volatile Users users = Users.NONE;
    protected final StaleRealm stale;
    private final ScheduledExecutorService reader;

    protected KeptUsers(StaleRealm stale, String threadName) {
        this.stale = stale;
        this.reader = Background.thread(threadName);
    }

    /** Runs {@code read} every {@code interval}, on the directory's thread, from one interval on. */
    protected final void every(Duration interval, Runnable read) {
        reader.scheduleWithFixedDelay(read, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code work} once, soon, on the directory's thread: after any read running now, before the next. */
    protected final void later(Runnable work) {
        reader.execute(work);
    }

    @Override
    public final Users users() {
        return users;
    }

    @Override
    public final Duration staleFor() {
        return stale.staleFor();
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
