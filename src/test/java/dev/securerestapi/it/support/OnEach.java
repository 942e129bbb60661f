package dev.securerestapi.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * One check run on every container at once, for the suites that mostly wait for a container to
 * re-read a file: the wait is each container's own, so four containers take about as long as
 * one. Fails with every container's failure, each named.
 */
public final class OnEach {

    /** A check of one container; it may throw what a test throws. */
    @FunctionalInterface
    public interface Check {
        void run(Container container) throws Exception;
    }

    private OnEach() {}

    public static void container(Stream<Container> containers, Check check) throws InterruptedException {
        List<Container> all = containers.toList();
        ExecutorService pool = Executors.newFixedThreadPool(all.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Container container : all) {
                running.add(pool.submit(() -> {
                    check.run(container);
                    return null;
                }));
            }
            AssertionError failed = null;
            for (int i = 0; i < all.size(); i++) {
                try {
                    running.get(i).get();
                } catch (ExecutionException e) {
                    AssertionError named = new AssertionError(all.get(i) + ": " + e.getCause(), e.getCause());
                    if (failed == null) {
                        failed = named;
                    } else {
                        failed.addSuppressed(named);
                    }
                }
            }
            if (failed != null) {
                throw failed;
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
