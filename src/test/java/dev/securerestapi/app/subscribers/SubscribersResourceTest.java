package dev.securerestapi.app.subscribers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.securerestapi.app.InMemoryApi;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The mailing list's resource over a real (in-memory) database, without a servlet container. */
class SubscribersResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIST = "api/v1/subscribers";

    @RegisterExtension
    final InMemoryApi api = new InMemoryApi();

    @Test
    void createAnswers201WithALocationThatReadsBackTheSameSubscriber() throws Exception {
        Response created = create("{\"name\":\" Ada Lovelace \",\"email\":\"ada@example.org\"}");
        assertEquals(201, created.getStatus());
        JsonNode body = JSON.readTree(created.readEntity(String.class));
        assertEquals("Ada Lovelace", body.path("name").asText(), "the name is trimmed");
        URI location = created.getLocation();
        assertTrue(location.getPath().endsWith("/api/v1/subscribers/" + body.path("id").asLong()), location.toString());

        JsonNode read = JSON.readTree(api.target(location.getPath().substring(1)).request().get(String.class));
        assertEquals(body, read);
    }

    @Test
    void locationAndNextAreRelativeReferencesNeverBuiltFromTheHost() throws Exception {
        Response created = create("{\"name\":\"Ada\",\"email\":\"ada@example.org\"}");
        create("{\"name\":\"Bob\",\"email\":\"bob@example.org\"}");
        String location = created.getHeaderString("Location");
        assertTrue(location.matches("/api/v1/subscribers/[0-9]+"), location);
        JsonNode page = JSON.readTree(api.target(LIST).queryParam("limit", 1).request().get(String.class));
        String next = page.path("next").asText();
        assertTrue(next.matches("/api/v1/subscribers\\?limit=1&after=[0-9]+"), next);
    }

    @Test
    void aSecondSubscriberWithTheSameEmailInAnyCaseIsA409ProblemAndNothingIsStored() throws Exception {
        assertEquals(201, create("{\"name\":\"Ada\",\"email\":\"ada@example.org\"}").getStatus());
        Response duplicate = create("{\"name\":\"Other Ada\",\"email\":\"ADA@Example.org\"}");
        assertEquals(409, duplicate.getStatus());
        assertEquals("application/problem+json", duplicate.getMediaType().toString());
        String problem = duplicate.readEntity(String.class);
        assertTrue(problem.contains("already exists"), problem);
        assertFalse(problem.toLowerCase().contains("ada@example.org"), "the email is not echoed: " + problem);
        assertEquals(1, total());
    }

    @Test
    void invalidInputIsA400NamingEveryWrongFieldAndNothingIsStored() throws Exception {
        Response response = create("{\"name\":\"\",\"email\":\"not-an-address\",\"extra\":1}");
        assertEquals(400, response.getStatus());
        JsonNode problem = JSON.readTree(response.readEntity(String.class));
        assertEquals(3, problem.path("errors").size(), problem.toString());
        assertEquals(0, total());
    }

    @Test
    void anUnknownQueryParameterIsA400NamingItAsAnUnknownBodyFieldIs() throws Exception {
        Response spring = api.target(LIST).queryParam("page", 2).queryParam("size", 5).request().get();
        assertEquals(400, spring.getStatus());
        JsonNode problem = JSON.readTree(spring.readEntity(String.class));
        assertEquals("page", problem.path("errors").path(0).path("field").asText(), problem.toString());
        assertEquals("size", problem.path("errors").path(1).path("field").asText(), problem.toString());
        assertTrue(problem.path("errors").path(0).path("detail").asText().endsWith("which takes after, limit"), problem.toString());
        assertEquals(200, api.target(LIST).queryParam("limit", 5).queryParam("after", 0).request().get().getStatus(), "its own are taken");
        Response none = api.target("api/v1/private").queryParam("x", 1).request().header("Authorization", "ignored here").get();
        assertEquals(400, none.getStatus(), "an operation that takes none refuses any");
        assertTrue(none.readEntity(String.class).contains("this operation takes none"));
    }

    @Test
    void malformedJsonIsA400ThatDoesNotQuoteTheInput() {
        Response response = create("{\"name\":\"secret-looking-input");
        assertEquals(400, response.getStatus());
        assertFalse(response.readEntity(String.class).contains("secret-looking-input"));
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        Response response = api.target(LIST).request().post(Entity.entity("name=Ada", MediaType.APPLICATION_FORM_URLENCODED));
        assertEquals(415, response.getStatus());
    }

    @Test
    void aBodyOver64KbIs413() throws Exception {
        String name = "x".repeat(70 * 1024);
        assertEquals(413, create("{\"name\":\"" + name + "\",\"email\":\"big@example.org\"}").getStatus());
        assertEquals(0, total());
    }

    @Test
    void anUnknownIdIs404AndABadIdIs400() {
        assertEquals(404, api.target(LIST + "/99").request().get().getStatus());
        assertEquals(404, api.target(LIST + "/99").request().delete().getStatus());
        assertEquals(400, api.target(LIST + "/abc").request().get().getStatus());
    }

    @Test
    void replaceChangesNameAndEmailAndDeleteRemoves() throws Exception {
        long id = JSON.readTree(create("{\"name\":\"Ada\",\"email\":\"ada@example.org\"}").readEntity(String.class)).path("id").asLong();
        Response replaced = api.target(LIST + "/" + id).request()
                .put(Entity.json("{\"name\":\"Ada King\",\"email\":\"ada.king@example.org\"}"));
        assertEquals(200, replaced.getStatus());
        assertEquals("ada.king@example.org", JSON.readTree(replaced.readEntity(String.class)).path("email").asText());

        assertEquals(204, api.target(LIST + "/" + id).request().delete().getStatus());
        assertEquals(404, api.target(LIST + "/" + id).request().get().getStatus());
    }

    @Test
    void pagesFollowNextInIdOrderUntilTheLastHasNone() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(201, create("{\"name\":\"S" + i + "\",\"email\":\"s" + i + "@example.org\"}").getStatus());
        }
        JsonNode first = JSON.readTree(api.target(LIST).queryParam("limit", 2).request().get(String.class));
        assertEquals(2, first.path("items").size());
        assertEquals(5, first.path("total").asLong());
        StringBuilder names = new StringBuilder();
        JsonNode page = first;
        int pages = 1;
        while (true) {
            page.path("items").forEach(item -> names.append(item.path("name").asText()).append(' '));
            if (page.path("next").isMissingNode()) {
                break;
            }
            URI next = URI.create(page.path("next").asText());
            page = JSON.readTree(api.target(next.getPath().substring(1)).queryParam("limit", 2)
                    .queryParam("after", next.getQuery().replaceAll(".*after=([0-9]+).*", "$1")).request().get(String.class));
            pages++;
        }
        assertEquals(3, pages);
        assertEquals("S0 S1 S2 S3 S4 ", names.toString());
    }

    @Test
    void aLimitOutOfRangeIsA400NamingIt() throws Exception {
        Response response = api.target(LIST).queryParam("limit", 101).request().get();
        assertEquals(400, response.getStatus());
        assertEquals("limit", JSON.readTree(response.readEntity(String.class)).path("errors").path(0).path("field").asText());
    }

    private Response create(String json) {
        return api.target(LIST).request().post(Entity.json(json));
    }

    private long total() throws Exception {
        return JSON.readTree(api.target(LIST).request().get(String.class)).path("total").asLong();
    }

    @Test
    void whileTheDatabaseIsAwayReadsAndWritesGet503WithRetryAfterAndNothingElseChanges() throws Exception {
        assertEquals(201, create("{\"name\":\"Before\",\"email\":\"before@example.org\"}").getStatus());
        api.database().down(true);
        for (Response response : new Response[] {
                api.target(LIST).request().get(),
                create("{\"name\":\"During\",\"email\":\"during@example.org\"}"),
                api.target(LIST + "/1").request().delete()}) {
            assertEquals(503, response.getStatus());
            assertEquals("5", response.getHeaderString("Retry-After"));
            assertEquals("application/problem+json", response.getMediaType().toString());
            JsonNode problem = JSON.readTree(response.readEntity(String.class));
            assertEquals(503, problem.path("status").asInt());
            assertFalse(problem.has("incident"), "an expected event, not an incident");
        }
        assertEquals(200, api.target("api/v1/health").request().get().getStatus(), "alive all the same");
        api.database().down(false);
        JsonNode page = JSON.readTree(api.target(LIST).request().get(String.class));
        assertEquals(1, page.path("total").asInt(), "what was stored before is there; nothing else is");
    }
}
