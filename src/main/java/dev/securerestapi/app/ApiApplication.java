package dev.securerestapi.app;

import java.time.Clock;

import dev.securerestapi.app.caller.MeResource;
import dev.securerestapi.app.caller.OwnCredentials;
import dev.securerestapi.app.caller.TokensResource;
import dev.securerestapi.app.caller.PasswordResource;
import dev.securerestapi.app.metrics.Metrics;
import dev.securerestapi.app.metrics.MetricsResource;
import dev.securerestapi.app.health.HealthResource;
import dev.securerestapi.app.health.Readiness;
import dev.securerestapi.app.http.BodyLimit;
import dev.securerestapi.app.http.KnownQueryParameters;
import dev.securerestapi.app.http.NoTrailingSlash;
import dev.securerestapi.app.http.StrictJson;
import dev.securerestapi.app.landing.ChangePasswordLink;
import dev.securerestapi.app.landing.LandingPage;
import dev.securerestapi.app.openapi.OpenApiResource;
import dev.securerestapi.app.problem.ProblemMapper;
import dev.securerestapi.app.secret.PrivateResource;
import dev.securerestapi.app.secret.RestAuthResource;
import dev.securerestapi.app.storage.StorageLifecycle;
import dev.securerestapi.app.subscribers.SubscriberStore;
import dev.securerestapi.app.subscribers.SubscribersResource;
import jakarta.inject.Singleton;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.core.Context;
import org.glassfish.hk2.api.Factory;
import org.glassfish.hk2.utilities.binding.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.micrometer.server.DefaultJerseyTagsProvider;
import org.glassfish.jersey.micrometer.server.MetricsApplicationEventListener;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * Everything the API serves, registered in one place. Who may call what is not decided here:
 * that is WEB-INF/web.xml's job, enforced by the servlet container before any of this runs.
 */
public class ApiApplication extends ResourceConfig {

    /** As web.xml deploys it: the store is made once, over the database StorageLifecycle opened. */
    public ApiApplication() {
        this(new AbstractBinder() {
            @Override
            protected void configure() {
                bindFactory(StoreOverTheOpenDatabase.class).to(SubscriberStore.class).in(Singleton.class);
                bindFactory(ReadinessOfTheOpenDatabase.class).to(Readiness.class).in(Singleton.class);
                bindFactory(OwnCredentials.OfTheRequest.class).to(OwnCredentials.class).in(org.glassfish.jersey.process.internal.RequestScoped.class);
            }
        });
    }

    /** With a store and readiness made elsewhere: the resource tests give them over an in-memory database. */
    public ApiApplication(SubscriberStore store, Readiness readiness) {
        this(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(store).to(SubscriberStore.class);
                bind(readiness).to(Readiness.class);
            }
        });
    }

    private ApiApplication(AbstractBinder storage) {
        register(PrivateResource.class);
        register(RestAuthResource.class);
        register(MeResource.class);
        register(PasswordResource.class);
        register(TokensResource.class);
        register(HealthResource.class);
        register(LandingPage.class);
        register(ChangePasswordLink.class);
        register(SubscribersResource.class);
        register(MetricsResource.class);
        register(OpenApiResource.class);
        register(storage);
        // requests by route template, method and status, with a latency histogram
        register(new MetricsApplicationEventListener(Metrics.registry(), new DefaultJerseyTagsProvider(), Metrics.REQUESTS, true));

        register(ProblemMapper.class);
        // Jackson's own mappers would answer parse errors in plain text quoting the input
        register(JacksonFeature.withoutExceptionMappers());
        register(StrictJson.class);
        register(BodyLimit.class);
        register(NoTrailingSlash.class);
        register(KnownQueryParameters.class);

        // WADL would publish a description of the API and needs JAXB, which the WAR does not ship
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // Location headers stay the relative references resources give: never resolved against the request's Host
        property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
        // errors are answered by ProblemMapper with a body; never hand them to sendError
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    }

    /** The one Readiness of a deployed application, StorageLifecycle's. */
    static final class ReadinessOfTheOpenDatabase implements Factory<Readiness> {

        @Context
        private ServletContext context;

        @Override
        public Readiness provide() {
            return StorageLifecycle.readiness(context);
        }

        @Override
        public void dispose(Readiness readiness) {
            // StorageLifecycle's
        }
    }

    /** The one SubscriberStore of a deployed application. */
    static final class StoreOverTheOpenDatabase implements Factory<SubscriberStore> {

        @Context
        private ServletContext context;

        @Override
        public SubscriberStore provide() {
            return new SubscriberStore(StorageLifecycle.database(context).dataSource(), Clock.systemUTC());
        }

        @Override
        public void dispose(SubscriberStore store) {
            // the database is StorageLifecycle's to close
        }
    }
}
