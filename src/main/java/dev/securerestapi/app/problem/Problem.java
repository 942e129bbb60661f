package dev.securerestapi.app.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail: the body of every error this application answers.
 *
 * @param incident set only on server errors: the id under which the cause was logged
 * @param errors set only on rejected input: which fields were wrong and how
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String incident, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One rejected part of a request: a body field, or a path or query parameter. */
    public record FieldError(String field, String detail) {}

    /** Where the status says it all (RFC 9457, 4.2.1). */
    public static final String BLANK = "about:blank";
    /** 400 naming the rejected fields and parameters in {@code errors}. */
    public static final String VALIDATION = "tag:securerestapi.dev,2026:problem:validation";
    /** 409: the request contradicts what is stored (a subscriber's e-mail address taken). */
    public static final String CONFLICT = "tag:securerestapi.dev,2026:problem:conflict";
    /** 412: the version {@code If-Match} named is no longer the stored one. */
    public static final String PRECONDITION = "tag:securerestapi.dev,2026:problem:precondition";
    /** 429: too many failed logins for the name or from the address; {@code Retry-After} says when to try again. */
    public static final String THROTTLED = "tag:securerestapi.dev,2026:problem:throttled";

    /** A problem of the project's own type for {@code status} (docs/operations.md, Errors), or one its status describes. */
    static Problem ofStatus(int status, String title, String detail) {
        return new Problem(typeOf(status, false), title, status, detail, null, List.of());
    }

    /** The type of a problem with {@code status}: the project's own where it has one, {@link #BLANK} otherwise. */
    static String typeOf(int status, boolean namesFields) {
        return switch (status) {
            case 400 -> namesFields ? VALIDATION : BLANK;
            case 409 -> CONFLICT;
            case 412 -> PRECONDITION;
            case 429 -> THROTTLED;
            default -> BLANK;
        };
    }
}
