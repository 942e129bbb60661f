package dev.securerestapi.app.subscribers;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securerestapi.app.problem.Problem.FieldError;
import dev.securerestapi.app.problem.ProblemException;

/**
 * A subscriber as a client sends it, checked: a full name of 1 to 200 characters (trimmed) and
 * an email address of valid syntax, at most 254 characters (trimmed). Nothing else is accepted.
 */
record SubscriberInput(String name, String email) {

    static final int NAME_MAX = 200;
    static final int EMAIL_MAX = 254;
    private static final Set<String> FIELDS = Set.of("name", "email");
    private static final int ECHOED_FIELD_NAME_MAX = 64;

    // RFC 5321 dot-atom local part; a domain of LDH labels ending in an alphabetic top-level label
    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN = Pattern.compile("([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    /** The checked input, or a 400 naming every field that is wrong. */
    static SubscriberInput from(JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw ProblemException.invalid("body", "is required: a JSON object with name and email");
        }
        if (!body.isObject()) {
            throw ProblemException.invalid("body", "must be a JSON object with name and email");
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                errors.add(new FieldError(shorten(field), "is not a field of a subscriber"));
            }
        }
        String name = text(body, "name", errors);
        if (name != null) {
            name = name.strip();
            int length = name.codePointCount(0, name.length());
            if (length == 0) {
                errors.add(new FieldError("name", "must not be blank"));
            } else if (length > NAME_MAX) {
                errors.add(new FieldError("name", "must be at most " + NAME_MAX + " characters"));
            } else if (name.chars().anyMatch(Character::isISOControl)) {
                errors.add(new FieldError("name", "must not contain control characters"));
            }
        }
        String email = text(body, "email", errors);
        if (email != null) {
            email = email.strip();
            if (email.length() > EMAIL_MAX) {
                errors.add(new FieldError("email", "must be at most " + EMAIL_MAX + " characters"));
            } else if (!isEmailAddress(email)) {
                errors.add(new FieldError("email", "must be an email address such as name@example.org"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
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

    private static String text(JsonNode body, String field, List<FieldError> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return value.textValue();
    }

    private static String shorten(String field) {
        return field.length() <= ECHOED_FIELD_NAME_MAX ? field : field.substring(0, ECHOED_FIELD_NAME_MAX) + "...";
    }
}
