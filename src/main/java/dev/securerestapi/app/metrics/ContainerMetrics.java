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

    private static final String LOGINS = "dev.securerestapi:type=Logins";
    private static final String REALM = "dev.securerestapi:type=Realm";

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Override
    public void bindTo(MeterRegistry registry) {
        String[][] outcomes = {{"succeeded", "Succeeded"}, {"wrong_password", "WrongPassword"}, {"unknown_name", "UnknownName"},
            {"malformed", "Malformed"}, {"throttled", "Throttled"}};
        for (String[] outcome : outcomes) {
            FunctionCounter.builder("secure.rest.api.logins", this, m -> m.read(LOGINS, outcome[1]))
                    .description("Logins checked by the container, by outcome").tag("outcome", outcome[0]).register(registry);
        }
        Gauge.builder("secure.rest.api.throttle.tracked", this, m -> m.read(LOGINS, "TrackedNames"))
                .description("Keys the login throttle tracks").tag("kind", "name").register(registry);
        Gauge.builder("secure.rest.api.throttle.tracked", this, m -> m.read(LOGINS, "TrackedAddresses"))
                .description("Keys the login throttle tracks").tag("kind", "address").register(registry);
        Gauge.builder("secure.rest.api.throttle.locked", this, m -> m.read(LOGINS, "LockedNow"))
                .description("Names, name-and-address pairs and addresses locked now").register(registry);
        FunctionCounter.builder("secure.rest.api.login.cache.lookups", this, m -> m.read(LOGINS, "CacheHits"))
                .description("Verified-login cache look-ups").tag("result", "hit").register(registry);
        FunctionCounter.builder("secure.rest.api.login.cache.lookups", this, m -> m.read(LOGINS, "CacheMisses"))
                .description("Verified-login cache look-ups").tag("result", "miss").register(registry);
        Gauge.builder("secure.rest.api.login.cache.size", this, m -> m.read(LOGINS, "CacheSize"))
                .description("Logins the verified-login cache holds").register(registry);
        FunctionCounter.builder("secure.rest.api.realm.reloads", this, m -> m.read(REALM, "ReloadsApplied"))
                .description("Realm reads, applied or refused").tag("result", "applied").register(registry);
        FunctionCounter.builder("secure.rest.api.realm.reloads", this, m -> m.read(REALM, "ReloadsRefused"))
                .description("Realm reads, applied or refused").tag("result", "refused").register(registry);
        Gauge.builder("secure.rest.api.realm.users", this, m -> m.read(REALM, "Users"))
                .description("Users in force").register(registry);
        Gauge.builder("secure.rest.api.realm.users.age", this, ContainerMetrics::usersAgeSeconds)
                .description("Seconds since the users in force were read").baseUnit("seconds").register(registry);
    }

    private double usersAgeSeconds() {
        double readAt = read(REALM, "UsersReadAtMillis");
        return Double.isNaN(readAt) || readAt == 0 ? Double.NaN : (System.currentTimeMillis() - readAt) / 1000.0;
    }

    private double read(String name, String attribute) {
        try {
            return ((Number) server.getAttribute(new ObjectName(name), attribute)).doubleValue();
        } catch (JMException | RuntimeException notThere) {
            return Double.NaN;
        }
    }
}
