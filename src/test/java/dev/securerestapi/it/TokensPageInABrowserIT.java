package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.securerestapi.it.support.Await;
import dev.securerestapi.it.support.Browser;
import dev.securerestapi.it.support.EmbeddedJetty;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.ItConfig;
import dev.securerestapi.it.support.TestUsers;
import dev.securerestapi.it.support.TestUsers.User;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.UsernameAndPassword;

/**
 * The landing page's access tokens in a real browser (Debian's headless Chromium), with the
 * browser's own credentials asked for at the 401 challenge: the form makes a token and shows its
 * secret once, which then logs in as {@code curl --user} would; the list shows the token, and its
 * Revoke button revokes it, after which it is refused. On an embedded Jetty with a realm file of its own.
 */
class TokensPageInABrowserIT {

    private static final Pattern SECRET = Pattern.compile("srapi_[A-Za-z0-9_-]{43}");

    @Test
    void theLandingPageMakesListsAndRevokesTokensWithTheBrowsersOwnCredentials() throws Exception {
        ItConfig.freshWorkDir("tokens-page");
        EmbeddedJetty server = EmbeddedJetty.start("tokens-page");
        Path shots = ItConfig.war().resolveSibling("browser-screenshots").resolve("tokens-page");
        User erin = TestUsers.ERIN;
        UsernameAndPassword asErin = new UsernameAndPassword(erin.name(), erin.password());
        try (Browser browser = new Browser(null)) {
            URI landing = server.baseUri();
            Browser.Visit made = browser.submit(landing, Map.of("token-name", "browser-made", "token-scope", "read", "token-days", "7"),
                    "#make-token", "token-secret", List.of(asErin), shots.resolve("1-made.png"));
            assertEquals(1, made.challenges().size(), "the browser was asked who it is: " + made);
            Matcher secret = SECRET.matcher(made.text());
            assertTrue(made.text().startsWith("Made. Copy it now") && secret.find(), made.text());
            Http http = new Http(server);
            User withToken = new User(erin.name(), secret.group(), List.of("user"));
            assertEquals(200, http.get("api/v1/private", withToken).statusCode(), "the secret the page showed logs in");

            String revokeFromTheList = "(() => { document.getElementById('show-tokens').click();"
                    + " const t = setInterval(() => { const b = document.querySelector('#token-list .revoke');"
                    + " if (b && b.closest('tr').cells[0].textContent === 'browser-made') { clearInterval(t); b.click(); } }, 100); })()";
            Browser.Visit revoked = browser.act(landing, revokeFromTheList, "token-secret", List.of(asErin), shots.resolve("2-revoked.png"));
            assertEquals("Revoked browser-made.", revoked.text());
            Await.within(AccessTokensIT.EVERYWHERE, () -> http.get("api/v1/private", withToken).statusCode() == 401,
                    () -> "the revoked token still logs in");
        } finally {
            server.stop();
        }
    }
}
