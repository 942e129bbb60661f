package dev.securerestapi.realm.audit;

import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.securerestapi.settings.Settings;

/**
 * The audit trail: every security event as one line of JSON on the logger
 * {@value #LOGGER}, or, where {@code secure-rest-api.audit-file} names a file, appended to that
 * file, one JSON object per line (docs/operations.md, Audit trail). Each
 * line has {@code time}, {@code event}, {@code instance}, and where they apply {@code user} (as
 * given, control and format characters replaced, at most 64 characters), {@code client} (the
 * address the login throttle counts) and the event's own fields. Never a password, a hash or an
 * {@code Authorization} value: no method here takes one.
 *
 * <p>Events: {@code login.failed} ({@code reason}: {@code wrong_password}, {@code unknown_name},
 * {@code expired_temporary_password}, {@code wrong_token}, {@code malformed}), {@code login.throttled},
 * {@code login.unavailable} (refused unchecked with 503), {@code login.succeeded} (only the
 * first success after failures, with their number: a verified login per request would flood the
 * trail),
 * {@code lockout.locked} and {@code lockout.unlocked} ({@code scope}: {@code name_from_address},
 * {@code name}, {@code address}), {@code realm.reloaded} and {@code realm.refused}, and
 * {@code users.changed} (by the users command: {@code action}, {@code by}, {@code roles}) and
 * {@code users.hash_upgraded} (a hash replaced at login: {@code store}, {@code upgrade}).
 */
public final class Audit {

    public static final String LOGGER = "secure-rest-api.audit";
    private static final Logger LOG = Logger.getLogger(LOGGER);
    private static final String INSTANCE = instance();
    /** Where {@code secure-rest-api.audit-file} names a file: the trail goes there instead of the logger. */
    private static final AuditFile FILE = file();

    private Audit() {}

    /** A failed login: {@code reason} is one of LoginThrottle's failures ({@code wrong_password}, ...) or {@code malformed}. */
    public static void loginFailed(String user, String client, String reason) {
        log(Level.WARNING, "login.failed", user, client, Map.of("reason", reason));
    }

    public static void throttled(String user, String client, long retryAfterSeconds) {
        log(Level.WARNING, "login.throttled", user, client, Map.of("retry_after_seconds", retryAfterSeconds));
    }

    /** A login refused unchecked with 503 (the shared database away too long, or no hash could start soon). */
    public static void unavailable(String user, String client, long retryAfterSeconds) {
        log(Level.WARNING, "login.unavailable", user, client, Map.of("retry_after_seconds", retryAfterSeconds));
    }

    /** The first success after {@code failures} failed logins for the same name from the same client. */
    public static void succeededAfterFailures(String user, String client, int failures) {
        log(Level.INFO, "login.succeeded", user, client, Map.of("after_failures", failures));
    }

    /** @param scope name_from_address, name or address */
    public static void locked(String scope, String user, String client, long seconds, int failures) {
        log(Level.WARNING, "lockout.locked", user, client, ordered("scope", scope, "seconds", seconds, "failures", failures));
    }

    public static void unlocked(String scope, String user, String client) {
        log(Level.INFO, "lockout.unlocked", user, client, Map.of("scope", scope));
    }

    /** The users in force were read again from {@code source} (a file or the shared database). */
    public static void realmReloaded(String source, int users) {
        log(Level.INFO, "realm.reloaded", null, null, ordered("source", source, "users", users));
    }

    /** A changed realm was not applied, for {@code why} (which names the file or database); the users read before stay. */
    public static void realmRefused(String why) {
        log(Level.WARNING, "realm.refused", null, null, Map.of("reason", why));
    }

    /** The users command changed {@code user} in {@code store}: add, passwd, roles or remove. */
    public static void usersChanged(String action, String user, String store, String roles) {
        Map<String, Object> fields = ordered("action", action, "store", store, "by", System.getProperty("user.name", "?"));
        if (roles != null) {
            fields.put("roles", roles);
        }
        log(Level.INFO, "users.changed", user, null, fields);
    }

    /** A user changed their own password (PUT /api/v1/me/password), from {@code client}. */
    public static void passwordChanged(String user, String client) {
        log(Level.INFO, "users.changed", user, client, ordered("action", "passwd", "by", "self"));
    }

    /** A user's hash was replaced at login by one in the default scheme ({@code what}: from which scheme to which parameters). */
    public static void hashUpgraded(String user, String store, String what) {
        log(Level.INFO, "users.hash_upgraded", user, null, ordered("store", store, "upgrade", what));
    }

    public static void tokenMade(String user, String client, String id, String name, String scope, java.time.Instant expires) {
        log(Level.INFO, "token.created", user, client, ordered("token", id, "name", shown(name), "scope", scope, "expires", expires.toString()));
    }

    public static void tokenUsed(String user, String client, String id, String name) {
        log(Level.INFO, "token.used_from_new_address", user, client, ordered("token", id, "name", shown(name)));
    }

    public static void tokenRevoked(String user, String client, String id, String by) {
        log(Level.INFO, "token.revoked", user, client, ordered("token", id, "by", by));
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }

    private static void log(Level level, String event, String user, String client, Map<String, ?> fields) {
        if (FILE == null && !LOG.isLoggable(level)) {
            return;
        }
        StringBuilder line = new StringBuilder(160).append('{');
        field(line, "time", Instant.now().toString());
        line.append(',');
        field(line, "event", event);
        line.append(',');
        field(line, "instance", INSTANCE);
        if (user != null) {
            line.append(',');
            field(line, "user", shown(user));
        }
        if (client != null) {
            line.append(',');
            field(line, "client", client);
        }
        fields.forEach((key, value) -> {
            line.append(',');
            if (value instanceof Number number) {
                string(line, key).append(':').append(number);
            } else {
                field(line, key, String.valueOf(value));
            }
        });
        String json = line.append('}').toString();
        if (FILE == null || !FILE.append(json)) {
            LOG.log(level, json);
        }
    }

    /**
     * Kinds of character a log line never shows as they are: format characters (bidirectional
     * overrides, zero-width ones), the line and paragraph separators (U+2028, U+2029: a new line
     * to many log viewers), and halves of surrogate pairs standing alone.
     */
    private static final Set<Integer> UNSHOWN = Set.of((int) Character.FORMAT,
            (int) Character.LINE_SEPARATOR, (int) Character.PARAGRAPH_SEPARATOR, (int) Character.SURROGATE);

    /**
     * A name as logs show it, the trail and the plain log alike: control characters and the
     * {@link #UNSHOWN} kinds as '?', at most 64 characters.
     */
    public static String shown(String name) {
        String shown = name.length() > 64 ? name.substring(0, 64) + "..." : name;
        return shown.codePoints()
                .map(c -> Character.isISOControl(c) || UNSHOWN.contains(Character.getType(c)) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static void field(StringBuilder line, String key, String value) {
        string(line, key).append(':');
        string(line, value);
    }

    /** A JSON string: quotes, backslashes and anything below U+0020 escaped. */
    private static StringBuilder string(StringBuilder line, String s) {
        line.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        return line.append('"');
    }

    private static AuditFile file() {
        String configured = Settings.current(Settings.PREFIX + "audit-file");
        return configured == null || configured.isBlank() ? null : new AuditFile(Settings.underTheContainersBase(configured.strip()));
    }

    private static String instance() {
        String configured = Settings.current(Settings.PREFIX + "instance");
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | SecurityException e) {
            return "unknown";
        }
    }
}
