package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.TestUsers.User;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A login for a name the realm does not hold takes as long as a wrong password for the slowest
 * entry it holds (the test-only {@code slow}, stored with twice the policy's iterations), so
 * response times do not tell which names exist. This compares the two medians over repeated,
 * interleaved requests (a relative measure on one machine in one run, not a speed limit), on
 * every container and on the WAR alone in Tomcat.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.securerestapi.it.support.Containers#all")
@Isolated // it compares times: nothing else runs meanwhile
class UnknownUserTimingIT {

    private static final int WARM_UP = 2;
    private static final int ROUNDS = 11;
    /** The bound: the medians may differ by at most a quarter of the larger. */
    private static final double TOLERANCE = 0.25;

    @Parameter
    Container container;

    @Test
    void anUnknownNameCostsWhatAWrongPasswordForTheSlowestEntryCosts() {
        Http http = new Http(container);
        List<Long> unknown = new ArrayList<>();
        List<Long> wrongPassword = new ArrayList<>();
        for (int i = 0; i < WARM_UP + ROUNDS; i++) {
            long a = time(http, new User("nobody-here-" + i, "slow-pass", List.of()));
            long b = time(http, new User(TestUsers.SLOW.name(), "not-slows-" + i, List.of()));
            if (i >= WARM_UP) {
                unknown.add(a);
                wrongPassword.add(b);
            }
        }
        long unknownMedian = median(unknown);
        long knownMedian = median(wrongPassword);
        double gap = Math.abs(unknownMedian - knownMedian) / (double) Math.max(unknownMedian, knownMedian);
        System.out.printf("%s: median %.1f ms for an unknown name, %.1f ms for a wrong password of the slowest entry (%.0f%% apart)%n",
                container, unknownMedian / 1e6, knownMedian / 1e6, gap * 100);
        assertTrue(gap <= TOLERANCE, String.format("unknown name %.1f ms, wrong password %.1f ms: %.0f%% apart",
                unknownMedian / 1e6, knownMedian / 1e6, gap * 100));
    }

    private static long time(Http http, User user) {
        long start = System.nanoTime();
        int status = http.get("api/v1/private", user).statusCode();
        long elapsed = System.nanoTime() - start;
        assertEquals(401, status, user.name());
        return elapsed;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
