package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
 * The landing page's change-password form in a real browser (Debian's headless Chromium): the
 * page's script sends the form with the browser's own credentials, which the browser asks for at
 * the 401 challenge like any private page; a wrong current password is refused and says why; the
 * right one changes the password, after which the old one is refused and the new one works.
 * On an embedded Jetty with a realm file of its own.
 */
class PasswordFormInABrowserIT {

    @Test
    void theLandingPagesFormChangesThePasswordWithTheBrowsersOwnCredentials() throws Exception {
        ItConfig.freshWorkDir("password-form");
        EmbeddedJetty server = EmbeddedJetty.start("password-form");
        Path shots = ItConfig.war().resolveSibling("browser-screenshots").resolve("password-form");
        User dave = TestUsers.DAVE;
        UsernameAndPassword asDave = new UsernameAndPassword(dave.name(), dave.password());
        try (Browser browser = new Browser(null)) {
            URI landing = server.baseUri();
            String fresh = "browser-changed-" + UUID.randomUUID().toString().substring(0, 8);

            Browser.Visit wrong = browser.submit(landing, Map.of("current", "not-" + dave.password(), "new", fresh), "#change",
                    "password-result", List.of(asDave), shots.resolve("1-wrong-current.png"));
            assertEquals(1, wrong.challenges().size(), "the browser was asked who it is: " + wrong);
            assertTrue(wrong.text().startsWith("Not changed (403): current is not your password"), wrong.text());

            Browser.Visit changed = browser.submit(landing, Map.of("current", dave.password(), "new", fresh), "#change",
                    "password-result", List.of(asDave), shots.resolve("2-changed.png"));
            assertEquals("Changed. From now on, log in with the new password.", changed.text());

            Http http = new Http(server);
            User renewed = new User(dave.name(), fresh, dave.roles());
            Await.within(PasswordChangeIT.EVERYWHERE, () -> http.get("api/v1/me", dave).statusCode() == 401
                    && http.get("api/v1/me", renewed).statusCode() == 200, () -> "the change did not take");
        } finally {
            server.stop();
        }
    }
}
