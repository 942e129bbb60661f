package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.securerestapi.it.support.Await;
import dev.securerestapi.it.support.Cluster;
import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.DocBlocks;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.ItConfig;
import dev.securerestapi.it.support.RawHttp;
import dev.securerestapi.it.support.TestUsers;
import dev.securerestapi.it.support.UsersJar;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Several instances behind HAProxy on one PostgreSQL, as src/main/cluster/cluster.sh runs them
 * (docs/several-instances.md): README's commands work as written; users are the same on
 * every node; and a mixed load through HAProxy loses no acknowledged write while every node is
 * restarted in turn, one is killed, and PostgreSQL restarts. All on the cluster SharedUsersIT
 * also uses; the order only spares restarts of it, no test relies on another.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(Integer.MAX_VALUE) // the last suite: its last test stops the cluster SharedUsersIT shares
@Isolated // its load and restarts want both cores, and nothing may run on the cluster beside it
class SeveralInstancesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = Http.basic("admin", "SuperSecretPwd");
    private static final String ROY = Http.basic("roy", "reads-the-mailing-list");

    /**
     * On the shared cluster, last (the block ends by stopping it; run alone, it works all the
     * same), once that cluster is as idle as a new one, which README's status lines show.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void readmesCommandsWorkAsWritten() {
        Cluster cluster = Cluster.shared();
        Map<String, String> env = cluster.environment();
        for (String node : Cluster.NODES) {
            Await.within(Duration.ofSeconds(30), () -> cluster.run(Duration.ofSeconds(10), "sessions", node).strip().equals("0"),
                    () -> "HAProxy still holds sessions to " + node);
        }
        String block = DocBlocks.block("cluster");
        String script = block.replace("localhost:8080", "127.0.0.1:" + env.get("CLUSTER_PORT"))
                .replace("localhost:8443", "localhost:" + env.get("CLUSTER_TLS_PORT"));
        List<String> commands = script.lines().filter(l -> !l.startsWith("#")).toList();
        StringBuilder output = new StringBuilder();
        try {
            for (String command : commands) {
                output.append(Cluster.bash(env, Duration.ofMinutes(6), List.of("bash", "-euo", "pipefail", "-c", command)));
            }
        } finally {
            Cluster.command(env, Duration.ofMinutes(1), "stop");
        }
        for (String shown : script.lines().filter(l -> l.startsWith("# ")).map(l -> l.substring(2)).toList()) {
            assertTrue(output.toString().contains(shown), "README shows '" + shown + "'; the commands printed:\n" + output);
        }
    }

    /**
     * The cluster's PostgreSQL takes local connections from its own account alone: its socket in a
     * 0700 folder of that account, peer authentication (before, trust: any local account that reached
     * the socket was any role, superuser included). Run as root, as CI runs, where the server is postgres's.
     */
    @Test
    void theClustersDatabaseLetsInItsOwnAccountAloneOnItsSocket() throws Exception {
        Cluster cluster = Cluster.shared();
        assumeTrue("root".equals(System.getProperty("user.name")), "run as root, as CI does");
        Path socketDir = Path.of(cluster.environment().get("CLUSTER_DIR")).resolve("pg").toRealPath();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socketDir)), socketDir.toString());
        assertEquals("postgres", Files.getOwner(socketDir).getName());
        List<String> localRules = Files.readAllLines(socketDir.resolve("data/pg_hba.conf")).stream()
                .filter(l -> l.startsWith("local")).toList();
        assertTrue(!localRules.isEmpty() && localRules.stream().allMatch(l -> l.trim().endsWith("peer")), localRules::toString);
        String psql;
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            psql = versions.map(v -> v.resolve("bin/psql")).filter(Files::isExecutable).sorted().reduce((a, b) -> b).orElseThrow().toString();
        }
        String port = cluster.environment().get("CLUSTER_PG_PORT");
        for (String account : new String[] {"postgres", "nobody"}) {
            for (String role : new String[] {"postgres", "subscribers"}) {
                // from /, which every account may enter (psql warns, in its output, about a folder it cannot)
                Process process = new ProcessBuilder("runuser", "-u", account, "--", psql, "-h", socketDir.toString(), "-p", port,
                        "-U", role, "-d", "postgres", "-w", "-tAc", "SELECT 1").directory(new java.io.File("/"))
                        .redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(process.waitFor(30, TimeUnit.SECONDS));
                boolean in = process.exitValue() == 0 && output.trim().equals("1");
                assertEquals(account.equals("postgres") && role.equals("postgres"), in, account + " as role " + role + ": " + output);
            }
        }
    }

    @Test
    void aUserLogsInThroughEveryNodeAndARemovedOneIsRefusedByEveryNodeWithinFiveSeconds() {
        Cluster cluster = Cluster.shared();
        UsersJar.Result added = UsersJar.onDatabase(cluster.usersDatabaseConfig(), "nina-pass\n", "add", "cluster-nina");
        assertEquals(0, added.exitCode(), added::toString);
        for (String node : Cluster.NODES) {
            Await.within(SharedUsersIT.EVERYWHERE, () -> status(cluster, node, "cluster-nina", "nina-pass") == 200,
                    () -> node + " does not log cluster-nina in");
        }
        UsersJar.Result removed = UsersJar.onDatabase(cluster.usersDatabaseConfig(), null, "remove", "cluster-nina");
        assertEquals(0, removed.exitCode(), removed::toString);
        Instant gone = Instant.now();
        for (String node : Cluster.NODES) {
            Await.within(SharedUsersIT.EVERYWHERE.minus(Duration.between(gone, Instant.now())),
                    () -> status(cluster, node, "cluster-nina", "nina-pass") == 401, () -> node + " still logs cluster-nina in");
        }
    }

    /**
     * Users for the database outage of {@link #noAcknowledgedWriteIsLostThroughRollingRestartsAKilledNodeAndADatabaseOutage}:
     * olga logs in on n1 and n2 before it, pia never does; mona, a monitor, reads their metrics
     * before it and during it (olga is added last: a node that has olga has pia and mona too).
     */
    private static void usersForTheOutage(Cluster cluster) {
        for (String[] user : new String[][] {{"cluster-pia", "pia-pass", "user"}, {"cluster-mona", "mona-scrapes", "monitor"},
            {"cluster-olga", "olga-pass", "user"}}) {
            UsersJar.Result added = UsersJar.onDatabase(cluster.usersDatabaseConfig(), user[1] + "\n", "add", user[0], "--roles", user[2]);
            assertEquals(0, added.exitCode(), added::toString);
        }
        for (String node : OUTAGE_NODES) {
            Await.within(SharedUsersIT.EVERYWHERE, () -> status(cluster, node, "cluster-olga", "olga-pass") == 200,
                    () -> node + " does not log cluster-olga in");
            unavailableBefore.put(node, unavailableLogins(cluster, node)); // and the scraper logs in there too
        }
    }

    /** Per node, the logins refused unchecked (503) before the outage, as its metrics said. */
    private static final java.util.Map<String, Double> unavailableBefore = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code secure_rest_api_logins_total{outcome="unavailable"}} as {@code node}'s /metrics says it to a monitor. */
    private static double unavailableLogins(Cluster cluster, String node) {
        RawHttp.Response metrics = RawHttp.getFrom("127.0.0.1", cluster.node(node), "metrics",
                Http.basic("cluster-mona", "mona-scrapes").getBytes(StandardCharsets.ISO_8859_1), "Accept: text/plain\r\n");
        assertEquals(200, metrics.status(), () -> node + ": " + metrics);
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("(?m)^secure_rest_api_logins_total\\{outcome=\"unavailable\"\\} (\\S+)$")
                .matcher(metrics.body());
        assertTrue(value.find(), () -> node + ": no unavailable logins in\n" + metrics.body());
        return Double.parseDouble(value.group(1));
    }

    private static final List<String> OUTAGE_NODES = List.of("n1", "n2"); // Tomcat, Jetty

    /**
     * Without the database a node counts failed logins in its own memory alone: three nodes would
     * give three times the tries, and users removed meanwhile would still log in there. 30 s after
     * the database stopped answering, a node checks only the logins it verified lately; the others
     * get 503 with Retry-After until the database is back.
     */
    private static void thirtySecondsIntoTheOutageNodesRefuseLoginsTheyHaveNotVerifiedLately(Cluster cluster, Instant stopped) {
        AtomicInteger client = new AtomicInteger();
        for (String node : OUTAGE_NODES) { // each node meets the database's absence now: their 30 s run side by side
            statusOrNone(() -> viaBalancer(cluster, node, "198.51.100.250", "cluster-nobody", "no-pass"));
        }
        for (String node : OUTAGE_NODES) {
            // logins for names nobody has, each from another client behind the balancer (so that no limit is
            // reached meanwhile), until the node stops checking logins (one request at a time asks the database
            // whether it is back: on Jetty, HikariCP holds it up to its connectionTimeout, 5 s)
            Await.within(Duration.ofSeconds(120), () -> statusOrNone(() -> viaBalancer(cluster, node,
                    "198.51.100." + client.incrementAndGet() % 200, "cluster-nobody-" + client.get(), "no-pass")) == 503,
                    () -> node + " still checks logins:\n" + cluster.log(node));
            assertTrue(Duration.between(stopped, Instant.now()).compareTo(Duration.ofSeconds(30)) >= 0, "not before 30 s");
            RawHttp.Response[] refused = new RawHttp.Response[1];
            Await.within(Duration.ofSeconds(60), () -> statusOrNone(() -> refused[0] = viaBalancer(cluster, node, "203.0.113.77",
                    "cluster-pia", "pia-pass")) == 503, () -> node + ", the right password never verified there: " + refused[0]);
            assertEquals("5", refused[0].header("Retry-After"));
            assertEquals("application/problem+json", refused[0].header("Content-Type").split(";")[0]);
            assertTrue(refused[0].body().contains("cannot check logins now") && !refused[0].body().contains("incident"),
                    () -> node + ": an expected refusal, no incident: " + refused[0].body());
            assertEquals(200, status(cluster, node, "cluster-olga", "olga-pass"), node + ": a login verified before goes on");
            assertTrue(cluster.log(node).contains("the shared database has not answered for 30 s"), node);
            // counted apart from the lockout's 429s, for an alert; read by a monitor this node verified before
            assertTrue(unavailableLogins(cluster, node) >= unavailableBefore.get(node) + 2, node + ": the 503s are counted as unavailable");
            assertTrue(cluster.log(node).contains("\"event\":\"login.unavailable\""), node + ": and audited as such");
        }
    }

    /** Once the database is back, so are the logins the nodes refused. */
    private static void afterTheOutageNodesCheckLoginsAgain(Cluster cluster) {
        for (String node : OUTAGE_NODES) {
            Await.within(Duration.ofSeconds(90), () -> statusOrNone(() -> viaBalancer(cluster, node, "203.0.113.78", "cluster-pia", "pia-pass")) == 200,
                    () -> node + " does not log cluster-pia in once the database is back");
        }
    }

    /** The status of the answer, or 0 when none came within the client's timeout. */
    private static int statusOrNone(java.util.function.Supplier<RawHttp.Response> request) {
        try {
            return request.get().status();
        } catch (java.io.UncheckedIOException noAnswer) {
            return 0;
        }
    }

    /** A login on {@code node} as HAProxy forwards it, from {@code client}, over TLS. */
    private static RawHttp.Response viaBalancer(Cluster cluster, String node, String client, String user, String password) {
        return RawHttp.getFrom("127.0.0.1", cluster.node(node), "api/v1/private",
                Http.basic(user, password).getBytes(StandardCharsets.ISO_8859_1), "X-Forwarded-For: " + client + "\r\n");
    }

    /**
     * HAProxy ends TLS and says so in X-Forwarded-Proto; the nodes (https-only) serve what came
     * over TLS with HSTS, on every node, and redirect plain HTTP to the public URL, whatever
     * X-Forwarded-Proto or Forwarded the client wrote itself.
     */
    @Test
    void tlsEndsAtHaproxyAndAClientsOwnForwardedProtoMakesNoPlainRequestSecure() {
        Cluster cluster = Cluster.shared();
        for (int i = 0; i < 6; i++) { // round robin: every node answers twice
            HttpResponse<String> response = new Http(cluster.proxy()).get("api/v1/private", TestUsers.ADMIN);
            assertEquals(200, response.statusCode(), response::body);
            assertEquals("{\"meaning_of_life\":42}", response.body());
            assertEquals("max-age=31536000", response.headers().firstValue("Strict-Transport-Security").orElse(""));
        }
        Container plain = new Container() {
            @Override
            public String name() {
                return "cluster HAProxy, plain HTTP";
            }

            @Override
            public URI baseUri() {
                return cluster.plainUri();
            }

            @Override
            public java.nio.file.Path realmFile() {
                throw new UnsupportedOperationException();
            }

            @Override
            public String log() {
                return cluster.proxy().log();
            }
        };
        for (String spoofed : new String[] {"", "X-Forwarded-Proto: https\r\n", "Forwarded: for=127.0.0.1;proto=https\r\n"}) {
            for (int i = 0; i < 3; i++) {
                RawHttp.Response response = RawHttp.getFrom("127.0.3.3", plain, "api/v1/private",
                        Http.basic(TestUsers.ADMIN).getBytes(StandardCharsets.ISO_8859_1), spoofed);
                assertEquals(308, response.status(), () -> spoofed + ": " + response);
                assertEquals(cluster.environment().get("CLUSTER_TLS_PORT"), URI.create(response.header("Location")).getPort() + "");
                assertEquals("https", URI.create(response.header("Location")).getScheme());
                assertEquals(null, response.header("Strict-Transport-Security"));
            }
        }
    }

    /**
     * An attacker behind nothing but HAProxy writes its own Forwarded and X-Forwarded-For, another
     * address in each guess: HAProxy drops both and writes the address it saw, so the 5 guesses
     * count for that address, and the 6th attempt, the right password, gets 429. (Before, the
     * nodes read the client's own Forwarded: every guess counted under an address it chose.)
     */
    @Test
    void forwardedHeadersAClientWritesThroughHaproxyGiveItNoMoreTriesThanNone() {
        Cluster cluster = Cluster.shared();
        UsersJar.Result added = UsersJar.onDatabase(cluster.usersDatabaseConfig(), "spoof-pass\n", "add", "cluster-spoofed");
        assertEquals(0, added.exitCode(), added::toString);
        for (String node : Cluster.NODES) { // known everywhere before the guesses: a 401 then is a wrong password
            Await.within(SharedUsersIT.EVERYWHERE, () -> status(cluster, node, "cluster-spoofed", "spoof-pass") == 200,
                    () -> node + " does not log cluster-spoofed in");
        }
        for (int i = 0; i < 5; i++) {
            String spoofed = "Forwarded: for=198.51.100." + i + "\r\nX-Forwarded-For: 203.0.113." + i + "\r\n";
            RawHttp.Response guess = RawHttp.getFrom("127.0.3.1", cluster.proxy(), "api/v1/private",
                    Http.basic("cluster-spoofed", "guess-" + i).getBytes(StandardCharsets.ISO_8859_1), spoofed);
            assertEquals(401, guess.status(), guess::toString);
        }
        RawHttp.Response right = RawHttp.getFrom("127.0.3.1", cluster.proxy(), "api/v1/private",
                Http.basic("cluster-spoofed", "spoof-pass").getBytes(StandardCharsets.ISO_8859_1),
                "Forwarded: for=198.51.100.99\r\nX-Forwarded-For: 203.0.113.99\r\n");
        assertEquals(429, right.status(), () -> "5 guesses with spoofed hops locked the name for the address HAProxy saw: " + right);
        assertEquals(200, RawHttp.getFrom("127.0.3.2", cluster.proxy(), "api/v1/private", "cluster-spoofed", "spoof-pass").status(),
                "another address is not locked out");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"n1", "n2"}) // Tomcat, Jetty
    void onSigtermANodeFailsItsReadinessFinishesTheRequestItHoldsThenExits(String node) throws Exception {
        Cluster cluster = Cluster.shared();
        URI uri = cluster.nodeUri(node);
        // spaces before the closing brace: body enough to go on sending, a byte every 50 ms, for a minute
        String body = "{\"name\":\"Held\",\"email\":\"held-" + node + "-" + System.nanoTime() + "@example.org\"" + " ".repeat(1200) + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Process[] term = new Process[1];
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/subscribers HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n" + Cluster.FROM_TLS + "Authorization: " + ADMIN
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes, 0, 10); // the request is in progress: its body is being read
            out.flush();
            Thread.sleep(500);
            assertTrue(ready(uri), node + " is ready before SIGTERM");
            term[0] = cluster.spawn(ItConfig.workDir().resolve("term-" + node + ".out"), "term", node);
            // the client goes on sending its body, a byte every 50 ms, until the node has failed its
            // readiness check, as HAProxy makes it (however long SIGTERM takes to reach it on a busy
            // machine), and a second beyond. The check, not the log: the JDK's logging has a shutdown
            // hook of its own, which may close the log before "Not ready: stopping" is written.
            Instant notReady = null;
            int sent = 10;
            while (sent < bytes.length - 1 && (notReady == null || Instant.now().isBefore(notReady.plusSeconds(1)))) {
                out.write(bytes[sent++]);
                out.flush();
                Thread.sleep(50);
                if (notReady == null && sent % 10 == 0 && !ready(uri)) {
                    notReady = Instant.now();
                }
            }
            assertNotNull(notReady, "readiness failed at SIGTERM");
            assertTrue(term[0].isAlive(), () -> node + " waits for the request it holds; it answered: " + answerSoFar(socket));
            out.write(bytes, sent, bytes.length - sent);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 201"), "the request held at SIGTERM is answered: " + answer);
            assertTrue(term[0].waitFor(30, TimeUnit.SECONDS) && term[0].exitValue() == 0, node + " then exits");
        } finally {
            if (term[0] != null) {
                term[0].waitFor(30, TimeUnit.SECONDS); // a failure above must not hide behind "runs already"
            }
            cluster.run(Duration.ofMinutes(4), "start-node", node);
        }
    }

    /** The lines of the nodes' logs that refused a login of the load's users (admin, roy), for a failure's message. */
    private static String refusalsOfTheLoad(Cluster cluster) {
        StringBuilder lines = new StringBuilder();
        for (String node : Cluster.NODES) {
            cluster.log(node).lines()
                    .filter(l -> (l.contains("\"user\":\"roy\"") || l.contains("\"user\":\"admin\"") || l.contains("user 'roy'") || l.contains("user 'admin'"))
                            && (l.contains("login.throttled") || l.contains("Refused") || l.contains("Failed login")))
                    .limit(20).forEach(l -> lines.append(node).append(": ").append(l).append('\n'));
        }
        return lines.toString();
    }

    /** Whether the node passes HAProxy's check: its readiness answers 200 on a new connection. */
    private static boolean ready(URI node) {
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(node.resolve("/api/v1/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException refused) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What the server has sent on {@code socket} so far (waiting a second at most), for a failure's message. */
    private static String answerSoFar(java.net.Socket socket) {
        try {
            socket.setSoTimeout(1_000);
            byte[] buffer = new byte[4096];
            int read = socket.getInputStream().read(buffer);
            return read < 0 ? "(closed)" : new String(buffer, 0, read, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(nothing: " + e + ")";
        }
    }

    private static int status(Cluster cluster, String node, String user, String password) {
        return RawHttp.getFrom("127.0.0.1", cluster.node(node), "api/v1/private", user, password).status();
    }

    // --- the load, and what happens to the cluster meanwhile ---

    private enum Phase { WARM_UP, ROLLING_RESTART, BETWEEN, KILLED, DATABASE_RESTART, AFTER }

    /** One answer, or the exception instead of one, in the phase it came in. */
    private record Outcome(Phase phase, String operation, int status, String contentType, String error, Instant sent, Instant at) {
        boolean failed() {
            return error != null || status >= 500 || status == 0;
        }

        @Override
        public String toString() {
            return phase + " " + operation + " -> " + (error != null ? error : status + " " + contentType)
                    + " after " + Duration.between(sent, at).toMillis() + " ms";
        }
    }

    /** What a subscriber must look like afterwards: as last acknowledged, or gone (null). Uncertain after an unanswered write. */
    private record Expected(String name, String email, boolean deleted) {}

    private final Map<Long, Expected> acknowledged = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> uncertain = new ConcurrentHashMap<>();
    private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private volatile Phase phase = Phase.WARM_UP;
    private final List<String> timeline = Collections.synchronizedList(new ArrayList<>());
    private final Instant began = Instant.now();

    private void enter(Phase next) {
        phase = next;
        timeline.add(Duration.between(began, Instant.now()).toMillis() + " ms: " + next);
    }

    /**
     * 32 clients read and write through HAProxy over HTTPS while every node restarts in turn, one
     * is killed, and PostgreSQL stops for over 30 s, in which the nodes refuse logins they have not
     * verified lately ({@link #thirtySecondsIntoTheOutageNodesRefuseLoginsTheyHaveNotVerifiedLately},
     * checked then, since an outage of its own would add half a minute to the suite).
     */
    @Test
    void noAcknowledgedWriteIsLostThroughRollingRestartsAKilledNodeAndADatabaseOutage() throws Exception {
        Cluster cluster = Cluster.shared();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .sslContext(dev.securerestapi.it.support.DevTls.context()).build();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(32);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            int number = i;
            running.add(clients.submit(() -> {
                load(client, cluster.baseUri(), number, sent);
                return null;
            }));
        }
        Instant killedAt;
        Duration noticed;
        Instant chaosStarted = Instant.now();
        try {
            Thread.sleep(3_000);
            enter(Phase.ROLLING_RESTART);
            for (String node : Cluster.NODES) {
                cluster.run(Duration.ofMinutes(4), "restart", node);
            }
            enter(Phase.BETWEEN);
            Thread.sleep(2_000);
            enter(Phase.KILLED);
            killedAt = Instant.now();
            cluster.run(Duration.ofSeconds(30), "kill", "n3");
            Await.within(Duration.ofSeconds(5), () -> cluster.state("n3").startsWith("DOWN"), () -> "HAProxy still sends to n3");
            noticed = Duration.between(killedAt, Instant.now());
            // the login checks n3 was running hold their places in the shared count for 10 s
            // (docs/operations.md, Lockout): back sooner, it would meet them itself
            Thread.sleep(Math.max(2_000, Duration.between(Instant.now(), killedAt.plusSeconds(11)).toMillis()));
            cluster.run(Duration.ofMinutes(4), "start-node", "n3");
            enter(Phase.BETWEEN);
            usersForTheOutage(cluster); // after the restarts, which forget what a node verified
            enter(Phase.DATABASE_RESTART);
            Instant stopped = Instant.now();
            cluster.run(Duration.ofSeconds(60), "stop-db");
            try {
                thirtySecondsIntoTheOutageNodesRefuseLoginsTheyHaveNotVerifiedLately(cluster, stopped);
            } finally {
                cluster.run(Duration.ofSeconds(60), "start-db");
            }
            afterTheOutageNodesCheckLoginsAgain(cluster);
            for (String node : Cluster.NODES) {
                Await.within(Duration.ofSeconds(30), () -> cluster.state(node).startsWith("UP"), () -> node + " not back after the database");
            }
            enter(Phase.AFTER);
            // as long as it takes, however fast this machine went through the restarts: 10,000 requests,
            // and enough acknowledged writes to check
            Await.within(Duration.ofMinutes(5), () -> sent.get() >= 10_000 && certainlyAcknowledged() > ENOUGH_WRITES,
                    () -> "fewer than 10,000 requests sent (" + sent.get() + ") or " + ENOUGH_WRITES + " writes acknowledged ("
                            + certainlyAcknowledged() + ")");
            Thread.sleep(1_000);
        } finally {
            phase = null; // the clients stop
            clients.shutdown();
        }
        for (Future<?> f : running) {
            f.get(2, TimeUnit.MINUTES);
        }
        Duration chaos = Duration.between(chaosStarted, Instant.now());

        List<Outcome> all = List.copyOf(outcomes);
        Map<Phase, Long> perPhase = all.stream().collect(Collectors.groupingBy(Outcome::phase, Collectors.counting()));
        List<Outcome> failed = all.stream().filter(Outcome::failed).toList();
        String report = "SeveralInstancesIT: " + all.size() + " requests from 32 clients in " + chaos.toSeconds() + " s " + perPhase
                + "; HAProxy stopped sending to the killed node after " + noticed.toMillis() + " ms; failed: "
                + failed.stream().collect(Collectors.groupingBy(o -> o.phase() + " " + (o.error() != null ? o.error() : o.status() + " " + o.contentType()),
                        Collectors.counting()));
        // the failures no phase allows first: 5,000 expected 503s would hide them
        String details = report + "\nphases: " + timeline + "\nfailures:\n" + failed.stream()
                .sorted(Comparator.comparing((Outcome o) -> o.status() == 503).thenComparing(Outcome::at)).limit(60)
                .map(o -> "  " + Duration.between(began, o.at()).toMillis() + " ms " + o).collect(Collectors.joining("\n"));
        System.out.println(details);
        Files.writeString(ItConfig.workDir().resolve("several-instances.txt"), details + "\n", StandardCharsets.UTF_8);

        assertTrue(all.size() >= 10_000, report);
        for (Outcome o : failed) {
            switch (o.phase()) {
                case KILLED -> assertTrue(Duration.between(killedAt, o.at()).compareTo(Duration.ofSeconds(5)) <= 0,
                        "after the kill, only requests in flight then may fail: " + o + "\n" + report);
                case DATABASE_RESTART, AFTER -> assertTrue(o.status() == 503 && "application/problem+json".equals(o.contentType()),
                        "while the database restarts, only 503 problem+json: " + o + "\n" + report);
                default -> throw new AssertionError("no request may fail in " + o.phase() + ": " + o + "\n" + report
                        + "\nthe nodes' refusals of the load's users:\n" + refusalsOfTheLoad(cluster));
            }
        }
        // HAProxy may route requests to the node until its checks see it gone; none sent after that may fail
        Instant stoppedSending = killedAt.plus(noticed);
        failed.stream().filter(o -> o.phase() == Phase.KILLED).forEach(o -> assertTrue(o.sent().isBefore(stoppedSending),
                "sent after HAProxy stopped sending to the killed node, yet failed: " + o + "\n" + report));

        // every acknowledged write is there, exactly as acknowledged
        int checked = 0;
        for (Map.Entry<Long, Expected> entry : acknowledged.entrySet()) {
            if (uncertain.containsKey(entry.getKey())) {
                continue;
            }
            HttpResponse<String> read = client.send(HttpRequest.newBuilder(cluster.baseUri().resolve("api/v1/subscribers/" + entry.getKey()))
                    .header("Authorization", ROY).build(), HttpResponse.BodyHandlers.ofString());
            Expected expected = entry.getValue();
            if (expected.deleted()) {
                assertEquals(404, read.statusCode(), "deleted and acknowledged: " + entry.getKey());
            } else {
                assertEquals(200, read.statusCode(), () -> "acknowledged: " + entry.getKey() + " " + read.body());
                JsonNode body = JSON.readTree(read.body());
                assertEquals(expected.name(), body.path("name").asText(), "subscriber " + entry.getKey());
                assertEquals(expected.email(), body.path("email").asText(), "subscriber " + entry.getKey());
            }
            checked++;
        }
        assertTrue(checked > ENOUGH_WRITES, "enough writes were acknowledged to mean something: " + checked);
    }

    /** Acknowledged writes the check at the end needs, at least, to mean something. */
    private static final int ENOUGH_WRITES = 1_000;

    /** Subscribers whose last write was acknowledged, but for those a later unanswered write made uncertain. */
    private long certainlyAcknowledged() {
        return acknowledged.keySet().stream().filter(id -> !uncertain.containsKey(id)).count();
    }

    /**
     * Each client's pause between its requests. 32 clients still keep requests in flight at every
     * moment (about a hundred a second), but leave the CPU that restarting nodes need: with 50 ms
     * or none they took all of it, and on two cores each restart lasted about a minute.
     */
    private static final Duration PAUSE = Duration.ofMillis(300);

    /** One client: its own subscribers, mixed reads, writes and bad input, until the phase is null. */
    private void load(HttpClient client, URI base, int number, AtomicInteger sent) {
        Random random = new Random(number);
        List<Long> mine = new ArrayList<>();
        int serial = 0;
        while (phase != null) {
            Phase now = phase;
            int dice = random.nextInt(100);
            String email = "c" + number + "-" + (serial++) + "-" + System.nanoTime() + "@example.org";
            long id = mine.isEmpty() ? -1 : mine.get(random.nextInt(mine.size()));
            HttpRequest.Builder request;
            String operation;
            if (dice < 25 || id < 0) {
                operation = "create";
                request = post(base, "{\"name\":\"Client " + number + "\",\"email\":\"" + email + "\"}");
            } else if (dice < 40) {
                operation = "update";
                request = HttpRequest.newBuilder(base.resolve("api/v1/subscribers/" + id)).header("Authorization", ADMIN)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Renamed " + serial + "\",\"email\":\"" + email + "\"}"));
            } else if (dice < 48) {
                operation = "delete";
                request = HttpRequest.newBuilder(base.resolve("api/v1/subscribers/" + id)).header("Authorization", ADMIN).DELETE();
            } else if (dice < 68) {
                operation = "read";
                request = HttpRequest.newBuilder(base.resolve("api/v1/subscribers/" + id)).header("Authorization", ROY);
            } else if (dice < 80) {
                operation = "list";
                request = HttpRequest.newBuilder(base.resolve("api/v1/subscribers?limit=20")).header("Authorization", ROY);
            } else if (dice < 88) {
                operation = "private";
                request = HttpRequest.newBuilder(base.resolve("api/v1/private")).header("Authorization", ROY);
            } else if (dice < 94) {
                operation = "bad-input";
                request = post(base, "{\"name\":\"\",\"email\":\"not an address\"}");
            } else {
                operation = "bad-type";
                request = HttpRequest.newBuilder(base.resolve("api/v1/subscribers")).header("Authorization", ADMIN)
                        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello"));
            }
            try {
                Thread.sleep(PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sent.incrementAndGet();
            Instant sentAt = Instant.now();
            HttpResponse<String> response;
            try {
                // past HAProxy's own 60 s (timeout server), so that a node too slow to answer shows as its 504
                response = client.send(request.timeout(Duration.ofSeconds(75)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException | InterruptedException e) {
                outcomes.add(new Outcome(answered(now), operation, 0, null, e.getClass().getSimpleName(), sentAt, Instant.now()));
                if (!operation.equals("create") && id >= 0) {
                    uncertain.put(id, true);
                }
                continue;
            }
            String type = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0]).orElse(null);
            now = answered(now);
            Outcome outcome = new Outcome(now, operation, response.statusCode(), type, null, sentAt, Instant.now());
            outcomes.add(outcome);
            int status = response.statusCode();
            boolean unexpected = switch (operation) {
                case "create" -> status != 201;
                case "update" -> status != 200 && status != 404;
                case "delete" -> status != 204 && status != 404;
                case "read" -> status != 200 && status != 404;
                case "list", "private" -> status != 200;
                case "bad-input" -> status != 400;
                default -> status != 415;
            };
            if (unexpected) {
                if (!operation.equals("create") && id >= 0 && (operation.equals("update") || operation.equals("delete"))) {
                    uncertain.put(id, true);
                }
                if (status < 500) {
                    outcomes.add(new Outcome(now, operation, status, type, "unexpected " + status, sentAt, Instant.now()));
                }
                continue;
            }
            try {
                switch (operation) {
                    case "create" -> {
                        JsonNode body = JSON.readTree(response.body());
                        long created = body.path("id").asLong();
                        acknowledged.put(created, new Expected(body.path("name").asText(), body.path("email").asText(), false));
                        mine.add(created);
                    }
                    case "update" -> {
                        if (status == 200) {
                            JsonNode body = JSON.readTree(response.body());
                            acknowledged.put(id, new Expected(body.path("name").asText(), body.path("email").asText(), false));
                            uncertain.remove(id);
                        }
                    }
                    case "delete" -> {
                        acknowledged.put(id, new Expected(null, null, true));
                        uncertain.remove(id);
                        mine.remove(id);
                    }
                    case "read" -> {
                        Expected expected = acknowledged.get(id);
                        if (status == 200 && expected != null && !uncertain.containsKey(id)
                                && !expected.name().equals(JSON.readTree(response.body()).path("name").asText())) {
                            outcomes.add(new Outcome(now, operation, status, type, "read back another name than acknowledged", sentAt, Instant.now()));
                        }
                    }
                    default -> {
                        // answered as expected
                    }
                }
            } catch (IOException e) {
                outcomes.add(new Outcome(now, operation, status, type, "unreadable body", sentAt, Instant.now()));
            }
        }
    }

    /** A request belongs to the phase it was answered in (or, once the load stops, the last one). */
    private Phase answered(Phase sent) {
        Phase current = phase;
        return current != null ? current : sent;
    }

    private static HttpRequest.Builder post(URI base, String json) {
        return HttpRequest.newBuilder(base.resolve("api/v1/subscribers")).header("Authorization", ADMIN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }
}
