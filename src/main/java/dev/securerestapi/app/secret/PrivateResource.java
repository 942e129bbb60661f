package dev.securerestapi.app.secret;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The tutorial's private resource. The container lets only roles user and admin reach it. */
@Path("api/v1/private")
public class PrivateResource {

    public record MeaningOfLife(@JsonProperty("meaning_of_life") int meaningOfLife) {}

    private static final MeaningOfLife ANSWER = new MeaningOfLife(42);

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public MeaningOfLife get() {
        return ANSWER;
    }
}
