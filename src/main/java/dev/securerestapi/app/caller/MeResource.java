package dev.securerestapi.app.caller;

import java.util.List;

import dev.securerestapi.settings.Settings;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** Who the container says the caller is. */
@Singleton
@Path("api/v1/me")
public class MeResource {

    public record Caller(String name, List<String> roles) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Caller get(@Context SecurityContext security) {
        List<String> roles = Settings.ROLES.stream().filter(security::isUserInRole).toList();
        return new Caller(security.getUserPrincipal().getName(), roles);
    }
}
