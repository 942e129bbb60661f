package dev.securerestapi.app.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Every JSON name the API sends or takes is snake_case, as the seed's {@code meaning_of_life} is:
 * each property of each schema in the OpenAPI document (which OpenApiConformanceIT holds to what
 * the containers answer).
 */
class JsonNamesTest {

    @Test
    void everyPropertyTheDocumentNamesIsSnakeCase() throws Exception {
        JsonNode schemas;
        try (InputStream in = OpenApiResource.class.getResourceAsStream("openapi.json")) {
            schemas = new ObjectMapper().readTree(in).path("components").path("schemas");
        }
        List<String> names = new ArrayList<>();
        schemas.properties().forEach(schema -> schema.getValue().path("properties").fieldNames().forEachRemaining(names::add));
        assertTrue(names.contains("meaning_of_life") && names.contains("created_at"), names.toString());
        assertEquals(List.of(), names.stream().filter(name -> !name.matches("[a-z][a-z0-9]*(_[a-z0-9]+)*")).toList());
    }
}
