package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.securerestapi.it.support.Await;
import dev.securerestapi.it.support.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The rule every server the tests start lives by (src/test/setup/tethered.sh, which
 * {@code Processes.tethered} puts in front of each): it lives as long as its owner, the test JVM,
 * and no longer, whatever the clock says. Here a {@code sleep} stands in for the JVM, so that the
 * test can kill it with SIGKILL as a crash or {@code kill -9} of Maven would.
 */
@Execution(ExecutionMode.CONCURRENT) // waits for processes of its own, beside the other suites
class ServersStartedByTestsEndWithTheirJvmIT {

    /** Generous: tethered.sh looks once a second. The point is that it happens at all. */
    private static final Duration NOTICED = Duration.ofSeconds(30);

    @Test
    void aServerAndEveryProcessItStartedStopOnceTheirOwnerIsKilled() throws Exception {
        Process owner = new ProcessBuilder("sleep", "3600").start();
        Process server = tethered(owner.pid(), 3 * 3600, "bash", "-c", "sleep 3601 & sleep 3602 & wait");
        try {
            Await.within(Duration.ofSeconds(10), () -> commands(server).size() == 3, () -> "the server and its children started");
            List<ProcessHandle> started = commands(server);
            Thread.sleep(3_000);
            assertTrue(server.isAlive() && started.stream().allMatch(ProcessHandle::isAlive), "alive while the owner is");

            owner.destroyForcibly().waitFor();
            Await.within(NOTICED, () -> !server.isAlive() && started.stream().noneMatch(ProcessHandle::isAlive),
                    () -> "still running after their owner was killed: " + started.stream().filter(ProcessHandle::isAlive).toList());
        } finally {
            owner.destroyForcibly();
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
    }

    @Test
    void theCapAloneStopsAServerWhoseOwnerLivesOn() throws Exception {
        // the cap, in seconds here, is the only clock: hours in the suite, never the suite's length
        Process owner = new ProcessBuilder("sleep", "3600").start();
        Process server = tethered(owner.pid(), 4, "sleep", "3600");
        try {
            Thread.sleep(2_000);
            assertTrue(server.isAlive(), "alive before the cap");
            assertTrue(server.waitFor(NOTICED.toSeconds(), TimeUnit.SECONDS), "stopped by the cap");
            assertEquals(143, server.exitValue(), "ended by SIGTERM");
            assertTrue(owner.isAlive());
        } finally {
            owner.destroyForcibly();
            server.destroyForcibly();
        }
    }

    @Test
    void anOwnerThatIsNotRunningStartsNothing() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Process server = tethered(gone.pid(), 3600, "sleep", "3600");
        assertTrue(server.waitFor(10, TimeUnit.SECONDS));
        assertEquals(1, server.exitValue());
        assertFalse(new String(server.getErrorStream().readAllBytes()).isEmpty(), "says why");
    }

    /** The command's processes below tethered.sh: the shell and its two sleeps, not tethered.sh's own short sleeps. */
    private static List<ProcessHandle> commands(Process tether) {
        return tether.descendants().filter(p -> p.info().commandLine().orElse("").contains("360")).toList();
    }

    private static Process tethered(long owner, long capSeconds, String... command) throws IOException {
        return new ProcessBuilder(Processes.tethered(owner, Duration.ofSeconds(capSeconds), List.of(command)))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
