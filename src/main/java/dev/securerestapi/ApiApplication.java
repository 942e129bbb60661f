package dev.securerestapi;

import java.util.Map;
import java.util.Set;

import dev.securerestapi.caller.MeResource;
import dev.securerestapi.health.HealthResource;
import dev.securerestapi.problem.ProblemMapper;
import dev.securerestapi.secret.PrivateResource;
import dev.securerestapi.secret.RestAuthResource;
import jakarta.ws.rs.core.Application;
import org.glassfish.jersey.jackson.JacksonFeature;

/**
 * Everything the API serves, registered in one place. Who may call what is not decided here:
 * that is WEB-INF/web.xml's job, enforced by the servlet container before any of this runs.
 */
public class ApiApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                PrivateResource.class,
                RestAuthResource.class,
                MeResource.class,
                HealthResource.class,
                ProblemMapper.class,
                JacksonFeature.class);
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of(
                // WADL would publish an unauthenticated-looking description and needs JAXB we don't ship
                "jersey.config.server.wadl.disableWadl", true,
                // Errors are answered by ProblemMapper with a body; never hand them to sendError
                "jersey.config.server.response.setStatusOverSendError", true);
    }
}
