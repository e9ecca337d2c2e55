package dev.formation.it;

import dev.formation.store.Tx;
import dev.formation.testing.AppTestBase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two writers that lock the same two rows in opposite order deadlock; the database rolls one of
 * them back (SQLSTATE 40001). {@code store.Tx} runs the victim's transaction again from the start,
 * so both writes land, each exactly once, and no user sees an error for it.
 */
class DeadlockRetryIT extends AppTestBase {

    @Test
    void theDeadlockVictimRunsAgainAndBothWritesLandOnce() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE deadlock_probe (id INT PRIMARY KEY, n INT NOT NULL)");
            s.execute("INSERT INTO deadlock_probe (id, n) VALUES (1, 0), (2, 0)");
        }
        Tx tx = app.context().getBean(Tx.class);
        CountDownLatch bothHoldTheirFirstRow = new CountDownLatch(2);
        AtomicInteger attempts = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            done.add(writers.submit(() -> tx.write(c -> lockInOrder(c, 1, 2, bothHoldTheirFirstRow, attempts))));
            done.add(writers.submit(() -> tx.write(c -> lockInOrder(c, 2, 1, bothHoldTheirFirstRow, attempts))));
            for (Future<Integer> writer : done) {
                assertEquals(2, writer.get(60, TimeUnit.SECONDS), "each writer's transaction ends with both rows");
            }
        } finally {
            writers.shutdownNow();
        }
        assertTrue(attempts.get() >= 3, "one of the two was the victim and ran again: " + attempts.get() + " attempts");
        // each row was raised once per writer: the victim's rolled-back first attempt left nothing
        assertEquals(2, count("SELECT n FROM deadlock_probe WHERE id = 1"));
        assertEquals(2, count("SELECT n FROM deadlock_probe WHERE id = 2"));
    }

    @Test
    void aFailureThatIsNoDeadlockIsNotRunAgain() {
        Tx tx = app.context().getBean(Tx.class);
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(RuntimeException.class, () -> tx.write(c -> {
            attempts.incrementAndGet();
            try (Statement s = c.createStatement()) {
                s.execute("SELECT no_such_column FROM no_such_table");
            }
            return null;
        }));
        assertEquals(1, attempts.get());
    }

    /** Raises row {@code first}, waits until the other writer holds its own first row, then raises {@code second}. */
    private static int lockInOrder(Connection c, int first, int second, CountDownLatch bothHold, AtomicInteger attempts)
            throws SQLException {
        attempts.incrementAndGet();
        raise(c, first);
        bothHold.countDown();
        try {
            // on a retry the latch is open already: the victim then simply waits for the winner's commit
            assertTrue(bothHold.await(30, TimeUnit.SECONDS), "the other writer holds its row");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        raise(c, second);
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM deadlock_probe WHERE n > 0")) {
            var rs = ps.executeQuery();
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void raise(Connection c, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE deadlock_probe SET n = n + 1 WHERE id = ?")) {
            ps.setInt(1, id);
            ps.executeUpdate();
        }
    }
}
