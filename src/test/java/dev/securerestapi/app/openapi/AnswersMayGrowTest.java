package dev.securerestapi.app.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The document lets answers gain fields and refuses unknown fields in requests: a client made from
 * it by a strict generator keeps working when a later version adds a field to an answer, while a
 * request with a misspelt field is still refused (400). Every operation has a {@code default}
 * answer, so a generated client knows any other status is a problem.
 */
class AnswersMayGrowTest {

    private static JsonNode document() throws Exception {
        try (InputStream in = OpenApiResource.class.getResourceAsStream("openapi.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void noSchemaAnAnswerUsesRefusesAddedFieldsAndEveryRequestSchemaRefusesUnknownOnes() throws Exception {
        JsonNode document = document();
        Set<String> answers = new TreeSet<>();
        Set<String> requests = new TreeSet<>();
        document.path("paths").forEach(path -> path.forEach(operation -> {
            operation.path("requestBody").path("content").forEach(media -> collect(document, media.path("schema"), "", requests));
            operation.path("responses").forEach(response -> {
                JsonNode resolved = response.has("$ref") ? document.at(response.get("$ref").asText().substring(1)) : response;
                resolved.path("content").forEach(media -> collect(document, media.path("schema"), "", answers));
            });
        }));
        assertEquals(true, requests.contains("/components/schemas/SubscriberInput"), requests::toString);
        assertEquals(true, answers.containsAll(Set.of("/components/schemas/Problem", "/components/schemas/FieldError",
                "/components/schemas/Subscriber", "/components/schemas/SubscriberPage")), answers::toString);
        for (String request : requests) {
            assertEquals("false", document.at(request).path("additionalProperties").asText(), request + " refuses unknown fields");
        }
        for (String answer : answers) {
            assertFalse(document.at(answer).path("additionalProperties").isBoolean()
                    && !document.at(answer).path("additionalProperties").asBoolean(), answer + " must allow added fields");
        }
        assertFalse(answers.stream().anyMatch(requests::contains), "no schema is both an answer and a request");
    }

    /** Every object schema reachable from {@code schema}, as JSON pointers into the document. */
    private static void collect(JsonNode document, JsonNode schema, String pointer, Set<String> objects) {
        if (schema.has("$ref")) {
            String target = schema.get("$ref").asText().substring(1);
            if (objects.add(target) || !document.at(target).has("properties")) {
                collect(document, document.at(target), target, objects);
            }
            return;
        }
        if (schema.has("properties") && !pointer.isEmpty()) {
            objects.add(pointer);
        }
        schema.path("properties").properties().forEach(p -> collect(document, p.getValue(), pointer + "/properties/" + p.getKey(), objects));
        if (schema.has("items")) {
            collect(document, schema.get("items"), pointer + "/items", objects);
        }
    }

    private static final Set<String> METHODS = Set.of("get", "head", "post", "put", "delete", "options", "patch", "trace");

    @Test
    void everyOperationSaysWhatAnyOtherStatusIs() throws Exception {
        JsonNode document = document();
        Set<String> without = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (METHODS.contains(operation.getKey()) && !operation.getValue().path("responses").has("default")) {
                without.add(operation.getKey() + " " + path.getKey());
            }
        }));
        assertEquals(Set.of(), without);
        assertEquals("#/components/schemas/Problem",
                document.at("/components/responses/Error/content/application~1problem+json/schema/$ref").asText());
    }
}
