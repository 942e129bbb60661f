package dev.securerestapi.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * 150 wrong passwords for one name from one address, sent at once over some containers in turn,
 * and its right password sent into the burst once the first guess has failed (the containers' logs
 * say so), while the others hold their places: among them rather than ahead of them all.
 *
 * @param checked the wrong passwords answered 401: each was checked
 * @param refused the wrong passwords answered 429: refused unchecked
 * @param right what the right password got
 */
public record ParallelGuesses(int checked, int refused, RawHttp.Response right) {

    public static final int GUESSES = 150;

    public static ParallelGuesses send(List<? extends Container> nodes, String from, String user, String rightPassword) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(GUESSES + 1);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int i = 0; i < GUESSES; i++) {
                Container node = nodes.get(i % nodes.size());
                String guess = "parallel-guess-" + i;
                wrong.add(pool.submit(() -> {
                    go.await();
                    return RawHttp.getFrom(from, node, "api/v1/private", user, guess).status();
                }));
            }
            String failure = "Failed login for user '" + user + "'";
            int failuresBefore = failures(nodes, failure);
            Future<RawHttp.Response> right = pool.submit(() -> {
                go.await();
                // inside the burst: once a guess has failed, while the others hold their places
                Await.within(java.time.Duration.ofMinutes(2), () -> failures(nodes, failure) > failuresBefore,
                        () -> "no guess for " + user + " failed");
                return RawHttp.getFrom(from, nodes.get(nodes.size() - 1), "api/v1/private", user, rightPassword);
            });
            go.countDown();
            int checked = 0;
            int refused = 0;
            for (Future<Integer> status : wrong) {
                int s = status.get(2, TimeUnit.MINUTES);
                checked += s == 401 ? 1 : 0;
                refused += s == 429 ? 1 : 0;
            }
            return new ParallelGuesses(checked, refused, right.get(2, TimeUnit.MINUTES));
        } finally {
            pool.shutdownNow();
        }
    }

    /** How many of the nodes' log lines so far say a login for the name failed. */
    private static int failures(List<? extends Container> nodes, String line) {
        int count = 0;
        for (Container node : nodes) {
            String log = node.log();
            for (int at = log.indexOf(line); at >= 0; at = log.indexOf(line, at + 1)) {
                count++;
            }
        }
        return count;
    }
}
