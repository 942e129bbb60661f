package dev.securerestapi.app.metrics;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * What the container side counts (the authenticator, the login throttle, the verified-login cache
 * and the realm), read from the JMX attributes it publishes in the platform MBean server: on
 * Tomcat those classes may sit in Tomcat's lib, behind another class loader, and the application
 * imports none of them. Before the container side has registered (or without it), the values are NaN.
 */
final class ContainerMetrics implements MeterBinder {

    private static final ObjectName LOGINS = objectName("dev.securerestapi:type=Logins");
    private static final ObjectName REALM = objectName("dev.securerestapi:type=Realm");

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Override
    public void bindTo(MeterRegistry registry) {
        String[][] outcomes = {{"succeeded", "Succeeded"}, {"wrong_password", "WrongPassword"}, {"unknown_name", "UnknownName"},
            {"malformed", "Malformed"}, {"throttled", "Throttled"},
            {"unavailable", "Unavailable"}};
        for (String[] outcome : outcomes) {
            counter(registry, "secure.rest.api.logins", "Logins checked by the container, by outcome", LOGINS, outcome[1], "outcome", outcome[0]);
        }
        gauge(registry, "secure.rest.api.throttle.tracked", "Keys the login throttle tracks", LOGINS, "TrackedNames", "kind", "name");
        gauge(registry, "secure.rest.api.throttle.tracked", "Keys the login throttle tracks", LOGINS, "TrackedAddresses", "kind", "address");
        gauge(registry, "secure.rest.api.throttle.locked", "Names, name-and-address pairs and addresses locked now", LOGINS, "LockedNow");
        counter(registry, "secure.rest.api.logins.by.credential", "Successful logins, by what was sent as the password", LOGINS,
                "PasswordLogins", "credential", "password");
        counter(registry, "secure.rest.api.logins.by.credential", "Successful logins, by what was sent as the password", LOGINS,
                "TokenLogins", "credential", "token");
        counter(registry, "secure.rest.api.login.cache.lookups", "Verified-login cache look-ups", LOGINS, "CacheHits", "result", "hit");
        counter(registry, "secure.rest.api.login.cache.lookups", "Verified-login cache look-ups", LOGINS, "CacheMisses", "result", "miss");
        gauge(registry, "secure.rest.api.login.cache.size", "Logins the verified-login cache holds", LOGINS, "CacheSize");
        counter(registry, "secure.rest.api.realm.reloads", "Realm reads, applied or refused", REALM, "ReloadsApplied", "result", "applied");
        counter(registry, "secure.rest.api.realm.reloads", "Realm reads, applied or refused", REALM, "ReloadsRefused", "result", "refused");
        gauge(registry, "secure.rest.api.realm.users", "Users in force", REALM, "Users");
        Gauge.builder("secure.rest.api.realm.users.age", this, ContainerMetrics::usersAgeSeconds)
                .description("Seconds since the users in force were read").baseUnit("seconds").register(registry);
    }

    /** A counter of the container side's, read from {@code bean}'s {@code attribute}; {@code tags} as key, value pairs. */
    private void counter(MeterRegistry registry, String name, String description, ObjectName bean, String attribute, String... tags) {
        FunctionCounter.builder(name, this, m -> m.read(bean, attribute)).description(description).tags(tags).register(registry);
    }

    /** A gauge of the container side's, read from {@code bean}'s {@code attribute}; {@code tags} as key, value pairs. */
    private void gauge(MeterRegistry registry, String name, String description, ObjectName bean, String attribute, String... tags) {
        Gauge.builder(name, this, m -> m.read(bean, attribute)).description(description).tags(tags).register(registry);
    }

    private double usersAgeSeconds() {
        double readAt = read(REALM, "UsersReadAtMillis");
        return Double.isNaN(readAt) || readAt == 0 ? Double.NaN : (System.currentTimeMillis() - readAt) / 1000.0;
    }

    private double read(ObjectName bean, String attribute) {
        try {
            return ((Number) server.getAttribute(bean, attribute)).doubleValue();
        } catch (JMException | RuntimeException notThere) {
            return Double.NaN;
        }
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
