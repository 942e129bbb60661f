package dev.securerestapi.realm.metrics;

/**
 * What the container side of secure-rest-api counts about logins, as JMX attributes of
 * {@value Logins#NAME}: the application's metrics endpoint reads them from the platform MBean
 * server, across the class loaders that separate Tomcat's lib from the web application.
 */
public interface LoginsMXBean {

    long getSucceeded();

    long getWrongPassword();

    long getUnknownName();

    long getMalformed();

    /** Refused by the lockout (429). */
    long getThrottled();

    /** Refused unchecked with 503: the shared database away too long, or no hash could start soon. */
    long getUnavailable();

    /** User names (per address and overall) the login throttle tracks now. */
    long getTrackedNames();

    long getTrackedAddresses();

    /** Names and addresses locked now. */
    long getLockedNow();

    long getCacheHits();

    long getCacheMisses();

    long getCacheSize();

    /** Successful logins with a password. */
    long getPasswordLogins();

    /** Successful logins with an access token. */
    long getTokenLogins();
}
