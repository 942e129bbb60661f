package dev.securerestapi.app.health;

import dev.securerestapi.app.problem.Unavailable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Liveness and readiness for load balancers, both open to anyone (web.xml): liveness answers
 * while the process serves at all; readiness only while it should get traffic ({@link Readiness}).
 * One instance for the application: made per request, with its readiness injected each time, it
 * cost liveness (the benchmark's reference) a third of its rate.
 */
@Singleton
@Path("api/v1/health")
public class HealthResource {

    public record Health(String status) {}

    private static final Health UP = new Health("UP");

    private final Readiness readiness;

    @Inject
    public HealthResource(Readiness readiness) {
        this.readiness = readiness;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Health get() {
        return UP;
    }

    /** 200 while ready; else 503 problem+json with Retry-After. Never cached: each probe asks anew. */
    @GET
    @Path("ready")
    @Produces(MediaType.APPLICATION_JSON)
    public Response ready() {
        if (!readiness.ready()) {
            throw new Unavailable("This instance is not ready: its database does not answer, or it is stopping.");
        }
        return Response.ok(UP).header("Cache-Control", "no-store").build();
    }
}
