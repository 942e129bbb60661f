package dev.securerestapi.app.secret;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The tutorial's private resource. The container lets only roles user and admin reach it. Its
 * answer never changes, so Jackson writes it once, when the class loads, rather than on every
 * request (the most requested endpoint: see bench/README.md); one instance serves every request.
 */
@Singleton
@Path("api/v1/private")
public class PrivateResource {

    public record MeaningOfLife(@JsonProperty("meaning_of_life") int meaningOfLife) {}

    static final MeaningOfLife ANSWER = new MeaningOfLife(42);

    private static final byte[] BODY = serialized(ANSWER);

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] get() {
        return BODY.clone();
    }

    private static byte[] serialized(MeaningOfLife answer) {
        try {
            return new ObjectMapper().writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
