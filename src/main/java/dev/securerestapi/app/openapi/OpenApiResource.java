package dev.securerestapi.app.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The API's OpenAPI 3.1 description, {@code openapi.json} beside this class, open to anyone
 * (web.xml). It is written by hand and held to the running WAR by {@code OpenApiConformanceIT}:
 * an operation that answers otherwise, or a route it does not list, fails the build.
 */
@Singleton
@Path("api/v1/openapi.json")
public class OpenApiResource {

    /** The one server the document names, the context root; replaced by the context path the WAR is deployed at. */
    static final String SERVER = "\"url\": \"/\"";

    private static final String DOCUMENT = load();

    private record Served(String base, byte[] document) {}

    /** The document as last served: one deployment has one base path, so it is written once. */
    private volatile Served last = new Served("/", DOCUMENT.getBytes(StandardCharsets.UTF_8));

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] get(@Context UriInfo uri) {
        return served(uri).document.clone();
    }

    /** GET's headers without its body, {@code Content-Length} included, as RFC 9110 (9.3.2) asks: Jersey's own HEAD sends 0. */
    @HEAD
    @Produces(MediaType.APPLICATION_JSON)
    public Response head(@Context UriInfo uri) {
        return Response.ok().type(MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.CONTENT_LENGTH, served(uri).document.length).build();
    }

    private Served served(UriInfo uri) {
        // the application's base path alone: never the request's Host, which the client chooses
        String base = uri.getBaseUri().getRawPath();
        Served served = last;
        if (!served.base.equals(base)) {
            served = new Served(base, DOCUMENT.replace(SERVER, "\"url\": \"" + base + "\"").getBytes(StandardCharsets.UTF_8));
            last = served;
        }
        return served;
    }

    private static String load() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing beside " + OpenApiResource.class.getName());
            }
            String document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!document.contains(SERVER)) {
                throw new IllegalStateException("openapi.json no longer names its server as " + SERVER);
            }
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
