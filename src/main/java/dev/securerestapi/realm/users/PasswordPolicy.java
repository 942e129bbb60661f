package dev.securerestapi.realm.users;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.securerestapi.settings.Settings;

/**
 * The one password policy, for every place a password is set (the users command's add and
 * passwd, the import of plain passwords), after OWASP ASVS 5.0 V6.2 and NIST SP 800-63B: the
 * password in Unicode NFC (as the realm reads passwords) has at least {@code minLength}
 * characters (8 unless {@code secure-rest-api.password.min-length} says more), at most
 * {@value #MAX_BYTES} bytes of UTF-8 (so 64 characters and far more are taken), no control
 * character (HTTP Basic cannot carry one), is not on the list of common passwords shipped with
 * the project, and contains neither the user's name nor the service's. No composition rules. A
 * refusal names the rule and never the password.
 */
public final class PasswordPolicy {

    /** The longest password taken, in bytes of UTF-8: many times 64 characters, little for Argon2id to read. */
    public static final int MAX_BYTES = 1024;
    /** The service's name as it may appear in a password: letters and digits alone, lower case. */
    static final String SERVICE = "securerestapi";

    /** Which rule refused a password; {@code message} says it without the password. */
    public enum Rule {
        TOO_SHORT, TOO_LONG, CONTROL_CHARACTERS, COMMON, CONTAINS_NAME, CONTAINS_SERVICE, TOKEN_PREFIX
    }

    public record Refusal(Rule rule, String message) {}

    private static final Set<String> COMMON = load();

    private final int minLength;

    /** The policy this JVM's settings give ({@code secure-rest-api.password.min-length}). */
    public static PasswordPolicy current() {
        return new PasswordPolicy(Settings.current().passwordMinLength());
    }

    public PasswordPolicy(int minLength) {
        if (minLength < Settings.PASSWORD_MIN_LENGTH || minLength > Settings.PASSWORD_MIN_LENGTH_CEILING) {
            throw new IllegalArgumentException("a minimum length from " + Settings.PASSWORD_MIN_LENGTH + " to "
                    + Settings.PASSWORD_MIN_LENGTH_CEILING);
        }
        this.minLength = minLength;
    }

    /** Why {@code password} may not be {@code name}'s, or empty where it may. */
    public Optional<Refusal> refusal(String name, String password) {
        String nfc = Normalizer.normalize(password, Normalizer.Form.NFC);
        if (nfc.codePoints().anyMatch(Character::isISOControl)) {
            return refuse(Rule.CONTROL_CHARACTERS, "it holds control characters, which HTTP Basic cannot carry (RFC 7617)");
        }
        if (nfc.codePointCount(0, nfc.length()) < minLength) {
            return refuse(Rule.TOO_SHORT, "it is shorter than " + minLength + " characters");
        }
        if (nfc.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return refuse(Rule.TOO_LONG, "it is longer than " + MAX_BYTES + " bytes of UTF-8");
        }
        if (dev.securerestapi.realm.tokens.TokenDigest.isToken(nfc)) {
            return refuse(Rule.TOKEN_PREFIX, "it begins as access tokens do (" + dev.securerestapi.realm.tokens.TokenDigest.PREFIX
                    + "), and would be taken for one");
        }
        String lower = nfc.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            return refuse(Rule.COMMON, "it is on the list of common passwords, which attackers try first");
        }
        for (String part : nameParts(name)) {
            if (lower.contains(part)) {
                return refuse(Rule.CONTAINS_NAME, "it contains the user's name");
            }
        }
        if (lower.codePoints().filter(Character::isLetterOrDigit).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                StringBuilder::append).toString().contains(SERVICE)) {
            return refuse(Rule.CONTAINS_SERVICE, "it contains the service's name");
        }
        return Optional.empty();
    }

    /** The name, and where it is an email address its local part, lower case; parts under 3 characters are too common to refuse. */
    private static Set<String> nameParts(String name) {
        Set<String> parts = new HashSet<>();
        String lower = Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        parts.add(lower);
        int at = lower.indexOf('@');
        if (at > 0) {
            parts.add(lower.substring(0, at));
        }
        parts.removeIf(part -> part.codePointCount(0, part.length()) < 3);
        return parts;
    }

    private static Optional<Refusal> refuse(Rule rule, String why) {
        return Optional.of(new Refusal(rule, "the password is refused: " + why));
    }

    /** How many common passwords the list holds. */
    static int commonCount() {
        return COMMON.size();
    }

    private static Set<String> load() {
        Set<String> common = new HashSet<>(16_384);
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing beside " + PasswordPolicy.class.getName());
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    common.add(line.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(common);
    }
}
