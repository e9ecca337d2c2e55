package dev.formation.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The SQL the app process sent while an action ran, read from the server's general log (to its
 * log table, switched on only for the action and restored after). Only the statements of the
 * app's own connections count: those whose current database is the benchmark's, this one
 * excluded, so other databases on the shared server add nothing. Connector/J prepares
 * statements on the client, so each logged statement carries its values and can be replayed.
 */
final class SqlCapture {

    private SqlCapture() {
    }

    /** The statements in the order the server received them. */
    static List<String> during(BenchData data, ThrowingRunnable action) throws Exception {
        try (Connection c = data.connect(); Statement s = c.createStatement()) {
            String logWas;
            String outputWas;
            try (ResultSet rs = s.executeQuery("SELECT @@global.general_log, @@global.log_output")) {
                rs.next();
                logWas = rs.getString(1);
                outputWas = rs.getString(2);
            }
            Timestamp from;
            try (ResultSet rs = s.executeQuery("SELECT NOW(6)")) {
                rs.next();
                from = rs.getTimestamp(1);
            }
            s.execute("SET GLOBAL log_output = 'TABLE'");
            s.execute("SET GLOBAL general_log = 1");
            try {
                action.run();
            } finally {
                s.execute("SET GLOBAL general_log = " + ("1".equals(logWas) || "ON".equalsIgnoreCase(logWas) ? 1 : 0));
                s.execute("SET GLOBAL log_output = '" + outputWas.replace("'", "") + "'");
            }
            Set<Long> app = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT `ID` FROM information_schema.PROCESSLIST WHERE `DB` = ?"
                    + " AND `ID` <> CONNECTION_ID()")) {
                ps.setString(1, data.database);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        app.add(rs.getLong(1));
                    }
                }
            }
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT `thread_id`, CONVERT(`argument` USING utf8mb4)"
                    + " FROM mysql.general_log WHERE `event_time` >= ? AND `command_type` IN ('Query', 'Execute')"
                    + " ORDER BY `event_time`")) {
                ps.setTimestamp(1, from);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (app.contains(rs.getLong(1))) {
                            out.add(rs.getString(2));
                        }
                    }
                }
            }
            if (!"1".equals(logWas) && !"ON".equalsIgnoreCase(logWas)) {
                // nobody logs on this server but captures like this one: keep the log table small
                s.execute("TRUNCATE TABLE mysql.general_log");
            }
            return out;
        }
    }

    /** The server's {@code Questions} counter: every statement any client sent it. */
    static long questions(BenchData data) throws SQLException {
        try (Connection c = data.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Questions'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    /** Runs the statements over one JDBC connection as the app sent them, reading every row of each result. */
    static void replay(Connection c, List<String> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                if (s.execute(sql)) {
                    try (ResultSet rs = s.getResultSet()) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int i = 1; i <= columns; i++) {
                                rs.getObject(i);
                            }
                        }
                    }
                }
            }
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
