package dev.securerestapi.app.subscribers;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A stored subscriber of the mailing list; {@code version} moves with every write and is its ETag, not part of its body. */
@JsonPropertyOrder({"id", "name", "email", "created_at"})
public record Subscriber(long id, String name, String email, @JsonIgnore Instant createdAt, @JsonIgnore long version) {

    /** The strong entity tag of this version (RFC 9110): {@code "3"}. */
    public jakarta.ws.rs.core.EntityTag etag() {
        return new jakarta.ws.rs.core.EntityTag(Long.toString(version));
    }

    /** ISO-8601 in UTC, e.g. {@code 2026-11-22T21:30:00.123456Z}. */
    @JsonProperty("created_at")
    public String createdAtText() {
        return createdAt.toString();
    }
}
