package dev.securerestapi;

import dev.securerestapi.caller.MeResource;
import dev.securerestapi.health.HealthResource;
import dev.securerestapi.landing.LandingPage;
import dev.securerestapi.http.BodyLimit;
import dev.securerestapi.http.StrictJson;
import dev.securerestapi.problem.ProblemAsHtml;
import dev.securerestapi.problem.ProblemMapper;
import dev.securerestapi.secret.PrivateResource;
import dev.securerestapi.secret.RestAuthResource;
import dev.securerestapi.subscribers.SubscribersResource;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * Everything the API serves, registered in one place. Who may call what is not decided here:
 * that is WEB-INF/web.xml's job, enforced by the servlet container before any of this runs.
 */
public class ApiApplication extends ResourceConfig {

    public ApiApplication() {
        register(PrivateResource.class);
        register(RestAuthResource.class);
        register(MeResource.class);
        register(HealthResource.class);
        register(LandingPage.class);
        register(SubscribersResource.class);

        register(ProblemMapper.class);
        register(ProblemAsHtml.class);
        // Jackson's own mappers would answer parse errors in plain text quoting the input
        register(JacksonFeature.withoutExceptionMappers());
        register(StrictJson.class);
        register(BodyLimit.class);

        // WADL would publish a description of the API and needs JAXB, which the WAR does not ship
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // errors are answered by ProblemMapper with a body; never hand them to sendError
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    }
}
