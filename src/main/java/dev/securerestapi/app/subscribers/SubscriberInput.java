package dev.securerestapi.app.subscribers;

import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securerestapi.app.http.JsonObjectBody;

/**
 * A subscriber as a client sends it, checked: a full name of 1 to 200 characters (trimmed) and
 * an email address of valid syntax, at most 254 characters (trimmed). Nothing else is accepted.
 */
record SubscriberInput(String name, String email) {

    static final int NAME_MAX = 200;
    static final int EMAIL_MAX = 254;
    private static final Set<String> FIELDS = Set.of("name", "email");

    // RFC 5321 dot-atom local part; a domain of LDH labels ending in an alphabetic top-level label
    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN = Pattern.compile("([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    /** The checked input, or a 400 naming every field that is wrong. */
    static SubscriberInput from(JsonNode body) {
        JsonObjectBody read = JsonObjectBody.of(body, "a subscriber", FIELDS, "name and email");
        String name = read.text("name");
        if (name != null) {
            name = name.strip();
            int length = name.codePointCount(0, name.length());
            if (length == 0) {
                read.refuse("name", "must not be blank");
            } else if (length > NAME_MAX) {
                read.refuse("name", "must be at most " + NAME_MAX + " characters");
            } else if (name.chars().anyMatch(Character::isISOControl)) {
                read.refuse("name", "must not contain control characters");
            }
        }
        String email = read.text("email");
        if (email != null) {
            email = email.strip();
            if (email.length() > EMAIL_MAX) {
                read.refuse("email", "must be at most " + EMAIL_MAX + " characters");
            } else if (!isEmailAddress(email)) {
                read.refuse("email", "must be an email address such as name@example.org");
            }
        }
        read.done();
        return new SubscriberInput(name, email);
    }

    static boolean isEmailAddress(String candidate) {
        int at = candidate.lastIndexOf('@');
        if (at <= 0 || at > 64 || candidate.length() - at - 1 > 253) {
            return false;
        }
        return LOCAL.matcher(candidate.substring(0, at)).matches()
                && DOMAIN.matcher(candidate.substring(at + 1)).matches();
    }
}
