package dev.securerestapi.app.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Application;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.test.JerseyTest;
import org.glassfish.jersey.test.inmemory.InMemoryTestContainerFactory;
import org.glassfish.jersey.test.spi.TestContainerFactory;
import org.junit.jupiter.api.Test;

/** The document names the server its WAR is deployed at: the context root, or the context path. */
class OpenApiResourceTest {

    private static JsonNode served(String base) throws Exception {
        JerseyTest jersey = new JerseyTest() {
            @Override
            protected Application configure() {
                return new ResourceConfig(OpenApiResource.class);
            }

            @Override
            protected TestContainerFactory getTestContainerFactory() {
                return new InMemoryTestContainerFactory();
            }

            @Override
            protected URI getBaseUri() {
                return URI.create("http://localhost:9998" + base);
            }
        };
        jersey.setUp();
        try {
            return new ObjectMapper().readTree(jersey.target("api/v1/openapi.json").request().get(String.class));
        } finally {
            jersey.tearDown();
        }
    }

    @Test
    void atTheRootTheServerIsTheRoot() throws Exception {
        assertEquals("/", served("/").path("servers").path(0).path("url").asText());
    }

    @Test
    void underAContextPathTheServerIsThatPath() throws Exception {
        JsonNode document = served("/mail/");
        assertEquals("/mail/", document.path("servers").path(0).path("url").asText());
        assertEquals("3.1.0", document.path("openapi").asText());
    }
}
