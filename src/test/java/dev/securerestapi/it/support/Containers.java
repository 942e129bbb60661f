package dev.securerestapi.it.support;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Every container the black-box suites run against, each started once per test JVM on first use
 * and shared by all suites. Suites take them as their class parameter:
 * {@code @MethodSource("dev.securerestapi.it.support.Containers#all")}.
 */
public final class Containers {

    /**
     * The lock of the suites that change the shared containers' realm files (or read them) and
     * so may not run beside one another (JUnit's {@code @ResourceLock}); the others may.
     */
    public static final String REALM_FILES = "the shared containers' realm files";

    private static final Supplier<PostgresServer> POSTGRES = memoize(PostgresServer::start);
    private static final Supplier<Container> TOMCAT_WITH_POSTGRES = memoize(StockContainers::tomcatWithPostgres);
    private static final Supplier<Container> TOMCAT = memoize(StockContainers::tomcat);
    private static final Supplier<Container> JETTY = memoize(StockContainers::jetty);

    private static final Supplier<Container> EMBEDDED = memoize(EmbeddedJetty::start);

    private static final List<Supplier<Container>> ALL = List.of(
            EMBEDDED,
            TOMCAT,
            TOMCAT_WITH_POSTGRES,
            JETTY);

    private Containers() {}

    public static Stream<Container> all() {
        return ALL.stream().map(Supplier::get);
    }

    /**
     * The shared embedded Jetty. Started before any other embedded server of the JVM
     * ({@link EmbeddedJetty#start(String, java.util.Map)} asks for it first): the first one
     * registers the login counters' JMX beans, so MetricsIT reads its counts whatever ran before.
     */
    public static Container embeddedJetty() {
        return EMBEDDED.get();
    }

    /** The PostgreSQL server the Tomcat-with-PostgreSQL container keeps its data in. */
    public static PostgresServer postgres() {
        return POSTGRES.get();
    }

    /** The stock Tomcat container, set up as README.md says, started on first use. */
    public static Container tomcat() {
        return TOMCAT.get();
    }

    /** The stock Jetty container, set up as README.md says, started on first use. */
    public static Container jetty() {
        return JETTY.get();
    }

    /** The Tomcat-with-PostgreSQL container, started on first use. */
    public static Container tomcatWithPostgres() {
        return TOMCAT_WITH_POSTGRES.get();
    }

    public static <T> Supplier<T> memoize(Supplier<? extends T> starter) {
        return new Supplier<>() {
            private T started;

            @Override
            public synchronized T get() {
                if (started == null) {
                    started = starter.get();
                }
                return started;
            }
        };
    }
}
