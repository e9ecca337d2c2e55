package dev.formation.store;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs store work in a transaction shared with Micronaut Data repositories, so a record, its
 * child rows and its audit entry commit or roll back together.
 * <p>
 * A write transaction the database rolled back to break a deadlock (SQLSTATE 40001: InnoDB picks
 * a victim when two writers, or a writer and an online index build, lock rows in opposite order)
 * is run again from the start, a few times, instead of failing the user's request: the rollback
 * left nothing behind, so running the work again is what a user pressing "save" again would do.
 */
@Singleton
public class Tx {

    /** Store work that may throw SQLException. */
    @FunctionalInterface
    public interface Work<R> {
        R run(Connection connection) throws SQLException;
    }

    /** Attempts of a write transaction that keeps being chosen as a deadlock's victim. */
    static final int WRITE_ATTEMPTS = 4;

    /** MySQL's and MariaDB's ER_LOCK_DEADLOCK. */
    private static final int MYSQL_DEADLOCK = 1213;

    private static final Logger LOG = LoggerFactory.getLogger(Tx.class);

    private final TransactionOperations<Connection> transactions;
    private final DataVersion dataVersion;

    public Tx(TransactionOperations<Connection> transactions, DataVersion dataVersion) {
        this.transactions = transactions;
        this.dataVersion = dataVersion;
    }

    /**
     * The connection of the savepoint {@link #nested} work runs behind, on this thread. Writes and
     * reads inside it use it plainly: a joined transaction that failed would mark the whole
     * transaction rollback-only, where the savepoint is there to undo only the failed part.
     */
    private static final ThreadLocal<Connection> BEHIND_SAVEPOINT = new ThreadLocal<>();

    /** Runs the work in a write transaction (joining one under way); the data version moves on once it returns. */
    public <R> R write(Work<R> work) {
        Connection behindSavepoint = BEHIND_SAVEPOINT.get();
        if (behindSavepoint != null) {
            try {
                return call(work, behindSavepoint);
            } finally {
                dataVersion.advance();
            }
        }
        // only the outermost transaction may start over: a joined one's rollback is its owner's
        boolean outermost = transactions.findTransactionStatus().isEmpty();
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.executeWrite(status -> call(work, status.getConnection()));
            } catch (RuntimeException e) {
                if (!outermost || attempt >= WRITE_ATTEMPTS || !isDeadlockVictim(e)) {
                    throw e;
                }
                LOG.warn("write transaction chosen as a deadlock victim; running it again (attempt {} of {})",
                        attempt + 1, WRITE_ATTEMPTS);
                // a short random pause, so that the two writers do not meet again in step
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000_000L, 20_000_000L * attempt));
            } finally {
                // after the commit, also after a rollback (harmless: a cache entry is merely recomputed)
                dataVersion.advance();
            }
        }
    }

    /**
     * Whether the failure is the database breaking a deadlock (or a serialization conflict). Not a
     * lock wait timeout (MySQL 1205, which Connector/J also reports as 40001): that one waited its
     * full time already, and running it again would make the user wait as long once more.
     */
    public static boolean isDeadlockVictim(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == MYSQL_DEADLOCK
                    || "40001".equals(sql.getSQLState()) && sql.getErrorCode() != Database.MYSQL_LOCK_WAIT_TIMEOUT)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs the work inside the caller's write transaction behind a savepoint: when it fails, what it
     * wrote is rolled back and the caller's transaction goes on. For a batch (an import) that
     * stores many records in one transaction, so that one bad record leaves nothing behind
     * without undoing the others.
     */
    public <R> R nested(Work<R> work) {
        Connection connection = (Connection) transactions.findTransactionStatus()
                .orElseThrow(() -> new IllegalStateException("nested work needs a write transaction under way"))
                .getConnection();
        Connection outer = BEHIND_SAVEPOINT.get();
        try {
            // a JDBC savepoint of our own: Micronaut's NESTED propagation marks the whole
            // transaction rollback-only once a participant inside it fails
            Savepoint savepoint = connection.setSavepoint();
            BEHIND_SAVEPOINT.set(connection);
            try {
                // not released: the commit ends it, and a RELEASE would be one more round trip per row
                return work.run(connection);
            } catch (RuntimeException | SQLException | Error e) {
                connection.rollback(savepoint);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        } finally {
            if (outer == null) {
                BEHIND_SAVEPOINT.remove();
            } else {
                BEHIND_SAVEPOINT.set(outer);
            }
        }
    }

    /**
     * Runs the work in a write transaction that is always rolled back: a rehearsal (a dry run)
     * sees its own writes, so every check answers as it would, and leaves nothing behind.
     */
    public <R> R rehearse(Work<R> work) {
        try {
            return transactions.executeWrite(status -> {
                R result = call(work, status.getConnection());
                status.setRollbackOnly();
                return result;
            });
        } finally {
            dataVersion.advance();
        }
    }

    public <R> R read(Work<R> work) {
        Connection behindSavepoint = BEHIND_SAVEPOINT.get();
        if (behindSavepoint != null) {
            return call(work, behindSavepoint);
        }
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
