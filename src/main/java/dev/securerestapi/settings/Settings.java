package dev.securerestapi.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Every fact of secure-rest-api that more than one part of it needs, and every setting an operator
 * can give, read in this one place. A setting {@code secure-rest-api.NAME} is a system property of
 * that name or, when there is none, the environment variable {@link #environmentName
 * SECURE_REST_API_NAME} (upper case, dots and dashes as underscores). {@link #NAMES} lists them
 * all; README.md has them in one table. A value that is given but not valid stops
 * start-up: {@link InvalidSetting} names the setting, where it came from and what is wrong with it,
 * and no default is put in its place. The other classes receive values from here and never read a
 * property or the environment themselves.
 *
 * <p>Some facts are also written where Java cannot reach: {@code web.xml} declares the roles and
 * the public paths. {@code SettingsMatchTheContainerFilesTest} holds it to the values here.
 */
public record Settings(boolean httpsOnly, Optional<URI> publicUrl, Path dataDirectory, Lockout lockout, Duration staleRealmWarning,
        List<String> trustedProxies, ForwardedHeader forwardedHeader, UsersStore usersStore, List<String> corsAllowedOrigins,
        Argon2 argon2, int passwordMinLength, Duration temporaryPassword) {

    public static final String PREFIX = "secure-rest-api.";

    /** The realm web.xml's login-config names; both containers' realms carry this name. */
    public static final String REALM_NAME = "secure-rest-api";

    /**
     * The roles web.xml declares, in the order {@code /api/v1/me} reports them: admins change
     * data, users read it, monitors read {@code /metrics} and nothing else.
     */
    public static final List<String> ROLES = List.of("admin", "user", "monitor");

    /**
     * The one role a login with a temporary password gets (web.xml lets it change the password and
     * nothing else); never one an operator gives.
     */
    public static final String TEMPORARY_ROLE = "temporary-password";

    /**
     * The role every login with a password holds beside its own, and no login with an access token:
     * web.xml opens the password and token endpoints to it, so a token never makes or changes a
     * credential.
     */
    public static final String PASSWORD_ROLE = "password";

    /**
     * The request attribute in which each container's adapter says how a caller without role
     * {@value #PASSWORD_ROLE} logged in: {@value #TEMPORARY_ROLE} or {@value #TOKEN_CREDENTIAL}. The
     * error page's 403 then says what to do (the container refuses before any application code sees
     * the caller).
     */
    public static final String CREDENTIAL_ATTRIBUTE = "dev.securerestapi.credential";

    /** {@link #CREDENTIAL_ATTRIBUTE}'s value for a login with an access token. */
    public static final String TOKEN_CREDENTIAL = "token";

    /** The liveness check: public, and never redirected to HTTPS (load balancers probe it over HTTP). */
    public static final String HEALTH_PATH = "/api/v1/health";

    /** Readiness: public too, and never redirected; 200 only while this instance should get traffic. */
    public static final String READY_PATH = "/api/v1/health/ready";

    /** What web.xml leaves open to anyone, as paths within the context: the health checks, the landing page and the OpenAPI description. */
    public static final Set<String> PUBLIC_PATHS = Set.of(HEALTH_PATH, READY_PATH, "", "/", "/api/v1/openapi.json",
            "/.well-known/change-password");

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

    /**
     * The one header the trusted proxies write the client's address in
     * ({@code secure-rest-api.forwarded-header}): {@code X-Forwarded-For} (the default, as HAProxy's
     * {@code option forwardfor} and nginx's {@code $proxy_add_x_forwarded_for} write it) or
     * RFC 7239 {@code Forwarded}. The other is ignored, whatever a client puts in it.
     */
    public enum ForwardedHeader {
        X_FORWARDED_FOR("X-Forwarded-For"), FORWARDED("Forwarded");

        private final String headerName;

        ForwardedHeader(String headerName) {
            this.headerName = headerName;
        }

        public String headerName() {
            return headerName;
        }
    }

    /**
     * Argon2id's parameters for every new password hash ({@code secure-rest-api.argon2}:
     * {@code m=KiB,t=passes,p=lanes}). Never below {@link #FLOOR}, OWASP's minimum (19 MiB, 2
     * passes, 1 lane), which is also the default; stored hashes below it let nobody in.
     */
    public record Argon2(int memoryKib, int iterations, int parallelism) {

        public static final Argon2 FLOOR = new Argon2(19_456, 2, 1);
        public static final Argon2 DEFAULTS = FLOOR;
        public static final int MAX_MEMORY_KIB = 1 << 20;
        public static final int MAX_ITERATIONS = 100;
        public static final int MAX_PARALLELISM = 16;

        /** At or above the floor in each parameter, and within the bounds (1 GiB, 100 passes, 16 lanes). */
        public boolean atLeastTheFloor() {
            return memoryKib >= FLOOR.memoryKib && iterations >= FLOOR.iterations && parallelism >= FLOOR.parallelism
                    && memoryKib <= MAX_MEMORY_KIB && iterations <= MAX_ITERATIONS && parallelism <= MAX_PARALLELISM;
        }

        @Override
        public String toString() {
            return "m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism;
        }
    }

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

        /**
         * The fewest keys a tracker may hold: one full of locks refuses every name and address it
         * does not track yet, so a handful of locks must never be enough to fill it.
         */
        public static final int MIN_TRACKED = 1_000;
    }

    /** Every setting, by its system property's name. */
    public static final List<String> NAMES = List.of(
            PREFIX + "users", PREFIX + "realm", PREFIX + "data", PREFIX + "https-only", PREFIX + "public-url",
            PREFIX + "realm.stale-warning-seconds",
            PREFIX + "lockout.user.failures", PREFIX + "lockout.user.seconds", PREFIX + "lockout.name.failures",
            PREFIX + "lockout.address.failures", PREFIX + "lockout.address.seconds", PREFIX + "lockout.tracked",
            PREFIX + "users.store", PREFIX + "trusted-proxies", PREFIX + "forwarded-header", PREFIX + "instance", PREFIX + "audit-file", PREFIX + "cors.allowed-origins",
            PREFIX + "argon2", PREFIX + "password.min-length", PREFIX + "password.temporary-hours");

    /** A setting given with a value it cannot have: start-up stops with this message. */
    public static final class InvalidSetting extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidSetting(String name, String value, UnaryOperator<String> properties, String problem) {
            super("Invalid setting " + name + "=" + value + origin(name, properties) + ": " + problem
                    + ". secure-rest-api does not start until it is corrected or removed (README.md, Settings)");
        }

        private static String origin(String name, UnaryOperator<String> properties) {
            return properties instanceof Environment environment && environment.fromVariable(name)
                    ? " (environment variable " + environmentName(name) + ")" : "";
        }
    }

    /** The environment variable a setting may come from: {@code secure-rest-api.lockout.user.failures} is {@code SECURE_REST_API_LOCKOUT_USER_FAILURES}. */
    public static String environmentName(String name) {
        return name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** System properties first, then the environment. */
    private record Environment(UnaryOperator<String> properties, UnaryOperator<String> variables) implements UnaryOperator<String> {
        @Override
        public String apply(String name) {
            String property = properties.apply(name);
            return property != null || !name.startsWith(PREFIX) ? property : variables.apply(environmentName(name));
        }

        boolean fromVariable(String name) {
            return properties.apply(name) == null;
        }
    }

    /** The settings this JVM was started with: its system properties, then its environment. */
    public static Settings current() {
        return from(System::getProperty, System::getenv);
    }

    /** One setting of this JVM, by its system property's name: the property, else its environment variable, else null. */
    public static String current(String name) {
        return new Environment(System::getProperty, System::getenv).apply(name);
    }

    /** The settings {@code properties} and then {@code variables} (by environment variable name) give; defaults for the rest. */
    public static Settings from(UnaryOperator<String> properties, UnaryOperator<String> variables) {
        return from(new Environment(properties, variables));
    }

    /**
     * The settings {@code properties} gives, by full property name; defaults for what it does not.
     *
     * @throws InvalidSetting for a value given that the setting cannot have
     */
    public static Settings from(UnaryOperator<String> properties) {
        Lockout d = Lockout.DEFAULTS;
        Lockout lockout = new Lockout(
                positive(properties, "lockout.user.failures", d.userFailures()),
                Duration.ofSeconds(positive(properties, "lockout.user.seconds", (int) d.userLock().toSeconds())),
                positive(properties, "lockout.name.failures", d.nameFailures()),
                positive(properties, "lockout.address.failures", d.addressFailures()),
                Duration.ofSeconds(positive(properties, "lockout.address.seconds", (int) d.addressWindow().toSeconds())),
                atLeast(properties, "lockout.tracked", d.tracked(), Lockout.MIN_TRACKED));
        boolean httpsOnly = bool(properties, "https-only", false);
        Optional<URI> publicUrl = publicUrl(properties);
        if (httpsOnly && publicUrl.isEmpty()) {
            // a redirect to the request's own Host would let any client choose where it points
            throw new InvalidSetting(PREFIX + "https-only", "true", properties,
                    "it needs " + PREFIX + "public-url, the https://HOST[:PORT] clients reach this application at");
        }
        return new Settings(
                httpsOnly,
                publicUrl,
                dataDirectory(properties),
                lockout,
                Duration.ofSeconds(positive(properties, "realm.stale-warning-seconds", 60)),
                trustedProxies(properties),
                forwardedHeader(properties),
                usersStore(properties),
                corsAllowedOrigins(properties),
                argon2(properties),
                passwordMinLength(properties),
                Duration.ofHours(between(properties, "password.temporary-hours", 24, 1, 720)));
    }

    private static int between(UnaryOperator<String> properties, String name, int fallback, int low, int high) {
        int value = positive(properties, name, fallback);
        if (value < low || value > high) {
            throw new InvalidSetting(PREFIX + name, properties.apply(PREFIX + name), properties, "not from " + low + " to " + high);
        }
        return value;
    }

    /** The fewest characters a new password may have: 8 (ASVS 6.2.1) up to 64 (a longer minimum would refuse what 6.2.9 takes). */
    public static final int PASSWORD_MIN_LENGTH = 8;
    public static final int PASSWORD_MIN_LENGTH_CEILING = 64;

    private static int passwordMinLength(UnaryOperator<String> properties) {
        return between(properties, "password.min-length", PASSWORD_MIN_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_MIN_LENGTH_CEILING);
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
            default -> throw new InvalidSetting(PREFIX + "users.store", value, properties, "neither file nor database");
        };
    }

    /**
     * The reverse proxies whose {@code Forwarded} / {@code X-Forwarded-For} the login throttle
     * believes ({@code secure-rest-api.trusted-proxies}: comma-separated addresses and CIDR
     * blocks); none unless set, so a client cannot choose the address it is counted under.
     */
    private static List<String> trustedProxies(UnaryOperator<String> properties) {
        String value = properties.apply(PREFIX + "trusted-proxies");
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> entries = List.of(value.split(","));
        for (String entry : entries) {
            if (!isAddressOrBlock(entry.strip())) {
                throw new InvalidSetting(PREFIX + "trusted-proxies", value, properties,
                        "'" + entry.strip() + "' is not an IP address or CIDR block (addresses are never looked up by name)");
            }
        }
        return entries;
    }

    private static ForwardedHeader forwardedHeader(UnaryOperator<String> properties) {
        String value = properties.apply(PREFIX + "forwarded-header");
        if (value == null || value.isBlank()) {
            return ForwardedHeader.X_FORWARDED_FOR;
        }
        for (ForwardedHeader header : ForwardedHeader.values()) {
            if (header.headerName().equalsIgnoreCase(value.strip())) {
                return header;
            }
        }
        throw new InvalidSetting(PREFIX + "forwarded-header", value, properties, "neither X-Forwarded-For nor Forwarded");
    }

    private static Argon2 argon2(UnaryOperator<String> properties) {
        String value = properties.apply(PREFIX + "argon2");
        if (value == null || value.isBlank()) {
            return Argon2.DEFAULTS;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*m=([0-9]{1,7})\\s*,\\s*t=([0-9]{1,3})\\s*,\\s*p=([0-9]{1,2})\\s*")
                .matcher(value);
        Argon2 given = m.matches() ? new Argon2(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))) : null;
        if (given == null || !given.atLeastTheFloor()) {
            throw new InvalidSetting(PREFIX + "argon2", value, properties, "not m=KiB,t=passes,p=lanes of at least " + Argon2.FLOOR
                    + " (OWASP's minimum) and at most m=" + Argon2.MAX_MEMORY_KIB + ",t=" + Argon2.MAX_ITERATIONS + ",p=" + Argon2.MAX_PARALLELISM);
        }
        return given;
    }

    /**
     * The origins whose web pages may call the API from a browser with credentials
     * ({@code secure-rest-api.cors.allowed-origins}: comma-separated {@code scheme://host[:port]},
     * as a browser's {@code Origin} header names them); none unless set. Each is kept in the form
     * browsers send: lower case, without a default port. {@code *} is refused: with credentials, a
     * wildcard would let every web page on the internet act as whoever visits it.
     */
    private static List<String> corsAllowedOrigins(UnaryOperator<String> properties) {
        String name = PREFIX + "cors.allowed-origins";
        String value = properties.apply(name);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> origins = new java.util.ArrayList<>();
        for (String entry : value.split(",")) {
            String origin = entry.strip();
            if (origin.equals("*") || origin.equalsIgnoreCase("null")) {
                throw new InvalidSetting(name, value, properties, "'" + origin + "' is not one origin: name each origin that may call the API");
            }
            origins.add(origin(origin).orElseThrow(() -> new InvalidSetting(name, value, properties,
                    "'" + origin + "' is not an origin: http://HOST, https://HOST or either with :PORT, and nothing after it")));
        }
        return List.copyOf(origins);
    }

    /** {@code candidate} as a browser's Origin header writes it, if it is an http or https origin. */
    private static Optional<String> origin(String candidate) {
        URI uri = bareOrigin(candidate);
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https"))) {
            return Optional.empty();
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == (scheme.equals("http") ? 80 : 443);
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(java.util.Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }

    /**
     * {@code value} as a URI of a scheme, a host, perhaps a port, and nothing else (trailing
     * slashes aside), or null: what both the public URL and an allowed origin must be.
     */
    private static URI bareOrigin(String value) {
        try {
            URI uri = new URI(value.strip().replaceAll("/+$", ""));
            return uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawPath().isEmpty()
                    && uri.getRawQuery() == null && uri.getRawFragment() == null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static final java.util.regex.Pattern IPV4 =
            java.util.regex.Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** Only hex digits, colons and dots: InetAddress parses it as a literal, never looks it up. */
    private static boolean isIpv6Literal(String address) {
        if (!IPV6.matcher(address).matches()) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(address) != null;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static boolean isAddressOrBlock(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        boolean v4 = IPV4.matcher(address).matches();
        if (!v4 && !isIpv6Literal(address)) {
            return false;
        }
        if (slash < 0) {
            return true;
        }
        String bits = entry.substring(slash + 1);
        return bits.matches("\\d{1,3}") && Integer.parseInt(bits) <= (v4 ? 32 : 128);
    }

    /**
     * Where clients reach this application over HTTPS ({@code secure-rest-api.public-url}, e.g.
     * {@code https://api.example.com}): the HTTPS redirect goes there, never to the request's
     * {@code Host}, which the client chooses. Only an https URL with a host and nothing after it
     * is valid.
     */
    private static Optional<URI> publicUrl(UnaryOperator<String> properties) {
        String value = properties.apply(PREFIX + "public-url");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        URI uri = bareOrigin(value);
        if (uri != null && "https".equals(uri.getScheme())) {
            return Optional.of(uri);
        }
        throw new InvalidSetting(PREFIX + "public-url", value, properties, "not https://HOST or https://HOST:PORT");
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
        return containerBase(properties).map(base -> base.resolve("data").resolve("secure-rest-api"))
                .orElse(Path.of("data", "secure-rest-api"));
    }

    /** The container's base directory ({@code catalina.base}, else {@code jetty.base}), if either is set. */
    private static Optional<Path> containerBase(UnaryOperator<String> properties) {
        for (String base : new String[] {"catalina.base", "jetty.base"}) {
            String dir = properties.apply(base);
            if (dir != null) {
                return Optional.of(Path.of(dir));
            }
        }
        return Optional.empty();
    }

    /**
     * A file a setting names: as given where absolute, else under the container's base
     * ({@code catalina.base}, {@code jetty.base}), else under the working directory. A relative
     * name keeps spaces in the base out of JVM options, where shell scripts split them.
     */
    public static Path underTheContainersBase(String file) {
        Path given = Path.of(file);
        return given.isAbsolute() ? given : containerBase(System::getProperty).map(base -> base.resolve(given)).orElse(given.toAbsolutePath());
    }

    /**
     * The realm file of a Jetty whose base is {@code jettyBase}: {@code secure-rest-api.realm}, or
     * the default under it. Jetty's start-up reads the realm file first, so this is where every
     * setting is checked on Jetty: an invalid one stops the web application before it serves.
     */
    public static String jettyRealmFile(String jettyBase) {
        current();
        String configured = current(PREFIX + "realm");
        return configured != null && !configured.isBlank() ? configured : Path.of(jettyBase).resolve(JETTY_REALM_FILE).toString();
    }

    /** Tomcat's users file: {@code secure-rest-api.users}, else {@code fallback} (context.xml's pathname). */
    public static String tomcatUsersFile(String fallback) {
        String configured = current(PREFIX + "users");
        return configured != null && !configured.isBlank() ? configured : fallback;
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
        throw new InvalidSetting(PREFIX + name, value, properties, "not a positive whole number (at most " + Integer.MAX_VALUE + ")");
    }

    private static int atLeast(UnaryOperator<String> properties, String name, int fallback, int minimum) {
        int value = positive(properties, name, fallback);
        if (value < minimum) {
            throw new InvalidSetting(PREFIX + name, properties.apply(PREFIX + name), properties, "less than " + minimum);
        }
        return value;
    }

    private static boolean bool(UnaryOperator<String> properties, String name, boolean fallback) {
        String value = properties.apply(PREFIX + name);
        if (value == null) {
            return fallback;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSetting(PREFIX + name, value, properties, "neither true nor false");
        };
    }
}
