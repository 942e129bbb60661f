package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.ItConfig;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * What {@code mvn package} hands a user besides the code: the WAR's manifest names its version and
 * commit, the users command's {@code --version} says the same, the metric
 * {@code secure_rest_api_build_info} shows them to the monitor role (and no public answer does),
 * and the CycloneDX SBOM lists every jar the WAR ships, each under a licence one may ship beside
 * Apache 2.0 code.
 */
class ReleaseArtifactsIT {

    /**
     * Licences (SPDX ids, or the names their poms give) whose code an Apache 2.0 project may ship:
     * permissive, or weak copyleft kept in its own jar. A component offered under several may be
     * taken under any one of them.
     */
    private static final Set<String> SHIPPABLE = Set.of("Apache-2.0", "MIT", "BSD-2-Clause", "BSD-3-Clause", "EPL-1.0", "EPL-2.0",
            "MPL-2.0", "EDL-1.0", "Bouncy Castle Licence", "Eclipse Distribution License - v 1.0", "The Apache Software License, Version 2.0");

    private static String commit() throws Exception {
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").directory(ItConfig.projectDir().toFile()).redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(git.waitFor(30, TimeUnit.SECONDS));
        return git.exitValue() == 0 ? out : "unknown";
    }

    private static Attributes warManifest() throws Exception {
        try (JarFile war = new JarFile(ItConfig.war().toFile())) {
            return war.getManifest().getMainAttributes();
        }
    }

    @Test
    void theWarsManifestNamesItsVersionAndCommit() throws Exception {
        Attributes main = warManifest();
        assertTrue(main.getValue("Implementation-Version").matches("[0-9]+\\.[0-9]+\\.[0-9]+(-SNAPSHOT)?"), main.entrySet().toString());
        assertEquals(commit(), main.getValue("Implementation-Commit"));
    }

    @Test
    void theDataCommandsJarNamesTheSameVersionAndCommit() throws Exception {
        try (JarFile data = new JarFile(ItConfig.projectDir().resolve("target/secure-rest-api-data.jar").toFile())) {
            Attributes main = data.getManifest().getMainAttributes();
            assertEquals(warManifest().getValue("Implementation-Version"), main.getValue("Implementation-Version"));
            assertEquals(commit(), main.getValue("Implementation-Commit"));
            assertEquals("dev.securerestapi.app.storage.MoveCommand", main.getValue("Main-Class"));
        }
    }

    @Test
    void theUsersCommandSaysTheSameVersion() throws Exception {
        Process users = new ProcessBuilder("java", "-jar", ItConfig.usersJar().toString(), "--version").redirectErrorStream(true).start();
        String out = new String(users.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(users.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, users.exitValue(), out);
        assertEquals("secure-rest-api-users " + warManifest().getValue("Implementation-Version") + " (commit " + commit() + ")\n", out);
    }

    @Test
    void theMonitorSeesTheBuildAndNoPublicAnswerNamesIt() throws Exception {
        Http http = new Http(Containers.tomcat());
        String version = warManifest().getValue("Implementation-Version");
        String series = "secure_rest_api_build_info{commit=\"" + commit() + "\",version=\"" + version + "\"} 1";
        HttpResponse<String> metrics = http.get("metrics", TestUsers.MONITOR);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains(series + "\n"), series + " in\n" + metrics.body().lines().filter(l -> l.contains("build")).toList());
        for (String path : List.of("", "api/v1/health", "api/v1/no-such-thing", "api/v1/private")) {
            HttpResponse<String> answer = http.get(path);
            String everything = answer.headers().map() + "\n" + answer.body();
            assertFalse(everything.contains(commit()) || everything.contains(version), path + " names the build: " + everything);
        }
    }

    @Test
    void theSbomListsEveryJarTheWarShipsEachUnderALicenceShippableWithApache2() throws Exception {
        Path sbom = ItConfig.war().resolveSibling("secure-rest-api.cdx.json");
        JsonNode bom = new ObjectMapper().readTree(sbom.toFile());
        assertEquals("CycloneDX", bom.path("bomFormat").asText());
        Set<String> listed = new TreeSet<>();
        List<String> unshippable = new ArrayList<>();
        for (JsonNode component : bom.path("components")) {
            listed.add(component.path("name").asText() + "-" + component.path("version").asText() + ".jar");
            List<String> licences = new ArrayList<>();
            for (JsonNode choice : component.path("licenses")) {
                JsonNode licence = choice.path("license");
                licences.add(licence.has("id") ? licence.path("id").asText() : licence.has("name") ? licence.path("name").asText()
                        : choice.path("expression").asText());
            }
            if (licences.stream().noneMatch(SHIPPABLE::contains)) {
                unshippable.add(component.path("purl").asText() + " " + licences);
            }
        }
        assertTrue(unshippable.isEmpty(), "components under no licence known to be shippable: " + unshippable);
        Set<String> shipped = new TreeSet<>();
        try (JarFile war = new JarFile(ItConfig.war().toFile())) {
            war.stream().map(e -> e.getName()).filter(n -> n.startsWith("WEB-INF/lib/") && n.endsWith(".jar"))
                    .forEach(n -> shipped.add(n.substring("WEB-INF/lib/".length())));
        }
        assertFalse(shipped.isEmpty());
        Set<String> missing = new TreeSet<>(shipped);
        missing.removeAll(listed);
        assertTrue(missing.isEmpty(), "shipped but not in the SBOM: " + missing);
        assertEquals("Apache-2.0", bom.path("metadata").path("component").path("licenses").path(0).path("license").path("id").asText(),
                "the project's own licence");
        assertTrue(Files.size(sbom) > 0);
    }
}
