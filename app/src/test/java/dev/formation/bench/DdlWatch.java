package dev.formation.bench;

import dev.formation.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the server's process list while a publish runs, to tell where its time goes: how long
 * each ALTER TABLE / CREATE INDEX the app sent was seen running, and how much of that it spent
 * waiting for the table's metadata lock (held by requests in flight on the table) rather than
 * changing the table (the server's word for its state; requests may well keep flowing meanwhile). Sampled every {@link #EVERY_MS} ms (later when the machine is busy), so
 * the figures are about that precise.
 */
final class DdlWatch implements AutoCloseable {

    static final int EVERY_MS = 20;
    private static final String METADATA_LOCK = "Waiting for table metadata lock";

    /** One DDL statement as seen: its text, how long the server said it ran, how long it waited for the lock. */
    record Seen(String sql, long runMillis, long lockWaitMillis) {
    }

    private final Connection connection;
    private final PreparedStatement query;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-ddl-watch");
        t.setDaemon(true);
        return t;
    });
    private final Map<Long, long[]> statements = new LinkedHashMap<>();
    private final Map<Long, String> texts = new LinkedHashMap<>();
    private volatile String error;

    DdlWatch(TestDatabase db) throws SQLException {
        this.connection = db.connect();
        this.query = connection.prepareStatement("SELECT `ID`, `TIME_MS`, `STATE`, `INFO` FROM information_schema.PROCESSLIST"
                + " WHERE `DB` = DATABASE() AND (`INFO` LIKE 'ALTER TABLE%' OR `INFO` LIKE 'CREATE %INDEX%')");
        poller.scheduleAtFixedRate(this::poll, 0, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    private synchronized void poll() {
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                // a connection runs one statement at a time: its id and text name it
                long key = rs.getLong(1) * 31 + rs.getString(4).hashCode();
                long[] seen = statements.computeIfAbsent(key, k -> new long[]{0, -1, -1});
                texts.putIfAbsent(key, rs.getString(4));
                seen[0] = Math.max(seen[0], (long) rs.getDouble(2));
                if (METADATA_LOCK.equals(rs.getString(3))) {
                    long now = System.nanoTime();
                    seen[1] = seen[1] < 0 ? now : seen[1];
                    seen[2] = now;
                }
            }
        } catch (SQLException e) {
            error = e.getMessage();
        }
    }

    /** What was seen since the last call, and forgets it. */
    synchronized List<Seen> drain() {
        List<Seen> out = new ArrayList<>();
        statements.forEach((key, seen) -> out.add(new Seen(texts.get(key), seen[0],
                seen[1] < 0 ? 0 : (seen[2] - seen[1]) / 1_000_000 + EVERY_MS)));
        statements.clear();
        texts.clear();
        return out;
    }

    String error() {
        return error;
    }

    @Override
    public void close() throws SQLException {
        poller.shutdownNow();
        synchronized (this) {
            connection.close();
        }
    }
}
