package dev.securerestapi.app.health;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Liveness for load balancers; the one path web.xml leaves open to anyone. */
@Path("api/v1/health")
public class HealthResource {

    public record Health(String status) {}

    private static final Health UP = new Health("UP");

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Health get() {
        return UP;
    }
}
