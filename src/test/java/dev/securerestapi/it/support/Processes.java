package dev.securerestapi.it.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The servers the tests start as processes: waiting for them, and stopping them with their children. */
public final class Processes {

    /**
     * How long a server the tests start lives at most if the end of this JVM goes unseen. Hours,
     * never the suite's length: a server lives as long as the JVM, see {@link #tethered}.
     */
    public static final Duration SAFETY_CAP = Duration.ofHours(3);

    private Processes() {}

    /**
     * {@code command} as run by src/test/setup/tethered.sh: in a process group of its own that
     * stops when this JVM ends, however it ends (kill -9 included), and after {@link #SAFETY_CAP}.
     */
    public static List<String> tethered(List<String> command) {
        return tethered(ProcessHandle.current().pid(), SAFETY_CAP, command);
    }

    /** {@code command} tethered to process {@code owner}, and stopped after {@code cap} anyway. */
    public static List<String> tethered(long owner, Duration cap, List<String> command) {
        List<String> line = new ArrayList<>(List.of("bash", ItConfig.projectDir().resolve("src/test/setup/tethered.sh").toString(),
                Long.toString(owner), Long.toString(cap.toSeconds())));
        line.addAll(command);
        return line;
    }

    /** Returns once something accepts connections on 127.0.0.1:port; fails if the process dies first. */
    public static void awaitListening(Process process, int port, Duration patience, Supplier<String> diagnostics) {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("exited with " + process.exitValue() + " before listening on "
                        + port + ":\n" + diagnostics.get());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        stop(process);
        throw new IllegalStateException("did not listen on " + port + " within " + patience + ":\n" + diagnostics.get());
    }

    /**
     * Until the process answers HTTP on {@code port} at all, whatever the status: a listening port
     * is not enough, as Jetty binds its connector before its applications have started and takes
     * the first connections only then (a burst of them beyond the kernel's backlog waits for SYN
     * retries meanwhile).
     */
    public static void awaitAnswering(Process process, int port, Duration patience, Supplier<String> diagnostics) {
        awaitListening(process, port, patience, diagnostics);
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                socket.setSoTimeout(1_000);
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                byte[] start = socket.getInputStream().readNBytes(5);
                if (new String(start, java.nio.charset.StandardCharsets.US_ASCII).equals("HTTP/")) {
                    return;
                }
            } catch (IOException notYet) {
                // bound, not answering yet
            }
            pause();
        }
        if (!process.isAlive()) {
            return; // it listened, then ended: what the caller makes of that, as before it answered
        }
        stop(process);
        throw new IllegalStateException("did not answer HTTP on " + port + " within " + patience + ":\n" + diagnostics.get());
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM to the process and its descendants; SIGKILL to whatever is left after 20 seconds. */
    public static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
