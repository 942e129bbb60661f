package dev.securerestapi.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail: the body of every error this application answers.
 *
 * @param incident set only on server errors: the id under which the cause was logged
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String incident) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem fully described by its HTTP status (RFC 9457 section 4.2.1). */
    static Problem ofStatus(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null);
    }
}
