package dev.formation.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The token signing secret kept in the data folder when none is configured. Whoever reads it can
 * sign tokens for any user, so the file is created readable and writable by its owner only, and
 * an existing file that others may read is narrowed to that (with a warning).
 */
public final class SigningSecretFile {

    private static final Logger LOG = LoggerFactory.getLogger(SigningSecretFile.class);
    static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private SigningSecretFile() {
    }

    /** The secret in {@code file}, made (48 random bytes, hex) when the file does not exist yet. */
    public static String readOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            create(file);
        } else {
            narrow(file);
        }
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }

    private static void create(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        boolean posix = Files.getFileAttributeView(folder, PosixFileAttributeView.class) != null;
        try {
            // created with its permissions, so the secret is never readable by others, not even briefly
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
                ownerOnly(file);
            }
        } catch (FileAlreadyExistsException e) {
            return; // another process made it first: use theirs
        }
        Files.writeString(file, HexFormat.of().formatHex(bytes), StandardCharsets.US_ASCII);
    }

    private static void narrow(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null && !OWNER_ONLY.containsAll(view.readAttributes().permissions())) {
            view.setPermissions(OWNER_ONLY);
            LOG.warn("The token secret {} was readable by others; it is now readable by its owner only. "
                    + "Whoever read it could sign tokens: set a new one (delete the file or set FORMATION_JWT_SECRET)",
                    file);
        }
    }

    /** Without POSIX permissions (Windows), the closest the JDK offers. */
    private static void ownerOnly(Path file) {
        java.io.File f = file.toFile();
        boolean ok = f.setReadable(false, false) && f.setReadable(true, true)
                && f.setWritable(false, false) && f.setWritable(true, true);
        if (!ok) {
            LOG.warn("Could not make the token secret {} readable by its owner only", file);
        }
    }
}
