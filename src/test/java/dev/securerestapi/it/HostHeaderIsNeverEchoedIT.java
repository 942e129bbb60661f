package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.RawHttp;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The request's {@code Host} is the client's choice, so nothing the API answers is built from it:
 * {@code Location} and the paging {@code next} link are relative references, which each client
 * resolves against the URL it used. (The HTTPS redirect, which cannot be relative, goes to the
 * configured public URL: HttpsOnlyIT.)
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.securerestapi.it.support.Containers#all")
class HostHeaderIsNeverEchoedIT {

    private static final String EVIL = "evil.example";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameter
    Container container;

    private RawHttp.Response asAdminWithHost(String requestLine, String body) {
        return RawHttp.exchange(container, requestLine + "\r\nHost: " + EVIL + "\r\nAccept: application/json\r\n"
                + "Authorization: " + Http.basic(TestUsers.ADMIN)
                + (body.isEmpty() ? "" : "\r\nContent-Type: application/json"), body);
    }

    @Test
    void locationAndNextLinkAreRelativeWhateverTheHost() throws Exception {
        RawHttp.Response created = asAdminWithHost("POST /api/v1/subscribers HTTP/1.1",
                "{\"name\":\"Host Test\",\"email\":\"host-" + System.nanoTime() + "@example.org\"}");
        String location = created.header("Location");
        RawHttp.Response second = null;
        try {
            assertEquals(201, created.status(), created.body());
            assertTrue(location.matches("/api/v1/subscribers/[0-9]+"), "Location: " + location);
            second = asAdminWithHost("POST /api/v1/subscribers HTTP/1.1",
                    "{\"name\":\"Host Test Two\",\"email\":\"host-two-" + System.nanoTime() + "@example.org\"}");

            RawHttp.Response page = asAdminWithHost("GET /api/v1/subscribers?limit=1 HTTP/1.1", "");
            assertEquals(200, page.status(), page.body());
            String next = JSON.readTree(page.body()).path("next").asText();
            assertTrue(next.matches("/api/v1/subscribers\\?limit=1&after=[0-9]+"), "next: " + next);
            assertFalse(page.headers().toString().contains(EVIL) || page.body().contains(EVIL), page.headers() + page.body());
        } finally {
            delete(created);
            delete(second);
        }
    }

    @Test
    void theChallengeNamesNoHost() {
        RawHttp.Response challenged = RawHttp.exchange(container, "GET /api/v1/private HTTP/1.1\r\nHost: " + EVIL, "");
        assertEquals(401, challenged.status());
        assertFalse(challenged.headers().toString().contains(EVIL) || challenged.body().contains(EVIL),
                challenged.headers() + challenged.body());
    }

    private void delete(RawHttp.Response created) {
        if (created != null && created.header("Location") != null) {
            new Http(container).method("DELETE", created.header("Location").substring(1), TestUsers.ADMIN);
        }
    }
}
