package dev.securerestapi.app;

import java.time.Clock;

import dev.securerestapi.CountingDatabase;
import dev.securerestapi.app.health.Readiness;
import dev.securerestapi.app.subscribers.SubscriberStore;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Application;
import org.glassfish.jersey.test.JerseyTest;
import org.glassfish.jersey.test.inmemory.InMemoryTestContainerFactory;
import org.glassfish.jersey.test.spi.TestContainerFactory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The resource tier: the real {@link ApiApplication} in Jersey's in-memory container, over a new
 * in-memory database migrated as in production ({@link CountingDatabase}), fresh for every test
 * ({@code @RegisterExtension final InMemoryApi api = new InMemoryApi();}). No servlet container,
 * so no web.xml: who may call what is the ITs' business; this tier checks what the resources answer.
 */
public final class InMemoryApi implements BeforeEachCallback, AfterEachCallback {

    private JerseyTest jersey;
    private CountingDatabase database;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        jersey = new JerseyTest() {
            @Override
            protected Application configure() {
                database = new CountingDatabase();
                return new ApiApplication(new SubscriberStore(database, Clock.systemUTC()), new Readiness(database, Clock.systemUTC()));
            }

            @Override
            protected TestContainerFactory getTestContainerFactory() {
                return new InMemoryTestContainerFactory();
            }
        };
        jersey.setUp();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        jersey.tearDown();
    }

    /** The database behind it, which a test can take down. */
    public CountingDatabase database() {
        return database;
    }

    /** A request target at {@code path}, relative to the application's root. */
    public WebTarget target(String path) {
        return jersey.target(path);
    }
}
