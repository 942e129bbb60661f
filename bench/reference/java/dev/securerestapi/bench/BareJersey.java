package dev.securerestapi.bench;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The benchmark's framework reference: the private endpoint as the Jersey and Jackson tutorials
 * write it, behind the container's own BASIC authentication with a plain-text password (web.xml).
 * What this project adds to a request is what it costs beyond this.
 */
public class BareJersey extends ResourceConfig {

    public BareJersey() {
        register(Private.class);
        register(JacksonFeature.class);
    }

    @Path("api/v1/private")
    public static class Private {

        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public Map<String, Integer> get() {
            return Map.of("meaning_of_life", 42);
        }
    }
}
