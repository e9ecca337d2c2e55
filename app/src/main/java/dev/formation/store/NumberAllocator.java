package dev.formation.store;

import dev.formation.config.FormationSettings;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands out sequence numbers for auto-numbers. A node reserves a block of numbers in a short
 * transaction of its own and then serves inserts from memory, so inserts do not queue on one
 * hot counter row and a counter lock is never held for the length of a record's transaction.
 * The price is the usual one: numbers are unique and increase per node, but a restart leaves
 * the rest of a block unused (gaps).
 */
@Singleton
public class NumberAllocator {

    private final DirectConnections connections;
    private final int blockSize;
    private final Map<String, long[]> blocks = new HashMap<>();

    public NumberAllocator(DirectConnections connections, FormationSettings settings) {
        this.connections = connections;
        this.blockSize = Math.max(1, settings.getNumberBlockSize());
    }

    public synchronized long next(String counterKey) {
        long[] block = blocks.get(counterKey);
        if (block == null || block[0] > block[1]) {
            block = reserve(counterKey);
            blocks.put(counterKey, block);
        }
        return block[0]++;
    }

    /** Returns {first, last} of a fresh block. */
    private long[] reserve(String counterKey) {
        try (Connection c = connections.open()) {
            c.setAutoCommit(false);
            try {
                long end = bump(c, counterKey);
                c.commit();
                return new long[]{end - blockSize + 1, end};
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reserve numbers for " + counterKey + ": " + e.getMessage(), e);
        }
    }

    private long bump(Connection c, String counterKey) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE `number_counters` SET `last_value` = `last_value` + ? WHERE `counter_key` = ?")) {
            update.setLong(1, blockSize);
            update.setString(2, counterKey);
            if (update.executeUpdate() == 0) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO `number_counters` (`counter_key`, `last_value`) VALUES (?, ?)")) {
                    insert.setString(1, counterKey);
                    insert.setLong(2, blockSize);
                    insert.executeUpdate();
                    return blockSize;
                } catch (SQLException e) {
                    if (!Database.isUniqueViolation(e)) {
                        throw e;
                    }
                    // another node created the counter first: take the next block after it
                    c.rollback();
                    return bump(c, counterKey);
                }
            }
        }
        try (PreparedStatement select = c.prepareStatement(
                "SELECT `last_value` FROM `number_counters` WHERE `counter_key` = ?")) {
            select.setString(1, counterKey);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
