package dev.formation.store;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * Named locks held until the caller's transaction ends: a row of {@code record_locks} locked
 * with SELECT ... FOR UPDATE, which works alike on H2 and MySQL/MariaDB and on every node. A
 * lock's row is created, the first time, in a short transaction of its own, so the caller's
 * transaction only ever locks a row that exists (an INSERT racing another would otherwise
 * fail one of the two writers).
 */
@Singleton
public class RecordLocks {

    private static final TransactionDefinition OWN =
            TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW);
    private static final int MAX_KEY = 190;

    private final TransactionOperations<Connection> transactions;

    public RecordLocks(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /**
     * Makes sure the lock named {@code name} exists, in a transaction of its own: call it before
     * the transaction that takes the lock begins, so that one never waits for a second
     * connection of the pool while it holds the first.
     */
    public void prepare(String name) {
        ensure(key(name));
    }

    /**
     * Waits for the lock named {@code name}, {@link #prepare prepared} before, and holds it until
     * {@code c}'s transaction ends. (Not made here: a locking read of a missing row makes InnoDB
     * lock the gap, and the insert of the row would then wait for this transaction for good.)
     */
    public void lock(Connection c, String name) throws SQLException {
        String key = key(name);
        if (!select(c, key)) {
            throw new IllegalStateException("the lock " + key + " was not prepared before its transaction");
        }
    }

    private static boolean select(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT `lock_key` FROM `record_locks` WHERE `lock_key` = ? FOR UPDATE")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Creates the row unless it is there, in a transaction of its own. Not in the caller's: a
     * locking read of a missing row makes InnoDB lock the gap (which the insert would then wait
     * for), and a plain read there would fix the caller's snapshot before it holds the lock, so
     * what it reads next could miss the record of the writer it waited for.
     */
    private void ensure(String key) {
        try {
            transactions.execute(OWN, status -> {
                Connection own = status.getConnection();
                try (PreparedStatement find = own.prepareStatement(
                        "SELECT 1 FROM `record_locks` WHERE `lock_key` = ?")) {
                    find.setString(1, key);
                    try (ResultSet rs = find.executeQuery()) {
                        if (rs.next()) {
                            return null;
                        }
                    }
                    try (PreparedStatement insert = own.prepareStatement(
                            "INSERT INTO `record_locks` (`lock_key`) VALUES (?)")) {
                        insert.setString(1, key);
                        insert.executeUpdate();
                    }
                    return null;
                } catch (SQLException e) {
                    throw new StoreException(e);
                }
            });
        } catch (StoreException | DataAccessException e) {
            // another writer created it first: it is there either way
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    /** The name itself, or its digest when it is longer than the column. */
    static String key(String name) {
        if (name.length() <= MAX_KEY) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
