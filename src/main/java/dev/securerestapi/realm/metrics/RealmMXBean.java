package dev.securerestapi.realm.metrics;

/** What the realm counts, as JMX attributes of {@value RealmStats#NAME} (see {@link LoginsMXBean}). */
public interface RealmMXBean {

    long getReloadsApplied();

    long getReloadsRefused();

    /** Milliseconds since the epoch at which the users in force were read; 0 before any. */
    long getUsersReadAtMillis();

    long getUsers();
}
