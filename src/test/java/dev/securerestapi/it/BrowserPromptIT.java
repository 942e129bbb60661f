package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

import dev.securerestapi.it.support.Browser;
import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.EmbeddedJetty;
import dev.securerestapi.it.support.ItConfig;
import dev.securerestapi.it.support.ProblemAssert;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.UsernameAndPassword;
import org.openqa.selenium.bidi.network.ResponseData;

/**
 * A real browser (Debian's headless Chromium, driven through Debian's ChromeDriver) against the
 * WAR in embedded Jetty, over HTTP and over HTTPS with the build's development certificate
 * (trusted by its public key, no certificate error ignored): a private link without credentials
 * gets the 401 BASIC challenge that raises the browser's login prompt; the right answer shows the
 * meaning of life; a wrong one is challenged again, and Cancel shows the HTML 401 page; the
 * landing page's link leads through the prompt; a password with non-ASCII letters typed at the
 * prompt opens the private page in every container. Each step leaves a screenshot under
 * target/browser-screenshots. Never skipped: without Chromium or its driver this fails and says
 * what to install.
 */
class BrowserPromptIT {

    private static final Supplier<EmbeddedJetty> SERVER = Containers.memoize(() -> EmbeddedJetty.startWithHttps("embedded-jetty-browser"));
    /** One Chromium for the visits over HTTP, one that trusts the development certificate for HTTPS. */
    private static final Supplier<Browser> PLAIN = Containers.memoize(() -> new Browser(null));
    private static final Supplier<Browser> TRUSTING = Containers.memoize(() -> new Browser(spki(ItConfig.devCertificate())));
    private static final UsernameAndPassword RIGHT = new UsernameAndPassword(TestUsers.ADMIN.name(), TestUsers.ADMIN.password());
    private static final UsernameAndPassword WRONG = new UsernameAndPassword(TestUsers.ADMIN.name(), "not-" + TestUsers.ADMIN.password());

    @ParameterizedTest
    @ValueSource(strings = {"http", "https"})
    void theBrowserPromptsAndOnlyTheRightAnswerOpensThePrivatePage(String scheme) throws Exception {
        EmbeddedJetty server = SERVER.get();
        URI base = scheme.equals("https") ? server.httpsUri() : server.baseUri();
        URI privateUri = base.resolve("api/v1/private");
        Path shots = ItConfig.war().resolveSibling("browser-screenshots").resolve(scheme);
        Browser browser = scheme.equals("https") ? TRUSTING.get() : PLAIN.get();

        // the 401 challenge raises the prompt; Cancel shows the 401 page, as HTML for a browser
        Browser.Visit cancelled = browser.visit(privateUri, List.of(), shots.resolve("1-no-credentials.png"));
        assertEquals(1, cancelled.challenges().size(), cancelled.toString());
        ResponseData challenge = cancelled.last(privateUri);
        assertEquals(401, challenge.getStatus(), cancelled.toString());
        ProblemAssert.assertChallengeHeader(Browser.header(challenge, "WWW-Authenticate").orElse(null));
        assertTrue(Browser.header(challenge, "Content-Type").orElse("").startsWith("text/html"), "a readable error page");
        assertTrue(cancelled.text().contains("401 Unauthorized"), cancelled.toString());

        Browser.Visit right = browser.visit(privateUri, List.of(RIGHT), shots.resolve("2-right-answer.png"));
        assertEquals(1, right.challenges().size(), right.toString());
        assertEquals(200, right.status(privateUri), right.toString());
        assertEquals("{\"meaning_of_life\":42}", right.text().strip());

        // a wrong answer is challenged again, with the same prompt
        Browser.Visit wrong = browser.visit(privateUri, List.of(WRONG), shots.resolve("3-wrong-answer.png"));
        assertEquals(2, wrong.challenges().size(), wrong.toString());
        assertEquals(401, wrong.status(privateUri), wrong.toString());
        ProblemAssert.assertChallengeHeader(Browser.header(wrong.last(privateUri), "WWW-Authenticate").orElse(null));
        assertTrue(wrong.text().contains("401 Unauthorized"), wrong.toString());

        Browser.Visit landing = browser.visit(base, List.of(), shots.resolve("4-landing-page.png"));
        assertEquals(List.of(), landing.challenges(), "the landing page asks for nothing");
        assertEquals(200, landing.status(base), landing.toString());
        assertTrue(landing.text().contains("secure-rest-api"), landing.toString());

        Browser.Visit followed = browser.click(base, "a[href=\"api/v1/private\"]", privateUri, List.of(RIGHT),
                shots.resolve("5-landing-link.png"));
        assertEquals(1, followed.challenges().size(), followed.toString());
        assertEquals(privateUri.toString(), followed.url());
        assertEquals("{\"meaning_of_life\":42}", followed.text().strip());

        for (String step : List.of("1-no-credentials", "2-right-answer", "3-wrong-answer", "4-landing-page", "5-landing-link")) {
            Path shot = shots.resolve(step + ".png");
            assertTrue(Files.size(shot) > 1000, "a screenshot of " + step + " in " + shot);
        }
    }

    /**
     * The prompt answered with a password holding {@code ü} and {@code ß}, in every container and
     * with the WAR alone in Tomcat: the private body.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securerestapi.it.support.Containers#all")
    void aNonAsciiPasswordTypedAtThePromptOpensThePrivatePage(Container container) {
        URI privateUri = container.baseUri().resolve("api/v1/private");
        Path shot = ItConfig.war().resolveSibling("browser-screenshots").resolve("non-ascii-" + container.name() + ".png");
        Browser.Visit visit = PLAIN.get().visit(privateUri,
                List.of(new UsernameAndPassword(TestUsers.UTE.name(), TestUsers.UTE.password())), shot);
        assertEquals(1, visit.challenges().size(), visit.toString());
        assertEquals(200, visit.status(privateUri), visit.toString());
        assertEquals("{\"meaning_of_life\":42}", visit.text().strip());
    }

    /** The certificate's public key as Chromium's --ignore-certificate-errors-spki-list takes it. */
    private static String spki(Path pem) {
        try {
            var certificate = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
            return Base64.getEncoder().encodeToString(digest);
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
