package dev.securerestapi.it;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Every container the black-box suites run against, each started once per test JVM on first use
 * and shared by all suites. Suites take them as their class parameter:
 * {@code @MethodSource("dev.securerestapi.it.Containers#all")}.
 */
public final class Containers {

    private static final List<Supplier<Container>> ALL = List.of(
            memoize(EmbeddedJetty::start),
            memoize(StockContainers::tomcat),
            memoize(StockContainers::jetty));

    private Containers() {}

    public static Stream<Container> all() {
        return ALL.stream().map(Supplier::get);
    }

    private static Supplier<Container> memoize(Supplier<? extends Container> starter) {
        return new Supplier<>() {
            private Container started;

            @Override
            public synchronized Container get() {
                if (started == null) {
                    started = starter.get();
                }
                return started;
            }
        };
    }
}
