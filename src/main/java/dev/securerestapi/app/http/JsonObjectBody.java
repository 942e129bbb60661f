package dev.securerestapi.app.http;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securerestapi.app.problem.Problem.FieldError;
import dev.securerestapi.app.problem.ProblemException;

/**
 * A request body that must be a JSON object of named fields, read the one way every resource
 * reads one: no field it does not name, strings where it asks for them, and every wrong field
 * collected, so one 400 names them all ({@link #done}).
 */
public final class JsonObjectBody {

    /** The longest field name a problem echoes; longer ones are cut. */
    private static final int ECHOED_FIELD_NAME_MAX = 64;

    private final JsonNode body;
    private final List<FieldError> errors = new ArrayList<>();

    private JsonObjectBody(JsonNode body) {
        this.body = body;
    }

    /**
     * @param what what the object is, for an unknown field ("a subscriber")
     * @param fields the fields it may have, as a problem says them ("name and email")
     * @throws ProblemException 400 when the body is missing or no JSON object
     */
    public static JsonObjectBody of(JsonNode body, String what, Set<String> fields, String fieldsSaid) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw ProblemException.invalid("body", "is required: a JSON object with " + fieldsSaid);
        }
        if (!body.isObject()) {
            throw ProblemException.invalid("body", "must be a JSON object with " + fieldsSaid);
        }
        JsonObjectBody read = new JsonObjectBody(body);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!fields.contains(field)) {
                read.refuse(field.length() <= ECHOED_FIELD_NAME_MAX ? field : field.substring(0, ECHOED_FIELD_NAME_MAX) + "...",
                        "is not a field of " + what);
            }
        }
        return read;
    }

    /** The string {@code field} holds, or null (and the field refused) where it is missing or no string. */
    public String text(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            refuse(field, "is required");
            return null;
        }
        if (!value.isTextual()) {
            refuse(field, "must be a string");
            return null;
        }
        return value.textValue();
    }

    /** The whole number {@code field} holds, or null (and the field refused) where it is missing or no such number. */
    public Integer integer(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            refuse(field, "is required");
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            refuse(field, "must be a whole number");
            return null;
        }
        return value.intValue();
    }

    /** Refuses {@code field} for {@code why}, besides whatever else is wrong. */
    public void refuse(String field, String why) {
        errors.add(new FieldError(field, why));
    }

    /** @throws ProblemException 400 naming every field refused so far */
    public void done() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
