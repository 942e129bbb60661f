package dev.securerestapi.app.subscribers;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A stored subscriber of the mailing list. */
@JsonPropertyOrder({"id", "name", "email", "createdAt"})
public record Subscriber(long id, String name, String email, @JsonIgnore Instant createdAt) {

    /** ISO-8601 in UTC, e.g. {@code 2026-11-22T21:30:00.123456Z}. */
    @JsonProperty("createdAt")
    public String createdAtText() {
        return createdAt.toString();
    }
}
