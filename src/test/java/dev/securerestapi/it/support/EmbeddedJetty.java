package dev.securerestapi.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The built WAR in Jetty embedded in the test JVM, with the dev realm the project ships (plus the
 * test-only accounts) as the realm file its jetty-ee11-web.xml reads. Stopped when the JVM exits.
 */
public final class EmbeddedJetty implements Container {

    private final Server server;
    private final URI baseUri;
    private final Path realm;
    private URI httpsUri;

    private EmbeddedJetty(Server server, URI baseUri, Path realm) {
        this.server = server;
        this.baseUri = baseUri;
        this.realm = realm;
    }

    /** Everything the web applications of this JVM log, for the tests that read the log. */
    private static final StringBuffer LOG = new StringBuffer();
    /** Held here: the logging framework keeps loggers only weakly, and with them their handlers. */
    private static final java.util.logging.Logger PROJECT_LOGGER = java.util.logging.Logger.getLogger("dev.securerestapi");
    /** The audit trail's own logger, which is no child of the project's. */
    private static final java.util.logging.Logger AUDIT_LOGGER = java.util.logging.Logger.getLogger("secure-rest-api.audit");

    static {
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            private final java.util.logging.Formatter format = new java.util.logging.SimpleFormatter();

            @Override
            public void publish(java.util.logging.LogRecord record) {
                LOG.append(format.format(record));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        PROJECT_LOGGER.addHandler(capture);
        AUDIT_LOGGER.addHandler(capture);
    }

    public static EmbeddedJetty start() {
        return start("embedded-jetty", StockContainers.SHARED_SETTINGS);
    }

    public static EmbeddedJetty start(String name) {
        return start(name, StockContainers.SHARED_SETTINGS);
    }

    /**
     * A server whose realm and database live under the work directory's {@code name}, deployed
     * with {@code settings} as system properties (the WAR reads its lockout limits at deployment).
     */
    public static EmbeddedJetty start(String name, java.util.Map<String, String> settings) {
        if (!name.equals("embedded-jetty")) {
            Containers.embeddedJetty(); // the JVM's first embedded server: its counters are the ones JMX exports
        }
        java.util.Map<String, String> before = new java.util.HashMap<>();
        settings.keySet().forEach(key -> before.put(key, System.getProperty(key)));
        settings.forEach(System::setProperty);
        try {
            return startWithProperties(name);
        } finally {
            before.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    /** Also serving HTTPS on localhost, with the development certificate the build made. */
    public static EmbeddedJetty startWithHttps(String name) {
        if (!name.equals("embedded-jetty")) {
            Containers.embeddedJetty(); // the JVM's first embedded server: its counters are the ones JMX exports
        }
        return startWithProperties(name, true);
    }

    private static EmbeddedJetty startWithProperties(String name) {
        return startWithProperties(name, false);
    }

    private static EmbeddedJetty startWithProperties(String name, boolean withHttps) {
        Path realm = writeRealm(ItConfig.workDir().resolve(name));
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServerConnector https = null;
        if (withHttps) {
            org.eclipse.jetty.util.ssl.SslContextFactory.Server tls = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
            tls.setKeyStorePath(ItConfig.devKeystore().toString());
            tls.setKeyStoreType("PKCS12");
            tls.setKeyStorePassword("dev-only");
            org.eclipse.jetty.server.HttpConfiguration config = new org.eclipse.jetty.server.HttpConfiguration();
            config.addCustomizer(new org.eclipse.jetty.server.SecureRequestCustomizer());
            https = new ServerConnector(server, tls, new org.eclipse.jetty.server.HttpConnectionFactory(config));
            https.setHost("127.0.0.1");
            https.setPort(0);
            server.addConnector(https);
        }
        // the WAR's jetty-ee11-web.xml declares the realm and reads this property for its file;
        // the embedded database lives in the data directory the other one names
        System.setProperty("secure-rest-api.realm", realm.toString());
        System.setProperty("secure-rest-api.data", realm.resolveSibling("data").toString());

        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setWar(ItConfig.war().toString());
        server.setHandler(webapp);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("embedded Jetty did not start", e);
        }
        if (!webapp.isAvailable()) {
            throw new IllegalStateException("the WAR failed to deploy in embedded Jetty", webapp.getUnavailableException());
        }
        EmbeddedJetty started = new EmbeddedJetty(server, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"), realm);
        if (https != null) {
            started.httpsUri = URI.create("https://localhost:" + https.getLocalPort() + "/");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
        return started;
    }

    /** A graceful stop: the web application is destroyed, so it closes its database. */
    public void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("embedded Jetty did not stop", e);
        }
    }

    /** The dev realm as shipped, followed by the test-only accounts in the same format. */
    private static Path writeRealm(Path dir) {
        try {
            Files.createDirectories(dir);
            StringBuilder realm = new StringBuilder(Files.readString(ItConfig.devRealm(), StandardCharsets.ISO_8859_1));
            realm.append("\n# test-only accounts\n");
            for (TestUsers.User user : TestUsers.TEST_ONLY) {
                realm.append(user.name()).append(": ").append(TestUsers.stored(user));
                user.roles().forEach(role -> realm.append(", ").append(role));
                realm.append('\n');
            }
            for (TestUsers.StoredEntry entry : TestUsers.STORED_AS_IS) {
                realm.append(entry.name()).append(": ").append(entry.stored());
                entry.roles().forEach(role -> realm.append(", ").append(role));
                realm.append('\n');
            }
            Path file = dir.resolve("realm.properties");
            Files.deleteIfExists(file);
            // readable by its owner only, as the deploy steps make it
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, realm, StandardCharsets.ISO_8859_1);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "embedded Jetty " + Server.getVersion();
    }

    @Override
    public URI baseUri() {
        return baseUri;
    }

    @Override
    public Path realmFile() {
        return realm;
    }

    /** Where the context root answers over HTTPS, by the name the certificate is for; null without HTTPS. */
    public URI httpsUri() {
        return httpsUri;
    }

    @Override
    public String log() {
        return LOG.toString();
    }

    @Override
    public String toString() {
        return name();
    }
}
