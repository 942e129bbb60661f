package dev.securerestapi.app.secret;

import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The tutorial's {@code /rest-auth}: a JSON string for anyone the container let in. */
@Singleton
@Path("rest-auth")
public class RestAuthResource {

    // Already JSON: a String entity is written verbatim, so the quotes must be part of it.
    static final String MESSAGE = "\"You are authorized to see this message\"";

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String get() {
        return MESSAGE;
    }
}
