package dev.securerestapi.realm.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The realm's reloads and the users in force, registered as {@value #NAME} (see {@link Logins}). */
public final class RealmStats implements RealmMXBean {

    public static final String NAME = "dev.securerestapi:type=Realm";
    public static final RealmStats INSTANCE = new RealmStats();

    private final LongAdder applied = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final AtomicLong readAt = new AtomicLong();
    private final AtomicLong users = new AtomicLong();

    private RealmStats() {
        Jmx.register(this, RealmMXBean.class, NAME);
    }

    /** {@code count} users read and put in force now. */
    public void applied(int count) {
        applied.increment();
        users.set(count);
        readAt.set(System.currentTimeMillis());
    }

    public void refused() {
        refused.increment();
    }

    @Override public long getReloadsApplied() { return applied.sum(); }
    @Override public long getReloadsRefused() { return refused.sum(); }
    @Override public long getUsersReadAtMillis() { return readAt.get(); }
    @Override public long getUsers() { return users.get(); }
}
