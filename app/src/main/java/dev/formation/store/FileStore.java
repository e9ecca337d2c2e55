package dev.formation.store;

import dev.formation.plugin.api.FileStorage;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Uploaded files: their name, type, size, checksum and uploader in the {@code files} table, their
 * contents in the {@link FileStorage} every node shares. The type is decided by the content's
 * magic bytes, never by the name the client sent, so a renamed executable does not pass as a
 * picture. An upload is streamed into the storage, never held in memory whole.
 */
@Singleton
public class FileStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileStore.class);
    /** How much of the start of an upload is looked at to tell its type. */
    private static final int HEAD = 64 * 1024;
    private static final int TEXT_WINDOW = 4096;

    /** A stored file; {@code extension} is the one its content proved, e.g. ".png". */
    public record StoredFile(String id, String name, String contentType, long size, String extension) {
    }

    private static final String[][] TYPES = {
            {"image/jpeg", ".jpg"}, {"image/png", ".png"}, {"image/gif", ".gif"}, {"image/webp", ".webp"},
            {"application/pdf", ".pdf"}, {"application/msword", ".doc"},
            {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"},
            {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"},
            {"application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"},
            {"text/plain", ".txt"}};
    /** A ZIP container: Word, Excel or PowerPoint, told apart by the parts inside (see {@link #officeType}). */
    private static final String[] ZIP = {"application/zip", ".zip"};

    private final FileStorage storage;
    private final Tx tx;
    private final FileRepository rows;
    private final Clock clock;

    FileStore(FileStorage storage, Tx tx, FileRepository rows, Clock clock) {
        this.storage = storage;
        this.rows = rows;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Stores an upload of {@code size} bytes; empty when its content is not a type we accept
     * (nothing is kept then).
     */
    public Optional<StoredFile> save(InputStream content, long size, String originalName, String username)
            throws IOException {
        BufferedInputStream in = new BufferedInputStream(content, HEAD);
        in.mark(HEAD);
        byte[] head = in.readNBytes(HEAD);
        in.reset();
        Optional<String[]> type = sniff(head, size > head.length);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        String id = FileIds.next();
        MessageDigest sha256 = sha256();
        storage.put(id, new DigestInputStream(in, sha256), size);
        try {
            String[] proved = type.get() == ZIP ? officeType(id).orElse(null) : type.get();
            if (proved == null) {
                storage.delete(id);
                return Optional.empty();
            }
            String name = safeName(originalName);
            String digest = HexFormat.of().formatHex(sha256.digest());
            tx.write(c -> rows.save(new StoredFileRow(id, name, proved[0], size, digest, username,
                    LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS))));
            return Optional.of(new StoredFile(id, name, proved[0], size, proved[1]));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(id);
            throw e;
        }
    }

    /** The stored bytes of a file the caller has decided the user may read. */
    public InputStream open(String id) throws IOException {
        return storage.open(id);
    }

    private void deleteQuietly(String id) {
        try {
            storage.delete(id);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not remove the contents of refused upload {}: {}", id, e.getMessage());
        }
    }

    /** Who uploaded a file, if it exists. */
    public Optional<String> uploader(String id) {
        return rows.uploader(id);
    }

    public List<StoredFile> find(Collection<String> ids) {
        List<String> valid = ids.stream().filter(FileIds::isValid).distinct().toList();
        if (valid.isEmpty()) {
            return List.of();
        }
        return rows.findByIdIn(valid).stream().map(f -> new StoredFile(f.id(), f.name(), f.contentType(), f.sizeBytes(),
                extensionOf(f.contentType()))).toList();
    }

    static String extensionOf(String contentType) {
        for (String[] t : TYPES) {
            if (t[0].equals(contentType)) {
                return t[1];
            }
        }
        return "";
    }

    /**
     * {content type, extension} proved by the first bytes, {@link #ZIP} for a ZIP container whose
     * parts decide, or empty for a type we do not accept.
     *
     * @param more whether the file goes on after {@code b}
     */
    static Optional<String[]> sniff(byte[] b, boolean more) {
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
            return Optional.of(ZIP);
        }
        if (isUtf8Text(b, more)) {
            return Optional.of(TYPES[9]);
        }
        return Optional.empty();
    }

    /** Reads the stored ZIP's part names until one says Word, Excel or PowerPoint. */
    private Optional<String[]> officeType(String id) throws IOException {
        // commons-compress rather than java.util.zip: a workbook written as a stream (POI's SXSSF, our
        // own exports among them) has stored entries followed by data descriptors, which
        // ZipInputStream refuses; Excel, WPS and LibreOffice open such files, so we must too
        try (InputStream stored = storage.open(id);
             ZipArchiveInputStream zip = new ZipArchiveInputStream(stored, "UTF-8", true, true)) {
            ZipArchiveEntry entry;
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
        } catch (ZipException | java.io.EOFException e) {
            return Optional.empty(); // not a ZIP after all, or a truncated one: not a document we accept
        }
        return Optional.empty();
    }

    /**
     * No NUL and valid UTF-8 in the first {@value #TEXT_WINDOW} bytes. When the file goes on, the
     * window may end inside a character (Chinese takes three bytes), which is not an error.
     */
    private static boolean isUtf8Text(byte[] b, boolean more) {
        if (b.length == 0) {
            return false;
        }
        int length = Math.min(b.length, TEXT_WINDOW);
        for (int i = 0; i < length; i++) {
            if (b[i] == 0) {
                return false;
            }
        }
        boolean cut = more || b.length > TEXT_WINDOW;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, 0, length);
        CharBuffer out = CharBuffer.allocate(length);
        CoderResult result = decoder.decode(in, out, !cut);
        if (result.isError()) {
            return false;
        }
        // a cut window may leave the first bytes of one character undecoded, no more
        return cut ? in.remaining() < 4 : in.remaining() == 0 && !decoder.flush(out).isError();
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
