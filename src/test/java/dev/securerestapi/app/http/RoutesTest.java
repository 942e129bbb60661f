package dev.securerestapi.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.securerestapi.app.ApiApplication;
import org.junit.jupiter.api.Test;

class RoutesTest {

    private final Routes routes = Routes.of(new ApiApplication(null, null).getClasses());

    @Test
    void aPathNamesItsMethodsWithHeadBesideGetAndOptionsEverywhere() {
        assertEquals("GET, HEAD, OPTIONS", routes.allow("/api/v1/private"));
        assertEquals("GET, HEAD, OPTIONS", routes.allow("/"));
        assertEquals("GET, HEAD, OPTIONS, POST", routes.allow("/api/v1/subscribers"));
        assertEquals("DELETE, GET, HEAD, OPTIONS, PUT", routes.allow("/api/v1/subscribers/7"));
        assertEquals("GET, HEAD, OPTIONS", routes.allow("/api/v1/health/ready"));
    }

    @Test
    void aPathNoRouteMatchesHasNone() {
        for (String path : new String[] {"/api/v1/private/", "/api/v1/subscribers/7/x", "/api/v1", "/nothing", "/error",
                "/api/v1/openapi.json/", "//api/v1/private"}) {
            assertNull(routes.allow(path), path);
        }
    }
}
