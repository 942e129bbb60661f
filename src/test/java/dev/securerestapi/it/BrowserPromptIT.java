package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real browser (Debian's headless Chromium, driven by playwright-core) against the WAR in
 * embedded Jetty, over HTTP and over HTTPS with the build's development certificate (trusted by
 * its public key, no certificate error ignored): a private link without credentials gets the 401
 * BASIC challenge that makes a browser prompt; the right answer shows the meaning of life; a wrong
 * one is challenged again; the landing page's link leads to the prompt. Each step leaves a
 * screenshot under target/browser-screenshots. Never skipped: without Chromium or the driver this
 * fails and says what to install.
 */
class BrowserPromptIT {

    private static final Supplier<EmbeddedJetty> SERVER = Containers.memoize(() -> EmbeddedJetty.startWithHttps("embedded-jetty-browser"));
    private static final Path BROWSER_DIR = ItConfig.projectDir().resolve("src/test/browser");

    @ParameterizedTest
    @ValueSource(strings = {"http", "https"})
    void theBrowserPromptsAndOnlyTheRightAnswerOpensThePrivatePage(String scheme) throws Exception {
        EmbeddedJetty server = SERVER.get();
        URI base = scheme.equals("https") ? server.httpsUri() : server.baseUri();
        Path shots = Files.createDirectories(ItConfig.war().resolveSibling("browser-screenshots").resolve(scheme));
        JsonNode seen = runBrowser(base, shots, scheme.equals("https") ? spki(ItConfig.devCertificate()) : null);

        // the 401 challenge makes the browser prompt; headless, nobody answers, and Chromium gives up
        JsonNode prompt = seen.path("1-no-credentials");
        assertTrue(prompt.path("error").asText().contains("net::ERR_INVALID_AUTH_CREDENTIALS"), prompt.toString());
        JsonNode challenge = prompt.path("responses").path(0);
        assertEquals(401, challenge.path("status").asInt(), prompt.toString());
        ProblemAssert.assertChallengeHeader(challenge.path("challenge").asText());
        assertTrue(challenge.path("contentType").asText().startsWith("text/html"), "a readable error page: " + prompt);

        JsonNode right = seen.path("2-right-answer");
        assertEquals(200, right.path("status").asInt(), right.toString());
        assertEquals("{\"meaning_of_life\":42}", right.path("text").asText().strip());

        JsonNode wrong = seen.path("3-wrong-answer");
        assertEquals(401, wrong.path("status").asInt(), wrong.toString());
        ProblemAssert.assertChallengeHeader(wrong.path("challenge").asText());
        assertTrue(wrong.path("text").asText().contains("401 Unauthorized"), wrong.toString());

        JsonNode landing = seen.path("4-landing-page");
        assertEquals(200, landing.path("status").asInt(), landing.toString());
        assertTrue(landing.path("text").asText().contains("secure-rest-api"), landing.toString());

        JsonNode followed = seen.path("5-landing-link");
        assertEquals(200, followed.path("status").asInt(), followed.toString());
        assertTrue(followed.path("url").asText().endsWith("/api/v1/private"), followed.toString());
        assertEquals("{\"meaning_of_life\":42}", followed.path("text").asText().strip());

        for (String step : List.of("1-no-credentials", "2-right-answer", "3-wrong-answer", "4-landing-page", "5-landing-link")) {
            Path shot = shots.resolve(step + ".png");
            assertTrue(Files.size(shot) > 1000, "a screenshot of " + step + " in " + shot);
        }
    }

    /** The certificate's public key as Chromium's --ignore-certificate-errors-spki-list takes it. */
    private static String spki(Path pem) throws Exception {
        var certificate = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
        return Base64.getEncoder().encodeToString(digest);
    }

    private static JsonNode runBrowser(URI base, Path shots, String spki) throws Exception {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            throw new IllegalStateException("no Chromium at " + chromium + ". Install it, then run mvn verify again:\n"
                    + "    sudo apt-get install -y chromium\n(src/test/setup/test-tools.sh does this as root)");
        }
        if (!Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core"))) {
            throw new IllegalStateException("playwright-core is not installed in " + BROWSER_DIR
                    + ". Run: (cd src/test/browser && npm ci)  (src/test/setup/test-tools.sh does this)");
        }
        List<String> command = new ArrayList<>(List.of("node", "prompt.mjs", base.toString(), TestUsers.ADMIN.name(),
                TestUsers.ADMIN.password(), "not-" + TestUsers.ADMIN.password(), shots.toString()));
        if (spki != null) {
            command.add(spki);
        }
        Process process = new ProcessBuilder(command).directory(BROWSER_DIR.toFile()).redirectErrorStream(false).start();
        process.getOutputStream().close();
        byte[] out;
        byte[] err;
        try {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the browser run did not finish in 180 s");
            }
            out = process.getInputStream().readAllBytes();
            err = process.getErrorStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String stdout = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "node prompt.mjs failed:\n" + stdout + new String(err, StandardCharsets.UTF_8));
        return ProblemAssert.json(stdout.strip());
    }
}
