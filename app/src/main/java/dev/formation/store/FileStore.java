package dev.formation.store;

import dev.formation.config.FormationSettings;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Uploaded files under {@code <data-dir>/uploads}, named by a random id. The type is decided
 * by the content's magic bytes, never by the name the client sent, so a renamed executable
 * does not pass as a picture.
 */
@Singleton
public class FileStore {

    /** A stored file; {@code extension} is the one its content proved, e.g. ".png". */
    public record StoredFile(String id, String name, String contentType, long size, String extension) {
    }

    private final Path root;
    private final SecureRandom random = new SecureRandom();

    private final Clock clock;

    public FileStore(FormationSettings settings, Clock clock) {
        this.clock = clock;
        this.root = settings.uploadsPath();
    }

    public Optional<StoredFile> save(Connection c, byte[] content, String originalName, String username)
            throws SQLException {
        Optional<String[]> type = sniff(content);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        byte[] idBytes = new byte[16];
        random.nextBytes(idBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String name = safeName(originalName);
        try {
            Files.createDirectories(root);
            Files.write(root.resolve(id), content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store upload", e);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO `files` (`id`, `name`, `content_type`, "
                + "`size_bytes`, `sha256`, `created_by`, `created_at`) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, name);
            ps.setString(3, type.get()[0]);
            ps.setLong(4, content.length);
            ps.setString(5, sha256(content));
            ps.setString(6, username);
            ps.setObject(7, LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS));
            ps.executeUpdate();
        }
        return Optional.of(new StoredFile(id, name, type.get()[0], content.length, type.get()[1]));
    }

    public List<StoredFile> find(Connection c, Collection<String> ids) throws SQLException {
        List<StoredFile> out = new ArrayList<>();
        if (ids.isEmpty()) {
            return out;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT `id`, `name`, `content_type`, `size_bytes` FROM `files` "
                + "WHERE `id` IN (" + marks + ")")) {
            int i = 1;
            for (String id : ids) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String contentType = rs.getString(3);
                    out.add(new StoredFile(rs.getString(1), rs.getString(2), contentType, rs.getLong(4),
                            extensionOf(contentType)));
                }
            }
        }
        return out;
    }

    public Path path(String id) {
        if (!id.matches("^[a-f0-9]{32}$")) {
            throw new IllegalArgumentException("not a file id");
        }
        return root.resolve(id);
    }

    private static final String[][] TYPES = {
            {"image/jpeg", ".jpg"}, {"image/png", ".png"}, {"image/gif", ".gif"}, {"image/webp", ".webp"},
            {"application/pdf", ".pdf"}, {"application/msword", ".doc"},
            {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"},
            {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"},
            {"application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"},
            {"text/plain", ".txt"}};

    static String extensionOf(String contentType) {
        for (String[] t : TYPES) {
            if (t[0].equals(contentType)) {
                return t[1];
            }
        }
        return "";
    }

    /** {content type, extension} proved by the bytes, or empty for a type we do not accept. */
    static Optional<String[]> sniff(byte[] b) {
        if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(TYPES[0]);
        }
        if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(TYPES[1]);
        }
        if (startsWith(b, 'G', 'I', 'F', '8')) {
            return Optional.of(TYPES[2]);
        }
        if (startsWith(b, 'R', 'I', 'F', 'F') && b.length > 12 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B') {
            return Optional.of(TYPES[3]);
        }
        if (startsWith(b, '%', 'P', 'D', 'F', '-')) {
            return Optional.of(TYPES[4]);
        }
        if (startsWith(b, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return Optional.of(TYPES[5]);
        }
        if (startsWith(b, 'P', 'K', 0x03, 0x04)) {
            return officeZip(b);
        }
        if (isUtf8Text(b)) {
            return Optional.of(TYPES[9]);
        }
        return Optional.empty();
    }

    private static Optional<String[]> officeZip(byte[] b) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(b))) {
            ZipEntry entry;
            int seen = 0;
            while ((entry = zip.getNextEntry()) != null && seen++ < 200) {
                String name = entry.getName();
                if (name.startsWith("word/")) {
                    return Optional.of(TYPES[6]);
                }
                if (name.startsWith("xl/")) {
                    return Optional.of(TYPES[7]);
                }
                if (name.startsWith("ppt/")) {
                    return Optional.of(TYPES[8]);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean isUtf8Text(byte[] b) {
        if (b.length == 0) {
            return false;
        }
        for (int i = 0; i < Math.min(b.length, 4096); i++) {
            if (b[i] == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b, 0, Math.min(b.length, 4096)));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String safeName(String name) {
        String base = name == null ? "file" : name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        return base.length() > 200 ? base.substring(base.length() - 200) : base;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
