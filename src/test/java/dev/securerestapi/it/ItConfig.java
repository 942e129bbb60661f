package dev.securerestapi.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the build tells the integration tests (see the failsafe configuration in pom.xml). */
final class ItConfig {

    private ItConfig() {}

    static Path war() {
        return existing("it.war");
    }

    static Path readme() {
        return existing("it.readme");
    }

    static Path devRealm() {
        return existing("it.devRealm");
    }

    static Path workDir() {
        return Path.of(required("it.workDir"));
    }

    private static Path existing(String property) {
        Path path = Path.of(required(property));
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(property + " names no file: " + path);
        }
        return path;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set; run the ITs through 'mvn verify'");
        }
        return value;
    }
}
