package dev.formation.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs schema changes while the app serves. On MySQL/MariaDB an {@code ALTER TABLE} is first
 * tried with {@code ALGORITHM=INSTANT} where the server has it (MariaDB 10.3.2+, MySQL 8.0.12+,
 * TiDB), then with {@code ALGORITHM=INPLACE, LOCK=NONE}; the server refuses an algorithm it
 * cannot honour instead of silently locking the table, so each refusal is logged and the next
 * way tried. A plain {@code ALTER} (which may copy the table and block writes) runs only when
 * the caller allows going offline. H2 has no such clauses: its plain {@code ALTER} is the
 * equivalent, a short table lock.
 *
 * <p>{@link #predict} says beforehand which way a step will take, so a publish plan can show
 * it before anything runs.
 *
 * <p>Even an INSTANT change needs the table's metadata lock for a moment, and while it waits for
 * a long statement (a report over a million rows) to end, every new statement on the table queues
 * behind it: the app would stall. So each try waits at most {@value #LOCK_WAIT_SECONDS} s for the
 * lock, steps aside to let the queue through, and asks again (the way gh-ost and pt-online-schema-change
 * cut over), up to {@value #LOCK_ATTEMPTS} times.
 */
public final class OnlineDdl {

    private static final Logger LOG = LoggerFactory.getLogger(OnlineDdl.class);

    static final int LOCK_WAIT_SECONDS = 2;
    static final int LOCK_ATTEMPTS = 30;
    private static final long PAUSE_BETWEEN_ATTEMPTS_NANOS = 200_000_000L;
    private static final Pattern NUMBERS = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    /** How a step runs: {@code INSTANT}, {@code INPLACE} (with {@code LOCK=NONE}), {@code COPY}, or H2's {@code PLAIN}. */
    public enum Method { INSTANT, INPLACE, COPY, PLAIN }

    /** What a step does to a table. */
    public enum Change { CREATE_TABLE, ADD_COLUMN, ADD_INDEX, WIDEN_COLUMN, CHANGE_TYPE }

    /**
     * The way a step is expected to run.
     *
     * @param online whether requests keep reading and writing the table while it runs
     * @param why    a short English reason when it cannot run online
     */
    public record Way(Method method, boolean online, String why) {
    }

    /** The server: its family and version, read once per connection. */
    public record Server(Database db, boolean mariaDb, boolean tidb, int major, int minor, int patch) {

        /** Reads {@code SELECT VERSION()}, e.g. {@code 10.11.6-MariaDB}, {@code 8.0.36}, {@code 8.0.11-TiDB-v7.5.0}. */
        public static Server of(Connection c) throws SQLException {
            Database db = Database.of(c);
            if (db == Database.H2) {
                return new Server(db, false, false, 0, 0, 0);
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
                rs.next();
                return parse(rs.getString(1));
            }
        }

        static Server parse(String version) {
            String v = version == null ? "" : version;
            // MariaDB may present itself as 5.5.5-10.x to old MySQL clients
            if (v.startsWith("5.5.5-")) {
                v = v.substring(6);
            }
            String lower = v.toLowerCase(Locale.ROOT);
            Matcher m = NUMBERS.matcher(v);
            int[] n = m.find() ? new int[]{Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))} : new int[]{0, 0, 0};
            return new Server(Database.MYSQL, lower.contains("mariadb"), lower.contains("tidb"), n[0], n[1], n[2]);
        }

        boolean atLeast(int major, int minor, int patch) {
            return this.major != major ? this.major > major : this.minor != minor ? this.minor > minor : this.patch >= patch;
        }

        /** ADD COLUMN without touching the rows: MariaDB 10.3.2+, MySQL 8.0.12+, TiDB. */
        public boolean instantAddColumn() {
            if (db == Database.H2) {
                return false;
            }
            return tidb || (mariaDb ? atLeast(10, 3, 2) : atLeast(8, 0, 12));
        }

        /** MariaDB before 10.3 and MySQL before 8.0 do not even parse {@code ALGORITHM=INSTANT}. */
        boolean knowsInstant() {
            return tidb || (mariaDb ? atLeast(10, 3, 0) : atLeast(8, 0, 0));
        }
    }

    private final Server server;

    public OnlineDdl(Server server) {
        this.server = server;
    }

    public Server server() {
        return server;
    }

    /**
     * The way a step will run.
     *
     * @param rows         the rows of the table (0 for a table still to create)
     * @param indexMaxRows above this many rows an index is not built while the app serves
     * @param inPlace      for a widened column: whether the server can widen it without a copy
     */
    public Way predict(Change change, long rows, long indexMaxRows, boolean inPlace) {
        Method online = server.db() == Database.H2 ? Method.PLAIN : Method.INPLACE;
        return switch (change) {
            case CREATE_TABLE -> new Way(server.db() == Database.H2 ? Method.PLAIN : Method.INSTANT, true, null);
            case ADD_COLUMN -> new Way(server.instantAddColumn() ? Method.INSTANT : online, true, null);
            case ADD_INDEX -> rows > indexMaxRows
                    ? new Way(online, false, "an index over " + rows + " rows (more than " + indexMaxRows
                    + ", formation.metadata.online-index-rows) takes long to build")
                    : new Way(online, true, null);
            case WIDEN_COLUMN -> inPlace || rows == 0 ? new Way(online, true, null)
                    : new Way(server.db() == Database.H2 ? Method.PLAIN : Method.COPY, false,
                    "the column's new type makes the database copy the table");
            case CHANGE_TYPE -> rows == 0 ? new Way(server.db() == Database.H2 ? Method.PLAIN : Method.COPY, true, null)
                    : new Way(server.db() == Database.H2 ? Method.PLAIN : Method.COPY, false,
                    "a type change copies the table and blocks writes while it runs");
        };
    }

    /**
     * Runs {@code ALTER TABLE <table> <clause>} the most online way the server takes, each try on
     * a connection of its own.
     *
     * @param change  what it does: only a column's change can be INSTANT, so an index starts at INPLACE
     * @param offline whether a plain ALTER (which may block writes) may run when no online way is taken
     * @return the way it ran
     * @throws SQLException the server's refusal of the last way tried
     */
    public Method alter(DirectConnections connections, String table, String clause, Change change, boolean offline)
            throws SQLException {
        String base = "ALTER TABLE " + SqlNames.q(table) + " " + clause;
        if (server.db() == Database.H2) {
            try (Connection c = connections.open()) {
                execute(c, base);
            }
            return Method.PLAIN;
        }
        List<Object[]> ways = new ArrayList<>();
        if (server.knowsInstant() && change != Change.ADD_INDEX) {
            ways.add(new Object[]{Method.INSTANT, base + ", ALGORITHM=INSTANT"});
        }
        ways.add(new Object[]{Method.INPLACE, base + ", ALGORITHM=INPLACE, LOCK=NONE"});
        if (offline) {
            ways.add(new Object[]{Method.COPY, base});
        }
        SQLException last = null;
        for (Object[] way : ways) {
            for (int attempt = 1; ; attempt++) {
                // a connection of its own each time: the pool closes one whose statement was refused as not supported (0A000)
                try (Connection c = connections.open()) {
                    c.setAutoCommit(true);
                    limitLockWait(c, LOCK_WAIT_SECONDS);
                    try {
                        execute(c, (String) way[1]);
                        return (Method) way[0];
                    } finally {
                        // the connection goes back to the pool: the app's own statements wait as configured
                        limitLockWait(c, -1);
                    }
                } catch (SQLException e) {
                    if (Database.isUniqueViolation(e)) {
                        throw e;
                    }
                    if (Database.isLockWaitTimeout(e)) {
                        if (attempt >= LOCK_ATTEMPTS) {
                            throw new SQLException("cannot change " + table + " (" + clause + "): a statement has kept the"
                                    + " table busy for over " + LOCK_ATTEMPTS * LOCK_WAIT_SECONDS + " s; publish again"
                                    + " when it has ended", e.getSQLState(), e.getErrorCode(), e);
                        }
                        // let the requests queued behind our lock request through, then ask again
                        LOG.info("{} {}: the table is busy (a statement holds its metadata lock); asking again ({} of {})",
                                table, clause, attempt + 1, LOCK_ATTEMPTS);
                        LockSupport.parkNanos(PAUSE_BETWEEN_ATTEMPTS_NANOS);
                        continue;
                    }
                    LOG.info("{} {}: the server did not take {} ({}); trying the next way", table, clause, way[0],
                            e.getMessage());
                    last = e;
                    break;
                }
            }
        }
        throw new SQLException("cannot change " + table + " while the app serves (" + clause + "): "
                + last.getMessage() + (offline ? "" : "; publish with {\"offline\": true} to allow a blocking change"),
                last.getSQLState(), last.getErrorCode(), last);
    }

    /** A statement that needs no algorithm (a new table, an index on a table just created). */
    public void run(Connection c, String ddl) throws SQLException {
        execute(c, ddl);
    }

    /** @param seconds the session's lock wait, or -1 for the server's default */
    private static void limitLockWait(Connection c, int seconds) {
        try {
            execute(c, "SET SESSION lock_wait_timeout = " + (seconds < 0 ? "DEFAULT" : Integer.toString(seconds)));
        } catch (SQLException e) {
            // a MySQL-compatible server without the variable: the ALTER then waits as the server decides
            LOG.info("the server does not take lock_wait_timeout ({}); a schema change waits as long as it must",
                    e.getMessage());
        }
    }

    private static void execute(Connection c, String ddl) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(ddl);
        }
    }
}
