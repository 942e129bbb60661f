package dev.securerestapi.app;

import java.time.Clock;
import java.util.UUID;

import dev.securerestapi.app.storage.Database;
import dev.securerestapi.app.subscribers.SubscriberStore;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Application;
import org.glassfish.jersey.test.JerseyTest;
import org.glassfish.jersey.test.inmemory.InMemoryTestContainerFactory;
import org.glassfish.jersey.test.spi.TestContainerFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The resource tier: the real {@link ApiApplication} in Jersey's in-memory container, over a new
 * in-memory database migrated as in production, fresh for every test
 * ({@code @RegisterExtension final InMemoryApi api = new InMemoryApi();}). No servlet container,
 * so no web.xml: who may call what is the ITs' business; this tier checks what the resources answer.
 */
public final class InMemoryApi implements BeforeEachCallback, AfterEachCallback {

    private JerseyTest jersey;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        jersey = new JerseyTest() {
            @Override
            protected Application configure() {
                JdbcDataSource dataSource = new JdbcDataSource();
                // DB_CLOSE_DELAY=-1: the database lives as long as the test, not as long as one connection
                dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
                return new ApiApplication(new SubscriberStore(Database.over(dataSource).dataSource(), Clock.systemUTC()));
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

    /** A request target at {@code path}, relative to the application's root. */
    public WebTarget target(String path) {
        return jersey.target(path);
    }
}
