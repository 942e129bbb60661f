package dev.securerestapi.realm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * A realm file every local account can read: its hashes can be copied and attacked offline, and
 * weak passwords fall. The deploy steps create the file 0600 (or 0640 with the container's group);
 * the users command and the containers' start-up say so when it is not.
 */
public final class ExposedFile {

    private ExposedFile() {}

    /** The warning for {@code file}, or empty when others cannot read it (or the file system has no POSIX modes). */
    public static Optional<String> warning(Path file) {
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return Optional.empty();
        }
        if (!mode.contains(PosixFilePermission.OTHERS_READ)) {
            return Optional.empty();
        }
        return Optional.of("Realm secure-rest-api: " + file + " is readable by every account on this machine (mode "
                + PosixFilePermissions.toString(mode) + "), so anyone here can copy its password hashes and guess at them"
                + " offline: chmod 600 it (or 640 with the container's group)");
    }
}
