package dev.securerestapi.realm.metrics;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The login counters of this class loader's authenticator, throttle and verified-login cache,
 * registered once in the platform MBean server as {@value #NAME}. One instance of secure-rest-api
 * per JVM exports them; a second one (another class loader) counts for itself only.
 */
public final class Logins implements LoginsMXBean {

    public static final String NAME = "dev.securerestapi:type=Logins";
    public static final Logins INSTANCE = new Logins();

    private final LongAdder succeeded = new LongAdder();
    private final LongAdder wrongPassword = new LongAdder();
    private final LongAdder unknownName = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder unavailable = new LongAdder();
    private final LongAdder byPassword = new LongAdder();
    private final LongAdder byToken = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder cacheMisses = new LongAdder();
    private volatile LongSupplier trackedNames = () -> 0;
    private volatile LongSupplier trackedAddresses = () -> 0;
    private volatile LongSupplier lockedNow = () -> 0;
    private volatile LongSupplier cacheSize = () -> 0;

    private Logins() {
        Jmx.register(this, LoginsMXBean.class, NAME);
    }

    public void succeeded() {
        succeeded.increment();
    }

    /** A wrong password, or ({@code unknownName}) a name that is no user's. */
    public void failed(boolean unknownName) {
        (unknownName ? this.unknownName : wrongPassword).increment();
    }

    /** A login that succeeded with a password (also counted in {@link #succeeded}). */
    public void byPassword() {
        byPassword.increment();
    }

    /** A login that succeeded with an access token (also counted in {@link #succeeded}). */
    public void byToken() {
        byToken.increment();
    }

    public void malformed() {
        malformed.increment();
    }

    public void throttled() {
        throttled.increment();
    }

    /** A login refused uncounted with 503: the shared database away too long, or no hash could start soon. */
    public void unavailable() {
        unavailable.increment();
    }

    public void cacheHit() {
        cacheHits.increment();
    }

    public void cacheMiss() {
        cacheMisses.increment();
    }

    /** Where the throttle's state is read from: the throttle in use registers itself. */
    public void throttleState(LongSupplier names, LongSupplier addresses, LongSupplier locked) {
        trackedNames = names;
        trackedAddresses = addresses;
        lockedNow = locked;
    }

    /** Where the verified-login cache's size is read from. */
    public void cacheSize(LongSupplier size) {
        cacheSize = size;
    }

    @Override public long getSucceeded() { return succeeded.sum(); }
    @Override public long getWrongPassword() { return wrongPassword.sum(); }
    @Override public long getUnknownName() { return unknownName.sum(); }
    @Override public long getMalformed() { return malformed.sum(); }
    @Override public long getThrottled() { return throttled.sum(); }
    @Override public long getUnavailable() { return unavailable.sum(); }
    @Override public long getTrackedNames() { return trackedNames.getAsLong(); }
    @Override public long getTrackedAddresses() { return trackedAddresses.getAsLong(); }
    @Override public long getLockedNow() { return lockedNow.getAsLong(); }
    @Override public long getPasswordLogins() { return byPassword.sum(); }
    @Override public long getTokenLogins() { return byToken.sum(); }
    @Override public long getCacheHits() { return cacheHits.sum(); }
    @Override public long getCacheMisses() { return cacheMisses.sum(); }
    @Override public long getCacheSize() { return cacheSize.getAsLong(); }
}
