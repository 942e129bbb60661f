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

    /** A problem fully described by its HTTP status (RFC 9457 section 4.2.1). */
    static Problem ofStatus(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, List.of());
    }
}
