package dev.securerestapi.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Stock Tomcat 11 and Jetty 12.1 distributions set up exactly as README.md's "Deploy to" sections
 * say, followed by the few test-only steps spelled out here: the test-only accounts, a free port
 * on 127.0.0.1, and whatever a scenario changes. The install block runs once per distribution and
 * test JVM; each container starts from a copy of what it made.
 */
public final class StockContainers {

    /**
     * Settings of the containers every suite shares. Relaxed lockout limits: all their clients are
     * 127.0.0.1 and many tests fail logins on purpose, so the default limits would lock them out
     * of each other (LoginThrottlingIT checks the limits on containers of its own). And a stale
     * realm is warned about every 3 seconds instead of every minute, so a test sees it repeat. One
     * origin may call the API from a browser: {@link #ALLOWED_ORIGIN}.
     */
    public static final java.util.Map<String, String> SHARED_SETTINGS = java.util.Map.of(
            "secure-rest-api.lockout.user.failures", "1000000",
            "secure-rest-api.lockout.address.failures", "1000000",
            "secure-rest-api.realm.stale-warning-seconds", "3",
            "secure-rest-api.cors.allowed-origins", "https://app.example.test");

    /** The origin the shared containers allow to call the API from web pages (CorsIT). */
    public static final String ALLOWED_ORIGIN = SHARED_SETTINGS.get("secure-rest-api.cors.allowed-origins");

    /** {@code settings} as {@code -Dname=value} options. */
    public static String systemProperties(java.util.Map<String, String> settings) {
        return settings.entrySet().stream().map(e -> "-D" + e.getKey() + "=" + e.getValue()).sorted()
                .collect(Collectors.joining(" "));
    }

    private StockContainers() {}

    public static ExternalContainer tomcat() {
        return tomcat("tomcat", "", systemProperties(SHARED_SETTINGS));
    }

    /**
     * @param scenarioSteps shell run after the install, before the start
     * @param catalinaOpts JVM options for Tomcat, e.g. a system property
     */
    public static ExternalContainer tomcat(String sandbox, String scenarioSteps, String catalinaOpts) {
        int port = ExternalContainer.freePort();
        String script = TOMCAT_INSTALL.get().environment()
                + "sed -i 's/port=\"8080\"/port=\"" + port + "\" address=\"127.0.0.1\"/; s/port=\"8005\"/port=\"-1\"/' "
                + "\"$CATALINA_HOME\"/conf/server.xml\n"
                + scenarioSteps + "\n"
                + "export CATALINA_OPTS=\"" + catalinaOpts + "\"\n"
                + DocBlocks.block("tomcat-start");
        return ExternalContainer.launch("stock Tomcat 11.0.24" + label(sandbox, "tomcat"), sandbox, TOMCAT_INSTALL.get().target(),
                script, port, "target/deploy/apache-tomcat-11.0.24/conf/secure-rest-api-users.xml");
    }

    /** README's Tomcat install as it stands, then the test-only accounts in its users file. */
    private static final Supplier<Installed> TOMCAT_INSTALL = Containers.memoize(() -> {
        String users = "\"$CATALINA_HOME\"/conf/secure-rest-api-users.xml";
        String install = DocBlocks.block("tomcat-install");
        return Installed.run("install-tomcat", install, install
                + "\n# ---- test-only steps (not in README.md) ----\n"
                + "sed -i '/<\\/tomcat-users>/d' " + users + "\n"
                + "cat >> " + users + " <<EOF\n"
                + TestUsers.TEST_ONLY.stream()
                        .map(u -> "  <user username=\"" + u.name() + "\" password=\"" + TestUsers.stored(u).replace("$", "\\$")
                                + "\" roles=\"" + String.join(",", u.roles()) + "\"/>")
                        .collect(Collectors.joining("\n"))
                + TestUsers.STORED_AS_IS.stream()
                        .map(e -> "\n  <user username=\"" + e.name() + "\" password=\"" + e.stored().replace("$", "\\$")
                                + "\" roles=\"" + String.join(",", e.roles()) + "\"/>")
                        .collect(Collectors.joining())
                + "\n</tomcat-users>\nEOF\n");
    });

    /** Tomcat keeping subscribers in PostgreSQL, set up as README.md's "Tomcat with PostgreSQL" says. */
    public static ExternalContainer tomcatWithPostgres() {
        return tomcat("tomcat-postgresql", onPort(DocBlocks.block("tomcat-postgresql"), Containers.postgres()),
                systemProperties(SHARED_SETTINGS));
    }

    /** A README block that names localhost:5432, pointed at {@code postgres} instead. */
    public static String onPort(String block, PostgresServer postgres) {
        String moved = block.replace("localhost:5432", "127.0.0.1:" + postgres.port());
        if (moved.equals(block)) {
            throw new IllegalStateException("this README block no longer names localhost:5432:\n" + block);
        }
        return moved;
    }

    public static ExternalContainer jetty() {
        return jetty("jetty", "", systemProperties(SHARED_SETTINGS));
    }

    /**
     * @param scenarioSteps shell run after the install, before the start
     * @param startArguments extra arguments to Jetty's start.jar, e.g. a system property
     */
    public static ExternalContainer jetty(String sandbox, String scenarioSteps, String startArguments) {
        int port = ExternalContainer.freePort();
        String start = DocBlocks.block("jetty-start").strip();
        if (!start.contains("java -jar")) {
            throw new IllegalStateException("README's jetty-start block no longer runs java -jar: " + start);
        }
        String script = JETTY_INSTALL.get().environment()
                + scenarioSteps + "\n"
                + start + " jetty.http.host=127.0.0.1 jetty.http.port=" + port + " " + startArguments + "\n";
        return ExternalContainer.launch("stock Jetty 12.1.12" + label(sandbox, "jetty"), sandbox, JETTY_INSTALL.get().target(),
                script, port, "target/deploy/jetty-base/etc/secure-rest-api-realm.properties");
    }

    /** The stock Tomcat's CATALINA_HOME as its install made it, for Tomcat's own tools ({@code bin/digest.sh}). */
    public static Path tomcatHome() {
        return TOMCAT_INSTALL.get().target().resolve("deploy/apache-tomcat-11.0.24");
    }

    /** The stock Jetty's JETTY_HOME as its install made it, for Jetty's own tools (its password tool in {@code lib/jetty-util}). */
    public static Path jettyHome() {
        return JETTY_INSTALL.get().target().resolve("deploy/jetty-home-12.1.12");
    }

    /** README's Jetty install as it stands, then the test-only accounts in its realm file. */
    private static final Supplier<Installed> JETTY_INSTALL = Containers.memoize(() -> {
        String install = DocBlocks.block("jetty-install");
        return Installed.run("install-jetty", install, install
                + "\n# ---- test-only steps (not in README.md) ----\n"
                + "cat >> \"$JETTY_BASE\"/etc/secure-rest-api-realm.properties <<EOF\n"
                + TestUsers.TEST_ONLY.stream()
                        .map(u -> u.name() + ": " + TestUsers.stored(u).replace("$", "\\$")
                                + u.roles().stream().map(r -> ", " + r).collect(Collectors.joining()))
                        .collect(Collectors.joining("\n"))
                + TestUsers.STORED_AS_IS.stream()
                        .map(e -> "\n" + e.name() + ": " + e.stored().replace("$", "\\$") + e.roles().stream().map(r -> ", " + r).collect(Collectors.joining()))
                        .collect(Collectors.joining())
                + "\nEOF\n");
    });

    /**
     * A distribution installed once per test JVM by README's install block: every container of
     * it starts from a copy of {@code target} (modes kept), in a shell that first sets what the
     * block set for the steps after it, its exported variables and its functions.
     */
    private record Installed(Path target, String environment) {

        static Installed run(String sandboxName, String block, String script) {
            Path sandbox = ExternalContainer.sandbox(sandboxName);
            try {
                Path file = Files.writeString(sandbox.resolve("install.sh"), script, StandardCharsets.UTF_8);
                Process install = new ProcessBuilder(Processes.tethered(List.of("bash", "-euo", "pipefail", file.toString())))
                        .directory(sandbox.toFile()).redirectErrorStream(true).redirectOutput(sandbox.resolve("install.log").toFile())
                        .start();
                if (!install.waitFor(10, TimeUnit.MINUTES) || install.exitValue() != 0) {
                    throw new IllegalStateException("the install failed:\n" + Files.readString(sandbox.resolve("install.log")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            String environment = block.lines()
                    .filter(line -> line.matches("export [A-Z_]+=.*") || line.matches("[a-z_]+\\(\\) \\{.*\\}"))
                    .collect(Collectors.joining("\n", "", "\n"));
            return new Installed(sandbox.resolve("target"), environment);
        }
    }

    private static String label(String sandbox, String plain) {
        return sandbox.equals(plain) ? "" : " (" + sandbox + ")";
    }
}
