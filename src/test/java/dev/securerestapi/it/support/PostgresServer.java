package dev.securerestapi.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server from the machine's own installation (Debian's postgresql
 * package), in a temporary directory, on 127.0.0.1 at a free port, with the database and role
 * README.md's "Tomcat with PostgreSQL" names. Run as the postgres user when the tests run as
 * root, as PostgreSQL refuses root. It lives as long as the test JVM ({@link Processes#tethered}).
 */
public final class PostgresServer {

    public static final String DATABASE = "subscribers";
    public static final String ROLE = "subscribers";
    public static final String PASSWORD = "change-me";

    private final int port;
    private final Process process;
    private final Path dir;

    private PostgresServer(int port, Process process, Path dir) {
        this.port = port;
        this.process = process;
        this.dir = dir;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public static PostgresServer start() {
        return start("postgres");
    }

    /** @param name the work directory its log goes to */
    public static PostgresServer start(String name) {
        Path bin = binaries();
        int port = ExternalContainer.freePort();
        try {
            Path dir = Files.createTempDirectory("secure-rest-api-pg");
            if (isRoot()) {
                run(List.of("chown", "postgres:", dir.toString()));
            }
            run(asPostgres(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                    "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync"));
            ProcessBuilder server = new ProcessBuilder(Processes.tethered(asPostgres(bin.resolve("postgres").toString(),
                    "-D", dir.resolve("data").toString(), "-p", Integer.toString(port), "-k", dir.toString(),
                    "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off")))
                    .redirectErrorStream(true)
                    .redirectOutput(ItConfig.freshWorkDir(name).resolve("postgres.log").toFile());
            PostgresServer started = new PostgresServer(port, server.start(), dir);
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
            Processes.awaitListening(started.process, port, Duration.ofMinutes(1),
                    () -> "see " + ItConfig.workDir().resolve(name + "/postgres.log"));
            run(asPostgres(bin.resolve("psql").toString(), "-h", dir.toString(), "-p", Integer.toString(port),
                    "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1",
                    "-c", "CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'",
                    "-c", "CREATE DATABASE " + DATABASE + " OWNER " + ROLE));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest installed PostgreSQL's bin directory; installing it is .ci/run's and the build's job. */
    private static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "No PostgreSQL server under /usr/lib/postgresql. Install it: apt-get install -y postgresql", e);
        }
    }

    public void stop() {
        Processes.stop(process);
        try {
            ItConfig.deleteTree(dir);
        } catch (IOException ignored) {
            // a temporary directory: the system cleans it eventually
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asPostgres(String... command) {
        List<String> line = new ArrayList<>();
        if (isRoot()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        return line;
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
