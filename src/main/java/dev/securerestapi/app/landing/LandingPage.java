package dev.securerestapi.app.landing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The public page at the context root: what the service is, with links to its endpoints. */
@Singleton
@Path("/")
public class LandingPage {

    private static final String PAGE = load();

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    public String get() {
        return PAGE;
    }

    private static String load() {
        try (InputStream in = LandingPage.class.getResourceAsStream("index.html")) {
            if (in == null) {
                throw new IllegalStateException("index.html is missing beside " + LandingPage.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
