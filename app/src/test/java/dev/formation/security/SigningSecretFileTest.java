package dev.formation.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The generated token secret is readable by its owner only: whoever reads it can sign tokens. */
class SigningSecretFileTest {

    private static Set<PosixFilePermission> permissions(Path file) throws IOException {
        return Files.getPosixFilePermissions(file);
    }

    private static void assumePosix() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    }

    @Test
    void aNewSecretFileIsReadableByItsOwnerOnly(@TempDir Path dir) throws IOException {
        assumePosix();
        Path file = dir.resolve("data").resolve("jwt-secret");
        String secret = SigningSecretFile.readOrCreate(file);
        assertTrue(secret.matches("[0-9a-f]{96}"), secret);
        assertEquals(PosixFilePermissions.fromString("rw-------"), permissions(file));
        // and it is kept: the next start signs with the same secret
        assertEquals(secret, SigningSecretFile.readOrCreate(file));
        assertEquals(PosixFilePermissions.fromString("rw-------"), permissions(file));
    }

    @Test
    void anExistingSecretFileOthersCouldReadIsNarrowed(@TempDir Path dir) throws IOException {
        assumePosix();
        Path file = dir.resolve("jwt-secret");
        Files.writeString(file, "an-old-secret-0123456789\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals("an-old-secret-0123456789", SigningSecretFile.readOrCreate(file));
        assertEquals(PosixFilePermissions.fromString("rw-------"), permissions(file));
    }
}
