package dev.securerestapi.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fixed endpoints and the error path, in the resource tier. */
class ApiResourcesTest {

    @RegisterExtension
    final InMemoryApi api = new InMemoryApi();

    @Test
    void privateAnswersTheMeaningOfLife() {
        Response response = api.target("api/v1/private").request().get();
        assertEquals(200, response.getStatus());
        assertEquals("{\"meaning_of_life\":42}", response.readEntity(String.class));
    }

    @Test
    void restAuthAnswersTheTutorialsJsonString() {
        assertEquals("\"You are authorized to see this message\"", api.target("rest-auth").request().get(String.class));
    }

    @Test
    void healthIsUp() {
        assertEquals("{\"status\":\"UP\"}", api.target("api/v1/health").request().get(String.class));
    }

    @Test
    void anUnknownPathIsA404Problem() {
        Response response = api.target("api/v1/nothing-here").request().get();
        assertEquals(404, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        assertTrue(response.readEntity(String.class).contains("\"status\":404"));
    }

    @Test
    void anUnsupportedMethodIsA405ProblemThatSaysWhichAreAllowed() {
        Response response = api.target("api/v1/private").request().delete();
        assertEquals(405, response.getStatus());
        assertTrue(response.getHeaderString("Allow").contains("GET"), response.getHeaderString("Allow"));
        assertEquals("application/problem+json", response.getMediaType().toString());
    }

    @Test
    void aBrowserGetsTheSameProblemAsHtml() {
        Response response = api.target("api/v1/nothing-here").request().accept(MediaType.TEXT_HTML).get();
        assertEquals(404, response.getStatus());
        assertTrue(response.getMediaType().isCompatible(MediaType.TEXT_HTML_TYPE), response.getMediaType().toString());
        assertTrue(response.readEntity(String.class).contains("<h1>404 Not Found</h1>"));
    }

    @Test
    void theLandingPageIsHtml() {
        Response response = api.target("").request().get();
        assertEquals(200, response.getStatus());
        assertTrue(response.readEntity(String.class).contains("/api/v1/private"));
    }
}
