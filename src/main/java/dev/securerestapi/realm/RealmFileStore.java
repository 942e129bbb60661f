package dev.securerestapi.realm;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;


/**
 * Reads and replaces a realm file the safe way, for the users command and for the server's own
 * edits (a hash upgraded at login). A change is written to a temporary file in the
 * same directory with the original's permissions, owner and group, flushed to disk, then renamed
 * over the original in one step: the container sees the old file or the new one, never half of
 * one, and never one it could not read. Edits by two operators (or an operator and the server) at once are serialised by a lock
 * on {@code .NAME.lock} beside the file, which must be a regular file: a symbolic link there is
 * refused, never followed (whoever can write the directory could otherwise have the command
 * create or truncate a file elsewhere).
 */
public final class RealmFileStore implements AutoCloseable {

    /** The file cannot be read, locked or replaced, or would not read back: the message says which, and that nothing changed. */
    public static final class Unwritable extends Exception {
        private static final long serialVersionUID = 1L;

        Unwritable(String message) {
            super(message);
        }
    }

    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private RealmFileStore(Path file, FileChannel lockChannel, FileLock lock) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** For reading only: no lock. */
    public static RealmFileStore reading(Path file) {
        return new RealmFileStore(file.toAbsolutePath(), null, null);
    }

    /** Locks the file against other runs of this command until closed. */
    public static RealmFileStore open(Path file) throws Unwritable {
        Path target = file;
        try {
            if (Files.isSymbolicLink(file)) {
                target = file.toRealPath(); // replace what the link points at, keep the link
            }
            Path dir = target.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                throw new Unwritable(file + ": no such directory");
            }
            Path lockFile = dir.resolve("." + target.getFileName() + ".lock");
            if (Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS)) {
                throw new Unwritable(lockFile + " is " + (Files.isSymbolicLink(lockFile) ? "a symbolic link" : "not a regular file")
                        + "; the lock file is never followed elsewhere. Remove it if nobody else is editing; nothing was changed.");
            }
            // NOFOLLOW_LINKS: a link planted between the check and the open fails here instead of being followed
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            return new RealmFileStore(target.toAbsolutePath(), channel, channel.lock());
        } catch (AccessDeniedException e) {
            throw new Unwritable(file + ": permission denied (cannot lock the file for editing)");
        } catch (FileSystemException e) {
            throw new Unwritable(file + ": cannot lock it for editing (" + e.getMessage() + "); nothing was changed");
        } catch (IOException e) {
            throw new Unwritable(file + ": " + e.getMessage());
        }
    }

    public boolean exists() {
        return Files.exists(file);
    }

    public Path path() {
        return file;
    }

    public RealmFile read(RealmFile.Format format) throws Unwritable {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new Unwritable(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new Unwritable(file + ": permission denied (not readable by this user)");
        } catch (IOException e) {
            throw new Unwritable(file + ": cannot read: " + e.getMessage());
        }
        RealmFile.Format actual = format != null ? format : RealmFile.Format.of(content);
        try {
            return RealmFile.parse(actual, content);
        } catch (MalformedRealmFile e) {
            throw new Unwritable(file + " line " + e.line() + ": " + e.reason()
                    + " (as a " + actual.name().toLowerCase() + " realm file). Fix it first; nothing was changed.");
        }
    }

    /** Replaces the file with {@code edited}, keeping its permissions, owner and group. */
    public void write(RealmFile edited) throws Unwritable {
        write(edited.content());
    }

    /** Replaces the file with {@code content}, keeping its permissions, owner and group (a new file: owner only). */
    public void write(byte[] content) throws Unwritable {
        if (lock == null) {
            throw new IllegalStateException("opened for reading only");
        }
        Path dir = file.getParent();
        PosixFileAttributes original = null;
        try {
            if (Files.exists(file) && Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
                original = Files.readAttributes(file, PosixFileAttributes.class);
            }
        } catch (IOException e) {
            throw new Unwritable(file + ": cannot read its permissions: " + e.getMessage());
        }
        if (original != null && !original.permissions().contains(PosixFilePermission.OWNER_READ)) {
            throw new Unwritable(file + ": its owner may not read it (mode "
                    + PosixFilePermissions.toString(original.permissions()) + "), so no container reads it either; nothing was changed");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
            if (view != null) {
                keep(view, original, temp);
            }
            Files.move(temp, file, REPLACE_EXISTING, ATOMIC_MOVE);
            temp = null;
            syncDirectory(dir);
        } catch (AccessDeniedException e) {
            throw new Unwritable(file + ": permission denied (cannot write in " + dir + "); nothing was changed");
        } catch (IOException e) {
            throw new Unwritable(file + ": cannot write: " + e.getMessage() + "; nothing was changed");
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the original is untouched either way
                }
            }
        }
    }

    private void keep(PosixFileAttributeView view, PosixFileAttributes original, Path temp) throws IOException, Unwritable {
        if (original == null) {
            view.setPermissions(EnumSet.copyOf(NEW_FILE));
            return;
        }
        view.setPermissions(original.permissions());
        PosixFileAttributes now = view.readAttributes();
        try {
            if (!now.owner().equals(original.owner())) {
                view.setOwner(original.owner());
            }
            if (!now.group().equals(original.group())) {
                view.setGroup(original.group());
            }
        } catch (IOException e) {
            throw new Unwritable(file + " belongs to " + original.owner().getName() + ":" + original.group().getName()
                    + " and this user cannot write a file that does; run as that user or root. Nothing was changed.");
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // not every platform can sync a directory; the rename itself is still atomic
        }
    }

    @Override
    public void close() throws IOException {
        if (lock != null) {
            lock.release();
            lockChannel.close();
        }
    }
}
