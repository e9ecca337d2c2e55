package dev.formation.store;

import dev.formation.plugin.api.FileStorage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Files in the database every node shares (table {@code file_contents}): the default on
 * MySQL/MariaDB. A file is cut into parts of {@link #PART_BYTES}, so neither side ever holds a
 * whole 20 MB upload at once and no statement comes near MySQL's {@code max_allowed_packet}
 * (16 MB by default on MariaDB): an upload is streamed in part by part inside one transaction,
 * and a download reads one part per query as the client takes the bytes.
 *
 * <p>Plain JDBC on a connection of its own rather than a repository: a download's stream
 * outlives the request's transaction (it reads part after part as the client takes them), and
 * an upload is filled from a stream while the bytes arrive, neither of which a repository
 * method that returns a finished value can do.
 */
public final class DatabaseFileStorage implements FileStorage {

    static final int PART_BYTES = 512 * 1024;

    private final DirectConnections connections;

    public DatabaseFileStorage(DirectConnections connections) {
        this.connections = connections;
    }

    @Override
    public void put(String id, InputStream content, long size) throws IOException {
        FileIds.require(id);
        try (Connection c = connections.open()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO `file_contents` (`file_id`, `part`, `data`) VALUES (?, ?, ?)")) {
                byte[] buffer = new byte[PART_BYTES];
                long written = 0;
                int part = 0;
                int n;
                while ((n = content.readNBytes(buffer, 0, PART_BYTES)) > 0) {
                    ps.setString(1, id);
                    ps.setInt(2, part++);
                    ps.setBytes(3, n == PART_BYTES ? buffer : Arrays.copyOf(buffer, n));
                    ps.executeUpdate();
                    written += n;
                }
                if (written != size) {
                    throw new IOException("upload " + id + " ended after " + written + " of " + size + " bytes");
                }
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IOException("cannot store file " + id + " in the database: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String id) throws IOException {
        FileIds.require(id);
        byte[] first = part(id, 0);
        if (first == null) {
            throw new NoSuchFileException("file " + id);
        }
        return new PartsInputStream(id, first);
    }

    @Override
    public void delete(String id) throws IOException {
        FileIds.require(id);
        try (Connection c = connections.open();
             PreparedStatement ps = c.prepareStatement("DELETE FROM `file_contents` WHERE `file_id` = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IOException("cannot delete file " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "database (table file_contents)";
    }

    /** One part's bytes, or null past the last; each read on a connection of its own, held only for the query. */
    private byte[] part(String id, int part) throws IOException {
        try (Connection c = connections.open();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT `data` FROM `file_contents` WHERE `file_id` = ? AND `part` = ?")) {
            ps.setString(1, id);
            ps.setInt(2, part);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw new IOException("cannot read file " + id + ": " + e.getMessage(), e);
        }
    }

    /** Hands out one part at a time and fetches the next when the reader gets there. */
    private final class PartsInputStream extends InputStream {
        private final String id;
        private byte[] current;
        private int offset;
        private int next = 1;

        PartsInputStream(String id, byte[] first) {
            this.id = id;
            this.current = first;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (current != null && offset >= current.length) {
                current = current.length < PART_BYTES ? null : part(id, next++);
                offset = 0;
            }
            if (current == null) {
                return -1;
            }
            int n = Math.min(len, current.length - offset);
            System.arraycopy(current, offset, b, off, n);
            offset += n;
            return n;
        }

        @Override
        public void close() {
            current = null;
        }
    }
}
