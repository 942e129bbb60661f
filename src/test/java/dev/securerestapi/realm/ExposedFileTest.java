package dev.securerestapi.realm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A realm file every account can read is named; owner-only and owner-and-group files are not. */
class ExposedFileTest {

    @TempDir
    Path dir;

    @Test
    void aWorldReadableFileIsNamedWithItsModeAndTheFix() throws Exception {
        Path file = Files.writeString(dir.resolve("realm.properties"), "");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        String warning = ExposedFile.warning(file).orElseThrow();
        assertTrue(warning.contains(file.toString()) && warning.contains("rw-r--r--") && warning.contains("chmod 600"), warning);
    }

    @Test
    void ownerOnlyAndGroupReadableFilesAreFine() throws Exception {
        Path file = Files.writeString(dir.resolve("realm.properties"), "");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals(Optional.empty(), ExposedFile.warning(file));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals(Optional.empty(), ExposedFile.warning(file));
    }
}
