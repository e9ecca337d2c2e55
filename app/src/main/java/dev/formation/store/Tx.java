package dev.formation.store;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs store work in a transaction shared with Micronaut Data repositories, so a record, its
 * child rows and its audit entry commit or roll back together.
 */
@Singleton
public class Tx {

    /** Store work that may throw SQLException. */
    @FunctionalInterface
    public interface Work<R> {
        R run(Connection connection) throws SQLException;
    }

    private final TransactionOperations<Connection> transactions;
    private final DataVersion dataVersion;

    public Tx(TransactionOperations<Connection> transactions, DataVersion dataVersion) {
        this.transactions = transactions;
        this.dataVersion = dataVersion;
    }

    /** Runs the work in a write transaction (joining one under way); the data version moves on once it returns. */
    public <R> R write(Work<R> work) {
        try {
            return transactions.executeWrite(status -> call(work, status.getConnection()));
        } finally {
            // after the commit, also after a rollback (harmless: a cache entry is merely recomputed)
            dataVersion.advance();
        }
    }

    public <R> R read(Work<R> work) {
        return transactions.executeRead(status -> call(work, status.getConnection()));
    }

    private static <R> R call(Work<R> work, Connection connection) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
