package dev.securerestapi.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cluster {@code src/main/cluster/cluster.sh} runs (PostgreSQL, Tomcat n1 and n3, Jetty n2,
 * HAProxy), on free ports of 127.0.0.1 and in a work directory of its own. It lives as long as the
 * test JVM: cluster.sh watches this JVM (CLUSTER_OWNER_PID), stops it and deletes its database
 * once the JVM has ended, however it ended.
 */
public final class Cluster {

    public static final List<String> NODES = List.of("n1", "n2", "n3");

    private final Path dir;
    private final Map<String, String> env;

    private Cluster(Path dir, Map<String, String> env) {
        this.dir = dir;
        this.env = env;
    }

    /** The environment cluster.sh reads, for a cluster in work directory {@code name}. */
    private static Map<String, String> environment(String name) {
        return Map.of(
                "CLUSTER_DIR", ItConfig.freshWorkDir(name).toString(),
                "CLUSTER_PORT", Integer.toString(ExternalContainer.freePort()),
                "CLUSTER_TLS_PORT", Integer.toString(ExternalContainer.freePort()),
                "CLUSTER_NODE1_PORT", Integer.toString(ExternalContainer.freePort()),
                "CLUSTER_NODE2_PORT", Integer.toString(ExternalContainer.freePort()),
                "CLUSTER_NODE3_PORT", Integer.toString(ExternalContainer.freePort()),
                "CLUSTER_PG_PORT", Integer.toString(ExternalContainer.freePort()),
                "CLUSTER_LIFETIME", Long.toString(Processes.SAFETY_CAP.toSeconds()),
                "CLUSTER_OWNER_PID", Long.toString(ProcessHandle.current().pid()));
    }

    private static final java.util.function.Supplier<Cluster> SHARED = Containers.memoize(() -> {
        Map<String, String> env = environment("cluster");
        Cluster cluster = new Cluster(Path.of(env.get("CLUSTER_DIR")), env);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> cluster.run(Duration.ofMinutes(1), "stop")));
        return cluster;
    });

    /**
     * The one cluster of this test JVM, running: started on first use, and again (with its data)
     * if a test stopped it, since {@code cluster.sh start} starts only what is not running.
     */
    public static synchronized Cluster shared() {
        Cluster cluster = SHARED.get();
        if (!cluster.listening()) {
            cluster.run(Duration.ofMinutes(6), "start");
        }
        return cluster;
    }

    /** Whether HAProxy and every node accept connections (a test may have stopped some). */
    private boolean listening() {
        List<URI> parts = new java.util.ArrayList<>(List.of(baseUri()));
        parts.add(plainUri());
        NODES.forEach(node -> parts.add(nodeUri(node)));
        for (URI part : parts) {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(part.getHost(), part.getPort()), 1_000);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** The environment cluster.sh runs this cluster with. */
    public Map<String, String> environment() {
        return env;
    }

    /** Where HAProxy answers over HTTPS (it ends TLS with the build's development certificate), ending in a slash. */
    public URI baseUri() {
        return URI.create("https://127.0.0.1:" + env.get("CLUSTER_TLS_PORT") + "/");
    }

    /** Where HAProxy answers plain HTTP, which the nodes redirect to {@link #baseUri}. */
    public URI plainUri() {
        return URI.create("http://127.0.0.1:" + env.get("CLUSTER_PORT") + "/");
    }

    /** Where node {@code n1}, {@code n2} or {@code n3} answers directly, ending in a slash. */
    public URI nodeUri(String node) {
        return URI.create("http://127.0.0.1:" + env.get("CLUSTER_NODE" + node.substring(1) + "_PORT") + "/");
    }

    /** HAProxy over HTTPS, in front of the nodes, as a {@link Container} (its log is every node's). */
    public Container proxy() {
        return asContainer("cluster HAProxy", baseUri(), () -> String.join("\n", NODES.stream().map(this::log).toList()), "");
    }

    /**
     * A node as a {@link Container}, for the helpers that take one. The tests reach it from
     * 127.0.0.1, the balancer's address, which the nodes trust: their requests say, as HAProxy's
     * do, that the client came over HTTPS (the nodes redirect plain HTTP).
     */
    public Container node(String node) {
        return asContainer("cluster " + node, nodeUri(node), () -> log(node), FROM_TLS);
    }

    /** What HAProxy adds to a request that came over TLS. */
    public static final String FROM_TLS = "X-Forwarded-Proto: https\r\n";

    private static Container asContainer(String name, URI uri, java.util.function.Supplier<String> log, String forwarded) {
        return new Container() {
            @Override
            public String forwardedHeaders() {
                return forwarded;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public URI baseUri() {
                return uri;
            }

            @Override
            public Path realmFile() {
                throw new UnsupportedOperationException("the cluster's users are in PostgreSQL");
            }

            @Override
            public String log() {
                return log.get();
            }

            @Override
            public String toString() {
                return name();
            }
        };
    }

    /** Where the cluster's PostgreSQL keeps the subscribers (and the users), for JDBC. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + env.get("CLUSTER_PG_PORT") + "/" + PostgresServer.DATABASE;
    }

    /** What README's users-postgresql block printed on standard output when cluster.sh ran it. */
    public String usersBlockOutput() {
        try {
            return Files.readString(dir.resolve("users.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The users command's connection file README's block wrote. */
    public Path usersDatabaseConfig() {
        return dir.resolve("target/users-db.properties");
    }

    public String log(String node) {
        try {
            return Files.readString(dir.resolve(node).resolve("node.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HAProxy's state for the node: UP, DOWN, DRAIN... */
    public String state(String node) {
        return run(Duration.ofSeconds(10), "state", node).strip();
    }

    /** {@code cluster.sh ARGS}; fails with its output if it does not exit 0 in time. Returns its output. */
    public String run(Duration limit, String... args) {
        return command(env, limit, args);
    }

    /** {@code cluster.sh ARGS} started, not awaited; its output goes to {@code output}. */
    public Process spawn(Path output, String... args) {
        List<String> line = new java.util.ArrayList<>(List.of("bash", "src/main/cluster/cluster.sh"));
        line.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(line).directory(ItConfig.projectDir().toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** cluster.sh run with {@code env}, from the project's directory. */
    public static String command(Map<String, String> env, Duration limit, String... args) {
        List<String> line = new java.util.ArrayList<>(List.of("bash", "src/main/cluster/cluster.sh"));
        line.addAll(List.of(args));
        return bash(env, limit, line);
    }

    /** {@code line} with {@code env}, from the project's directory; fails unless it exits 0 in time. */
    public static String bash(Map<String, String> env, Duration limit, List<String> line) {
        try {
            ProcessBuilder builder = new ProcessBuilder(line).directory(ItConfig.projectDir().toFile()).redirectErrorStream(true);
            for (String inherited : List.of("CATALINA_HOME", "CATALINA_BASE", "CATALINA_OPTS", "JAVA_OPTS", "JETTY_HOME", "JETTY_BASE")) {
                builder.environment().remove(inherited);
            }
            builder.environment().putAll(env);
            // to a file, not a pipe: the servers it starts in the background may keep a copy of its
            // output open, and a pipe would then never end
            java.nio.file.Path output = Files.createTempFile(ItConfig.workDir(), "cluster-", ".out");
            builder.redirectOutput(output.toFile());
            Process process = builder.start();
            boolean ended = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            if (!ended) {
                process.destroyForcibly();
                throw new IllegalStateException(line + " did not finish in " + limit + ":\n" + printed);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(line + " exited " + process.exitValue() + ":\n" + printed);
            }
            return printed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
