package dev.securerestapi.realm.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit trail as a file of its own ({@code secure-rest-api.audit-file}): one JSON object per
 * line, appended. Every line is one write to a file opened for appending, so the instances and
 * the users command that share a file never mix their lines. A file moved or removed (log
 * rotation) is noticed within a second and made again; a line that cannot be written goes to
 * the container's log instead, with a warning at most once a minute.
 */
final class AuditFile {

    private static final Logger LOG = Logger.getLogger(AuditFile.class.getName());
    private static final long CHECK_NANOS = 1_000_000_000L;
    private static final long WARN_NANOS = 60_000_000_000L;

    private final Path path;
    private FileChannel channel;
    private Object openedKey;
    private long checked;
    private long warned = System.nanoTime() - WARN_NANOS;

    AuditFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    /** Appends {@code line} and a line feed; false where it could not (then the caller logs it). */
    synchronized boolean append(String line) {
        try {
            long now = System.nanoTime();
            if (channel == null || now - checked > CHECK_NANOS) {
                checked = now;
                reopenIfMoved();
            }
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            close();
            long now = System.nanoTime();
            if (now - warned >= WARN_NANOS) {
                warned = now;
                LOG.log(Level.WARNING, "Cannot write the audit trail to " + path + " (" + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + "); its lines go to this log until it can");
            }
            return false;
        }
    }

    private void reopenIfMoved() throws IOException {
        Object key;
        try {
            key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException gone) {
            key = null;
        }
        if (channel != null && key != null && Objects.equals(key, openedKey)) {
            return;
        }
        close();
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        try {
            // readable by the container's account and its group (log shippers), never by others
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        } catch (java.nio.file.FileAlreadyExistsException | UnsupportedOperationException exists) {
            // appended to as it is
        }
        channel = FileChannel.open(path, Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        openedKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    }

    private void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the next line opens it again
            }
            channel = null;
        }
    }
}
