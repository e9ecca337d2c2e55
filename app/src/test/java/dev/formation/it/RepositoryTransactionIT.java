package dev.formation.it;

import dev.formation.security.AuditQuery;
import dev.formation.security.AuditTrail;
import dev.formation.store.Tx;
import dev.formation.testing.AppTestBase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The repositories of the platform's tables and the hand-written SQL of the record tables run on
 * one connection in one transaction ({@code store.Tx}): each sees what the other wrote before the
 * commit, and a failure rolls back both, as a record write with its audit entry needs.
 */
class RepositoryTransactionIT extends AppTestBase {

    private static final String FORM = "repository_probe";

    @Test
    void aRepositorySeesWhatHandWrittenSqlWroteInTheSameTransaction() {
        Tx tx = app.context().getBean(Tx.class);
        AuditQuery query = app.context().getBean(AuditQuery.class);
        int seen = tx.write(c -> {
            insertAudit(c, 1);
            return query.history(FORM, 1).size();
        });
        assertEquals(1, seen, "read through the repository before the commit");
    }

    @Test
    void aFailureRollsBackTheHandWrittenRowAndTheRepositoryRowTogether() {
        Tx tx = app.context().getBean(Tx.class);
        AuditTrail audit = app.context().getBean(AuditTrail.class);
        assertThrows(IllegalStateException.class, () -> tx.write(c -> {
            insertAudit(c, 2);
            audit.record("admin", null, "probe", FORM, 2L, Map.of("x", List.of(1, 2)), now());
            throw new IllegalStateException("the write fails after both rows");
        }));
        assertEquals(0, count("SELECT COUNT(*) FROM audit_log WHERE form_key = ? AND record_id = ?", FORM, 2));

        tx.write(c -> {
            insertAudit(c, 3);
            audit.record("admin", null, "probe", FORM, 3L, Map.of("x", List.of(1, 2)), now());
            return null;
        });
        assertEquals(2, count("SELECT COUNT(*) FROM audit_log WHERE form_key = ? AND record_id = ?", FORM, 3));
    }

    @Test
    void aTimeWrittenThroughARepositoryIsTheTimeTheDatabaseHolds() {
        // the test database's connections run in another zone than the JVM (serverTimezone) on MariaDB
        LocalDateTime at = LocalDateTime.of(2026, 3, 4, 5, 6, 7);
        Tx tx = app.context().getBean(Tx.class);
        AuditTrail audit = app.context().getBean(AuditTrail.class);
        tx.write(c -> {
            audit.record("admin", null, "probe", FORM, 4L, null, at);
            return null;
        });
        assertEquals(1, count("SELECT COUNT(*) FROM audit_log WHERE form_key = ? AND record_id = ? AND `at` = ?", FORM, 4,
                at));
        AuditQuery query = app.context().getBean(AuditQuery.class);
        assertEquals(at.toString(), query.history(FORM, 4).get(0).get("at"));
    }

    /** A row written the way the record store writes: plain JDBC on the transaction's connection. */
    private void insertAudit(Connection c, long recordId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO `audit_log` (`at`, `username`, `action`, "
                + "`form_key`, `record_id`) VALUES (?, 'admin', 'probe', ?, ?)")) {
            ps.setObject(1, now());
            ps.setString(2, FORM);
            ps.setLong(3, recordId);
            ps.executeUpdate();
        }
    }
}
