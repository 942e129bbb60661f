package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.securerestapi.it.support.DocBlocks;
import dev.securerestapi.it.support.ExternalContainer;
import dev.securerestapi.it.support.ItConfig;
import dev.securerestapi.it.support.Processes;
import org.junit.jupiter.api.Test;

/**
 * operations.md's HTTPS commands as they stand, against {@code mvn jetty:run} in a copy of this checkout
 * (its pom.xml and src/, nothing built): the build makes the development certificate, Jetty serves
 * HTTPS with it, and curl trusts it through {@code --cacert}. It runs with docs/api.md's CORS variable,
 * and that page's preflight gets the answer it shows. Only the ports differ from the docs. And
 * {@code -Dsecure-rest-api.data=DIR} on its command line puts the database there, not in the
 * {@code target/data} the pom presets.
 */
class JettyRunHttpsIT {

    @Test
    void readmesHttpsCurlsWorkAgainstMvnJettyRunAndASettingOnItsCommandLineWins() throws Exception {
        Path checkout = ItConfig.freshWorkDir("jetty-run");
        copy(ItConfig.projectDir().resolve("pom.xml"), checkout.resolve("pom.xml"));
        copyTree(ItConfig.projectDir().resolve("src"), checkout.resolve("src"));
        int http = ExternalContainer.freePort();
        int https = ExternalContainer.freePort();
        Path log = checkout.resolve("jetty-run.log");
        String corsRun = DocBlocks.block("cors-jetty-run").strip();
        java.util.regex.Matcher variable = java.util.regex.Pattern.compile("(SECURE_REST_API_[A-Z_]+)=(\\S+) mvn jetty:run").matcher(corsRun);
        assertTrue(variable.matches(), "docs/api.md's CORS block is no longer VARIABLE=value mvn jetty:run: " + corsRun);
        Path data = checkout.resolve("data-from-the-command-line");
        ProcessBuilder start = new ProcessBuilder(Processes.tethered(List.of("mvn", "--batch-mode", "jetty:run",
                "-Djetty.http.port=" + http, "-Djetty.https.port=" + https, "-Dsecure-rest-api.data=" + data)))
                .directory(checkout.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        start.environment().put(variable.group(1), variable.group(2));
        Process jetty = start.start();
        try {
            Processes.awaitListening(jetty, https, Duration.ofMinutes(5), () -> tail(log));
            String curls = DocBlocks.block("jetty-run-https").replace("8443", Integer.toString(https));
            Process run = new ProcessBuilder("bash", "-c", curls).directory(checkout.toFile()).redirectErrorStream(true).start();
            assertTrue(run.waitFor(60, TimeUnit.SECONDS), "curl did not finish");
            String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, run.exitValue(), out);
            assertTrue(out.contains("{\"meaning_of_life\":42}"), out);
            assertTrue(out.contains("HTTP/1.1 401 Unauthorized"), out);
            assertTrue(out.contains("WWW-Authenticate: Basic realm=\"secure-rest-api\""), out);
            assertFalse(out.toLowerCase(java.util.Locale.ROOT).contains("server: jetty"), "mvn jetty:run names no server version:\n" + out);
            assertTrue(Files.isRegularFile(checkout.resolve("target/dev-tls/localhost.pem")), "the build made the certificate");
            // a setting on the command line wins over the one the pom presets for jetty:run
            assertTrue(Files.isRegularFile(data.resolve("subscribers.mv.db")), "the database is where -Dsecure-rest-api.data says");
            assertFalse(Files.exists(checkout.resolve("target/data")), "not in the pom's target/data");

            String preflight = DocBlocks.block("cors-preflight").replace("localhost:8080", "localhost:" + http);
            Process cors = new ProcessBuilder("bash", "-c", preflight).redirectErrorStream(true).start();
            assertTrue(cors.waitFor(60, TimeUnit.SECONDS), "curl did not finish");
            String answer = new String(cors.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
            for (String line : preflight.lines().filter(l -> l.startsWith("# ")).map(l -> l.substring(2)).toList()) {
                assertTrue(answer.contains(line), "docs/api.md's preflight answer has '" + line + "':\n" + answer);
            }
        } finally {
            Processes.stop(jetty);
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    /** src/ without what is installed or built in it (node_modules). */
    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(from)) {
            paths = walk.filter(p -> !from.relativize(p).toString().contains("node_modules")).toList();
        }
        for (Path path : paths) {
            Path target = to.resolve(from.relativize(path).toString());
            if (Files.isDirectory(path)) {
                Files.createDirectories(target);
            } else {
                copy(path, target);
            }
        }
    }
}
