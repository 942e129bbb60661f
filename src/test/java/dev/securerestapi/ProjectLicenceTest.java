package dev.securerestapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The project says its licence, Apache 2.0, everywhere a user or a tool looks for it. */
class ProjectLicenceTest {

    @Test
    void theLicenceFileIsTheApacheLicence2() throws Exception {
        String licence = Files.readString(Path.of("LICENSE"));
        assertTrue(licence.strip().startsWith("Apache License\n                           Version 2.0, January 2004"), licence.substring(0, 200));
        assertTrue(licence.contains("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION"));
    }

    @Test
    void thePomAndTheOpenApiDocumentNameIt() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        assertTrue(pom.matches("(?s).*<licenses>\\s*<license>\\s*<name>Apache-2.0</name>\\s*<url>https://www.apache.org/licenses/LICENSE-2.0.txt</url>.*"),
                "pom.xml's <licenses>");
        JsonNode info = new ObjectMapper().readTree(Path.of("src/main/resources/dev/securerestapi/app/openapi/openapi.json").toFile()).path("info");
        assertEquals("Apache-2.0", info.path("license").path("identifier").asText(), info.toString());
    }
}
