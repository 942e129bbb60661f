package dev.securerestapi.it.support;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A stock container distribution in its own process, started by a bash script (mostly README.md's
 * own blocks) in a sandbox directory that holds what a user's checkout would after {@code mvn
 * package} and the install ({@link StockContainers}). It listens on 127.0.0.1 on a free port and
 * lives as long as the test JVM that started it ({@link Processes#tethered}).
 */
public final class ExternalContainer implements Container {

    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final List<String> INHERITED_SETTINGS =
            List.of("CATALINA_HOME", "CATALINA_BASE", "CATALINA_OPTS", "JAVA_OPTS", "JETTY_HOME", "JETTY_BASE");

    private final String name;
    private final URI baseUri;
    private final Process process;
    private final Path log;
    private final Path realmFile;
    private volatile String realmModeAtStart;

    private ExternalContainer(String name, URI baseUri, Process process, Path log, Path realmFile) {
        this.name = name;
        this.baseUri = baseUri;
        this.process = process;
        this.log = log;
        this.realmFile = realmFile;
    }

    /** A port nothing listens on right now, and none this JVM was given before. */
    public static int freePort() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Every port {@link #freePort} gave: the system may offer a port again once its socket is
     * closed, before the server it was meant for has bound it (a cluster's proxy was once given its
     * second node's port).
     */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A new, empty {@code workDir/name} holding what a user's checkout does after {@code mvn
     * package}, in {@code target}: the WAR, the Tomcat add-on, the users command and the
     * development certificate.
     */
    public static Path sandbox(String name) {
        Path sandbox = ItConfig.freshWorkDir(name);
        try {
            Files.createDirectories(sandbox.resolve("target/dev-tls"));
            Files.copy(ItConfig.war(), sandbox.resolve("target/secure-rest-api.war"), REPLACE_EXISTING);
            Files.copy(ItConfig.devKeystore(), sandbox.resolve("target/dev-tls/localhost.p12"), REPLACE_EXISTING);
            Files.copy(ItConfig.devCertificate(), sandbox.resolve("target/dev-tls/localhost.pem"), REPLACE_EXISTING);
            Files.copy(ItConfig.usersJar(), sandbox.resolve("target/secure-rest-api-users.jar"), REPLACE_EXISTING);
            return sandbox;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies {@code installed} (a sandbox's {@code target} after an install, modes kept) into a new
     * sandbox, runs {@code script} there (it must end by starting the server) and waits until it
     * answers HTTP.
     *
     * @param realmFile where the script leaves the users file, relative to the sandbox
     */
    public static ExternalContainer launch(String name, String sandboxName, Path installed, String script, int port,
            String realmFile) {
        Path sandbox = ItConfig.freshWorkDir(sandboxName);
        Path log = sandbox.resolve("container.log");
        Process process;
        try {
            Process copy = new ProcessBuilder("cp", "-a", installed.toString(), sandbox.resolve("target").toString())
                    .redirectErrorStream(true).start();
            String copied = new String(copy.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (copy.waitFor() != 0) {
                throw new IllegalStateException("cp -a " + installed + " failed: " + copied);
            }
            Path scriptFile = Files.writeString(sandbox.resolve("run.sh"), script, StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(Processes.tethered(List.of("bash", "-euo", "pipefail", scriptFile.toString())))
                    .directory(sandbox.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            INHERITED_SETTINGS.forEach(builder.environment()::remove);
            builder.environment().put("LANG", "C.UTF-8");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        ExternalContainer container = new ExternalContainer(name, URI.create("http://127.0.0.1:" + port + "/"), process, log,
                sandbox.resolve(realmFile));
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        Processes.awaitAnswering(process, port, STARTUP, container::logTail);
        try {
            container.realmModeAtStart = java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(container.realmFile));
        } catch (IOException e) {
            container.realmModeAtStart = "(none: " + e + ")";
        }
        return container;
    }

    /** The users file's mode as the install steps left it, before any test could change it. */
    public String realmModeAtStart() {
        return realmModeAtStart;
    }

    public void stop() {
        Processes.stop(process);
    }

    /** What the container (and its install steps) printed so far. */
    @Override
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String logTail() {
        String text = log();
        return text.length() > 6_000 ? text.substring(text.length() - 6_000) : text;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public URI baseUri() {
        return baseUri;
    }

    @Override
    public Path realmFile() {
        return realmFile;
    }

    @Override
    public String toString() {
        return name;
    }
}
