package dev.securerestapi.app.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import jakarta.servlet.ServletContext;

/**
 * The version and commit this WAR was built from, as its manifest says them (the build writes
 * {@code Implementation-Version} and {@code Implementation-Commit}); {@code unknown} for what it
 * does not say, as under {@code mvn jetty:run}, which serves the sources unpacked. Shown to the
 * {@code monitor} role only, as the metric {@code secure_rest_api_build_info}: never in a public
 * header or error.
 */
public record BuildInfo(String version, String commit) {

    static final String UNKNOWN = "unknown";

    public static BuildInfo of(ServletContext context) {
        try (InputStream manifest = context.getResourceAsStream("/META-INF/MANIFEST.MF")) {
            if (manifest == null) {
                return new BuildInfo(UNKNOWN, UNKNOWN);
            }
            Attributes main = new Manifest(manifest).getMainAttributes();
            return new BuildInfo(said(main.getValue("Implementation-Version")), said(main.getValue("Implementation-Commit")));
        } catch (IOException unreadable) {
            return new BuildInfo(UNKNOWN, UNKNOWN);
        }
    }

    private static String said(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? UNKNOWN : value.strip(); // ${...}: built outside Git
    }
}
