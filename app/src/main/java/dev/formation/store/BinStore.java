package dev.formation.store;

import dev.formation.form.Field;
import dev.formation.form.Form;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of the recycle bin and of delete rules: which records refer to one through a field,
 * clearing such references, bringing a deleted record back, and removing one for good. A
 * deleted record keeps its sub-table rows, shares and owners, so a restore needs only clear
 * its {@code deleted_at}; a purge removes them all (the audit entries stay).
 */
@Singleton
public class BinStore {

    /** Ids of the live records of {@code form} whose {@code field} refers to record {@code id}, in id order. */
    public List<Long> liveReferring(Connection c, Form form, Field field, long id) throws SQLException {
        return ids(c, "SELECT `id` FROM " + SqlNames.q(SqlNames.table(form)) + " WHERE " + SqlNames.q(field.key())
                + " = ? AND `deleted_at` IS NULL ORDER BY `id` FOR UPDATE", List.of(id));
    }

    /**
     * Ids of the records of {@code form} that went to the bin in the same delete as record
     * {@code id} (referring to it through {@code field}, deleted at the same second by the same user).
     */
    public List<Long> deletedWith(Connection c, Form form, Field field, long id, LocalDateTime deletedAt, String by)
            throws SQLException {
        return ids(c, "SELECT `id` FROM " + SqlNames.q(SqlNames.table(form)) + " WHERE " + SqlNames.q(field.key())
                + " = ? AND `deleted_at` = ? AND `updated_by` = ? ORDER BY `id`", List.of(id, deletedAt, by));
    }

    /** Clears the reference of live records to a record being deleted; each record's version moves on. */
    public void unlink(Connection c, Form form, Field field, long recordId, String by, LocalDateTime at)
            throws SQLException {
        String sql = "UPDATE " + SqlNames.q(SqlNames.table(form)) + " SET " + SqlNames.q(field.key()) + " = NULL, "
                + "`updated_by` = ?, `updated_at` = ?, `version` = `version` + 1 WHERE `id` = ? AND `deleted_at` IS NULL";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ValueCodec.bindAll(ps, List.of(by, at, recordId));
            ps.executeUpdate();
        }
    }

    /** Soft-deletes a live record whatever its version (a cascade follows the record it goes with). */
    public boolean softDelete(Connection c, Form form, long id, String by, LocalDateTime at) throws SQLException {
        String sql = "UPDATE " + SqlNames.q(SqlNames.table(form)) + " SET `deleted_at` = ?, `updated_by` = ?, "
                + "`updated_at` = ?, `version` = `version` + 1 WHERE `id` = ? AND `deleted_at` IS NULL";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ValueCodec.bindAll(ps, List.of(at, by, at, id));
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Brings a deleted record back with an owner (null: nobody, the pool) and, when given, a
     * status. False when it is no longer in the bin (restored or purged meanwhile).
     */
    public boolean restore(Connection c, Form form, long id, String owner, String status, String by, LocalDateTime at)
            throws SQLException {
        String sql = "UPDATE " + SqlNames.q(SqlNames.table(form)) + " SET `deleted_at` = NULL, `owner` = ?, "
                + "`status` = COALESCE(?, `status`), `updated_by` = ?, `updated_at` = ?, `version` = `version` + 1 "
                + "WHERE `id` = ? AND `deleted_at` IS NOT NULL";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ValueCodec.bindAll(ps, Arrays.asList(owner, status, by, at, id));
            return ps.executeUpdate() == 1;
        }
    }

    /** Removes a deleted record for good: its sub-table rows, owners, shares and row. False if it is not in the bin. */
    public boolean purge(Connection c, Form form, long id) throws SQLException {
        if (!ids(c, "SELECT `id` FROM " + SqlNames.q(SqlNames.table(form)) + " WHERE `id` = ? AND `deleted_at` IS NOT NULL"
                + " FOR UPDATE", List.of(id)).contains(id)) {
            return false;
        }
        for (Field table : form.tableFields()) {
            execute(c, "DELETE FROM " + SqlNames.q(SqlNames.childTable(form, table)) + " WHERE `record_id` = ?", List.of(id));
        }
        execute(c, "DELETE FROM `record_owners` WHERE `form_key` = ? AND `record_id` = ?", List.of(form.key(), id));
        execute(c, "DELETE FROM `record_shares` WHERE `form_key` = ? AND `record_id` = ?", List.of(form.key(), id));
        execute(c, "DELETE FROM " + SqlNames.q(SqlNames.table(form)) + " WHERE `id` = ?", List.of(id));
        return true;
    }

    /** Whether a user exists and may log in: a record of a disabled or removed user goes to nobody. */
    public boolean activeUser(Connection c, String username) throws SQLException {
        if (username == null) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT `enabled` FROM `users` WHERE `username` = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The reference field's value on a record, deleted or not. */
    public Optional<Long> reference(Connection c, Form form, long id, Field field) throws SQLException {
        String sql = "SELECT " + SqlNames.q(field.key()) + " FROM " + SqlNames.q(SqlNames.table(form)) + " WHERE `id` = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long value = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(value);
            }
        }
    }

    private static void execute(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ValueCodec.bindAll(ps, params);
            ps.executeUpdate();
        }
    }

    private static List<Long> ids(Connection c, String sql, List<Object> params) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ValueCodec.bindAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }
}
