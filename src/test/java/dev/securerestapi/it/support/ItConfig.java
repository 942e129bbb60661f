package dev.securerestapi.it.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the build tells the integration tests (see the failsafe configuration in pom.xml). */
public final class ItConfig {

    private ItConfig() {}

    public static Path war() {
        return existing("it.war");
    }

    /** The operators' user command the same build makes, beside the WAR. */
    public static Path usersJar() {
        return existingSibling("secure-rest-api-users.jar");
    }

    /** The development key store (key and certificate for localhost) the build made. */
    public static Path devKeystore() {
        return existingSibling("dev-tls/localhost.p12");
    }

    /** The development certificate, as clients are given it. */
    public static Path devCertificate() {
        return existingSibling("dev-tls/localhost.pem");
    }

    private static Path existingSibling(String name) {
        Path file = war().resolveSibling(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the build made no " + file);
        }
        return file;
    }

    public static Path readme() {
        return existing("it.readme");
    }

    /** The checkout the build runs in: README.md's folder. */
    public static Path projectDir() {
        return readme().toAbsolutePath().getParent();
    }

    public static Path devRealm() {
        return existing("it.devRealm");
    }

    public static Path workDir() {
        return Path.of(required("it.workDir"));
    }

    /** {@code workDir()/name}, emptied: what an earlier run left there is gone. */
    public static Path freshWorkDir(String name) {
        Path dir = workDir().resolve(name);
        try {
            deleteTree(dir);
            return Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Deletes {@code dir} and everything below it, if it exists. */
    public static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
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
