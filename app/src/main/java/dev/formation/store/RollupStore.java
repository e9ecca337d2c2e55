package dev.formation.store;

import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.Rollup;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The SQL of rollup fields. Each value is set by one UPDATE whose SET is a correlated SELECT
 * aggregate over the other form's live rows (found through the reference column's index), so
 * it is exact whatever happened before and cannot drift; the same statement without an id
 * list rebuilds a whole form. The parent's version and timestamps are left alone: a derived
 * value changing is not an edit of the record, and must not make an open edit form stale.
 */
@Singleton
public class RollupStore {

    /**
     * Recomputes rollup fields of {@code parent} that aggregate the same form through the same
     * reference field.
     *
     * @param ids the parent records to recompute; null for every row of the parent's table
     * @return how many parent rows were written
     */
    public int recompute(Connection c, Form parent, Form child, List<Field> fields, Collection<Long> ids)
            throws SQLException {
        if (fields.isEmpty() || ids != null && ids.isEmpty()) {
            return 0;
        }
        String p = SqlNames.q(SqlNames.table(parent));
        StringJoiner set = new StringJoiner(", ");
        List<Object> params = new ArrayList<>();
        for (Field field : fields) {
            set.add(SqlNames.q(field.key()) + " = " + aggregate(p, child, field.rollup(), params));
        }
        String sql = "UPDATE " + p + " SET " + set;
        if (ids != null) {
            sql += " WHERE `id` IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
            params.addAll(ids.stream().sorted().toList());
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ValueCodec.bindAll(ps, params);
            return ps.executeUpdate();
        }
    }

    /** The correlated subquery giving one rollup's value for the parent row {@code p}. */
    private static String aggregate(String p, Form child, Rollup r, List<Object> params) {
        String t = SqlNames.q(SqlNames.table(child));
        StringBuilder where = new StringBuilder(" FROM " + t + " WHERE " + t + "." + SqlNames.q(r.via()) + " = " + p
                + ".`id` AND " + t + ".`deleted_at` IS NULL");
        r.where().forEach((key, values) -> {
            where.append(" AND ").append(t).append('.').append(SqlNames.q(key)).append(" IN (")
                    .append(String.join(", ", Collections.nCopies(values.size(), "?"))).append(')');
            params.addAll(values);
        });
        String of = r.of() == null ? null : t + "." + SqlNames.q(r.of());
        return switch (r.op()) {
            case COUNT -> "(SELECT COUNT(*)" + where + ")";
            case SUM -> "(SELECT COALESCE(SUM(" + of + "), 0)" + where + ")";
            case MAX -> "(SELECT MAX(" + of + ")" + where + ")";
            case MIN -> "(SELECT MIN(" + of + ")" + where + ")";
            case LATEST -> "(SELECT " + of + where + " ORDER BY " + t + "." + SqlNames.q(r.by() == null ? "id" : r.by())
                    + " DESC, " + t + ".`id` DESC LIMIT 1)";
        };
    }

    /** Ids of every row of the form's table, deleted ones too (their values are kept right for a restore). */
    public List<Long> ids(Connection c, Form form) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT `id` FROM " + SqlNames.q(SqlNames.table(form))
                + " ORDER BY `id`"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /** The stored values of some fields of one row (any row, deleted too), or an empty map when there is none. */
    public Map<String, Object> values(Connection c, Form form, long id, List<Field> fields) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + SqlNames.q(SqlNames.table(form))
                + " WHERE `id` = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    for (Field f : fields) {
                        out.put(f.key(), ValueCodec.fromColumns(f, rs));
                    }
                }
            }
        }
        return out;
    }

    /** Writes derived values (fields computed from rollups) without touching the row's version. */
    public void write(Connection c, Form form, long id, Map<Field, Object> values) throws SQLException {
        if (values.isEmpty()) {
            return;
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        values.forEach((field, value) -> columns.putAll(ValueCodec.toColumns(field, value)));
        StringJoiner set = new StringJoiner(", ");
        List<Object> params = new ArrayList<>();
        columns.forEach((column, value) -> {
            set.add(SqlNames.q(column) + " = ?");
            params.add(value);
        });
        params.add(id);
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + SqlNames.q(SqlNames.table(form)) + " SET " + set
                + " WHERE `id` = ?")) {
            ValueCodec.bindAll(ps, params);
            ps.executeUpdate();
        }
    }
}
