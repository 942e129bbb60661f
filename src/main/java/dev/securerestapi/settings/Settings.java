package dev.securerestapi.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * Every fact of secure-rest-api that more than one part of it needs, and every setting an operator
 * can give (system properties named {@code secure-rest-api.*}), read in this one place. The other
 * classes receive values from here and never read a property themselves.
 *
 * <p>Some facts are also written where Java cannot reach: {@code web.xml} declares the roles and
 * the public paths, {@code META-INF/context.xml} the lockout defaults and the Tomcat users file,
 * {@code WEB-INF/rewrite.config} the health path. {@code SettingsMatchTheContainerFilesTest} holds
 * those files to the values here.
 */
public record Settings(boolean httpsOnly, Optional<URI> publicUrl, Path dataDirectory, Lockout lockout, Duration staleRealmWarning,
        List<String> trustedProxies, UsersStore usersStore) {

    public static final String PREFIX = "secure-rest-api.";

    /** The realm web.xml's login-config names; both containers' realms carry this name. */
    public static final String REALM_NAME = "secure-rest-api";

    /** The roles web.xml declares, in the order {@code /api/v1/me} reports them. */
    public static final List<String> ROLES = List.of("admin", "user");

    /** The liveness check: public, and never redirected to HTTPS (load balancers probe it over HTTP). */
    public static final String HEALTH_PATH = "/api/v1/health";

    /** Readiness: public too, and never redirected; 200 only while this instance should get traffic. */
    public static final String READY_PATH = "/api/v1/health/ready";

    /** What web.xml leaves open to anyone, as paths within the context: the health checks and the landing page. */
    public static final Set<String> PUBLIC_PATHS = Set.of(HEALTH_PATH, READY_PATH, "", "/");

    /** Jetty's realm file, relative to {@code jetty.base} unless {@code secure-rest-api.realm} names one. */
    public static final String JETTY_REALM_FILE = "etc/secure-rest-api-realm.properties";

    /** Tomcat's users file, relative to {@code catalina.base} unless {@code secure-rest-api.users} names one. */
    public static final String TOMCAT_USERS_FILE = "conf/secure-rest-api-users.xml";

    /**
     * The DataSource the container binds for the application's database: at
     * {@code java:comp/env/jdbc/subscribers} (Tomcat's context.xml) or, on Jetty, as a JVM-wide
     * JNDI resource {@code jdbc/subscribers}. Shared users and the shared throttle live there too.
     */
    public static final List<String> DATA_SOURCE_NAMES = List.of("java:comp/env/jdbc/subscribers", "jdbc/subscribers");

    /**
     * Where the containers read users and count failed logins ({@code secure-rest-api.users.store}):
     * {@code file}, the realm file and this instance's memory (one machine); {@code database}, the
     * tables of the container's DataSource that every instance shares.
     */
    public enum UsersStore { FILE, DATABASE }

    private static final Logger LOG = Logger.getLogger(Settings.class.getName());

    /**
     * The brute-force limits of the container-side login throttle ({@code secure-rest-api.lockout.*}).
     *
     * @param userFailures failures that lock a user name for one client address ({@code user.failures})
     * @param userLock how long a name stays locked ({@code user.seconds})
     * @param nameFailures failures from any addresses that lock a user name for all ({@code name.failures})
     * @param addressFailures failures within {@code addressWindow} that refuse a client address ({@code address.failures})
     * @param addressWindow the address window and lock ({@code address.seconds})
     * @param tracked names and addresses each tracker remembers at most ({@code tracked})
     */
    public record Lockout(int userFailures, Duration userLock, int nameFailures, int addressFailures, Duration addressWindow, int tracked) {

        public static final Lockout DEFAULTS = new Lockout(5, Duration.ofMinutes(5), 100, 50, Duration.ofMinutes(5), 10_000);
    }

    /** The settings this JVM was started with. */
    public static Settings fromSystemProperties() {
        return from(System::getProperty);
    }

    /** The settings {@code properties} gives, by full property name; defaults for what it does not. */
    public static Settings from(UnaryOperator<String> properties) {
        Lockout d = Lockout.DEFAULTS;
        Lockout lockout = new Lockout(
                positive(properties, "lockout.user.failures", d.userFailures()),
                Duration.ofSeconds(positive(properties, "lockout.user.seconds", (int) d.userLock().toSeconds())),
                positive(properties, "lockout.name.failures", d.nameFailures()),
                positive(properties, "lockout.address.failures", d.addressFailures()),
                Duration.ofSeconds(positive(properties, "lockout.address.seconds", (int) d.addressWindow().toSeconds())),
                positive(properties, "lockout.tracked", d.tracked()));
        return new Settings(
                Boolean.parseBoolean(properties.apply(PREFIX + "https-only")),
                publicUrl(properties),
                dataDirectory(properties),
                lockout,
                Duration.ofSeconds(positive(properties, "realm.stale-warning-seconds", 60)),
                trustedProxies(properties),
                usersStore(properties));
    }

    private static UsersStore usersStore(UnaryOperator<String> properties) {
        String value = properties.apply(PREFIX + "users.store");
        if (value == null || value.isBlank()) {
            return UsersStore.FILE;
        }
        return switch (value.strip()) {
            case "file" -> UsersStore.FILE;
            case "database" -> UsersStore.DATABASE;
            // a typo here must not quietly leave a cluster on per-machine users
            default -> throw new IllegalArgumentException(PREFIX + "users.store=" + value + " is neither file nor database");
        };
    }

    /**
     * The reverse proxies whose {@code Forwarded} / {@code X-Forwarded-For} the login throttle
     * believes ({@code secure-rest-api.trusted-proxies}: comma-separated addresses and CIDR
     * blocks); none unless set, so a client cannot choose the address it is counted under.
     */
    private static List<String> trustedProxies(UnaryOperator<String> properties) {
        String value = properties.apply(PREFIX + "trusted-proxies");
        return value == null || value.isBlank() ? List.of() : List.of(value.split(","));
    }

    /**
     * Where clients reach this application over HTTPS ({@code secure-rest-api.public-url}, e.g.
     * {@code https://api.example.com}): the HTTPS redirect goes there, never to the request's
     * {@code Host}, which the client chooses. Only an https URL with a host and nothing after it
     * counts; anything else is reported and ignored.
     */
    private static Optional<URI> publicUrl(UnaryOperator<String> properties) {
        String value = properties.apply(PREFIX + "public-url");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.strip().replaceAll("/+$", ""));
            if ("https".equals(uri.getScheme()) && uri.getHost() != null && uri.getRawUserInfo() == null
                    && uri.getRawPath().isEmpty() && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        LOG.warning("Ignoring " + PREFIX + "public-url=" + value + " (not https://HOST or https://HOST:PORT)");
        return Optional.empty();
    }

    /**
     * The embedded database's directory: {@code secure-rest-api.data} if set, else {@code data/}
     * under the container's base directory (Tomcat's catalina.base, Jetty's jetty.base), else
     * under the working directory.
     */
    private static Path dataDirectory(UnaryOperator<String> properties) {
        String configured = properties.apply(PREFIX + "data");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (String base : new String[] {"catalina.base", "jetty.base"}) {
            String dir = properties.apply(base);
            if (dir != null) {
                return Path.of(dir, "data", "secure-rest-api");
            }
        }
        return Path.of("data", "secure-rest-api");
    }

    /** The realm file of a Jetty whose base is {@code jettyBase}: {@code secure-rest-api.realm}, or the default under it. */
    public static String jettyRealmFile(String jettyBase) {
        String configured = System.getProperty(PREFIX + "realm");
        return configured != null ? configured : Path.of(jettyBase).resolve(JETTY_REALM_FILE).toString();
    }

    private static int positive(UnaryOperator<String> properties, String name, int fallback) {
        String value = properties.apply(PREFIX + name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        LOG.warning("Ignoring " + PREFIX + name + "=" + value + " (not a positive whole number); using " + fallback);
        return fallback;
    }
}
