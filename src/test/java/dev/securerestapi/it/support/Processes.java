package dev.securerestapi.it.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The servers the tests start as processes: waiting for them, and stopping them with their children. */
public final class Processes {

    private Processes() {}

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
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        stop(process);
        throw new IllegalStateException("did not listen on " + port + " within " + patience + ":\n" + diagnostics.get());
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
