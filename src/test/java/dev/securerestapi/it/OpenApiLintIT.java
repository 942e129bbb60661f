package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.securerestapi.it.support.ItConfig;
import dev.securerestapi.it.support.OpenApiDocument;
import org.junit.jupiter.api.Test;

/**
 * Redocly CLI's lint (the version src/test/lint/package-lock.json pins, installed by
 * src/test/setup/test-tools.sh) passes the OpenAPI document under its strict recommended rules:
 * no error, no warning, and the findings its ignore file leaves each with a reason written above.
 */
class OpenApiLintIT {

    private static final Path LINT = ItConfig.projectDir().resolve("src/test/lint");

    @Test
    void redoclysStrictLintFindsNothingButWhatIsIgnoredWithAReason() throws Exception {
        Path redocly = ItConfig.projectDir().resolve("target/lint/node_modules/.bin/redocly");
        assertTrue(Files.isExecutable(redocly), redocly + " (src/test/setup/test-tools.sh installs it)");
        ProcessBuilder builder = new ProcessBuilder(redocly.toString(), "lint", "--config", LINT.resolve("redocly.yaml").toString(),
                "--format=json", OpenApiDocument.SOURCE.toString())
                .directory(ItConfig.projectDir().toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("REDOCLY_TELEMETRY", "off");
        builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        Process lint = builder.start();
        String out = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(lint.waitFor(2, TimeUnit.MINUTES));
        JsonNode report = new ObjectMapper().readTree(out.substring(out.indexOf('{')));
        assertEquals(0, lint.exitValue(), out);
        assertEquals(0, report.path("totals").path("errors").asInt(), out);
        assertEquals(0, report.path("totals").path("warnings").asInt(), out);
        assertEquals(List.of(), report.path("problems").findValuesAsText("message"));
        int ignored = report.path("totals").path("ignored").asInt();

        List<String> lines = Files.readAllLines(LINT.resolve(".redocly.lint-ignore.yaml"));
        int entries = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith("- ")) {
                entries++;
                int above = i - 1;
                while (above >= 0 && !lines.get(above).strip().startsWith("#")) {
                    above--;
                }
                assertTrue(above >= 0 && lines.get(above).strip().length() > 20, "no reason above " + lines.get(i));
            }
        }
        assertEquals(entries, ignored, "every ignored finding is one the lint still makes");
    }
}
