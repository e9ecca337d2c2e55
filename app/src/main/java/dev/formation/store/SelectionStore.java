package dev.formation.store;

import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import dev.formation.form.RecordSelection;
import dev.formation.form.Rollup;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of {@link RecordSelection}s: one person's live records of a form whose date lies in
 * a period, counted, summed or listed. A date-time column is compared from the first day's
 * midnight to (not including) the midnight after the last day, so the index on it serves.
 */
@Singleton
public class SelectionStore {

    /** The count, or the sum of {@code of} (0 when there are none), of the selected records. */
    public BigDecimal aggregate(Connection c, Form form, RecordSelection selection, String person, LocalDate from,
                                LocalDate to, Rollup.Op op, String of) throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = where(form, selection, person, from, to, params);
        String value = op == Rollup.Op.SUM ? "COALESCE(SUM(" + SqlNames.q(of) + "), 0)" : "COUNT(*)";
        try (PreparedStatement ps = c.prepareStatement("SELECT " + value + " FROM "
                + SqlNames.q(SqlNames.table(form)) + where)) {
            ValueCodec.bindAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                BigDecimal result = rs.getBigDecimal(1);
                return result == null ? BigDecimal.ZERO : result;
            }
        }
    }

    /**
     * The selected records, oldest first, at most {@code limit}: each with its id and the
     * values of {@code columns} (fields of the form, or platform columns).
     */
    public List<Map<String, Object>> rows(Connection c, Form form, RecordSelection selection, String person,
                                          LocalDate from, LocalDate to, List<String> columns, int limit)
            throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = where(form, selection, person, from, to, params);
        String sql = "SELECT * FROM " + SqlNames.q(SqlNames.table(form)) + where + " ORDER BY "
                + SqlNames.q(selection.date()) + ", `id` LIMIT " + limit;
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ValueCodec.bindAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put(PlatformColumns.ID, rs.getLong(PlatformColumns.ID));
                    for (String column : columns) {
                        Field field = form.field(column).orElse(null);
                        row.put(column, field != null ? ValueCodec.fromColumns(field, rs)
                                : column.endsWith("_at") ? ValueCodec.dateTime(rs, column) : rs.getObject(column));
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    private static String where(Form form, RecordSelection s, String person, LocalDate from, LocalDate to,
                                List<Object> params) {
        String date = SqlNames.q(s.date());
        StringBuilder where = new StringBuilder(" WHERE `deleted_at` IS NULL AND " + SqlNames.q(s.person()) + " = ?");
        params.add(person);
        if (isDateTime(form, s.date())) {
            where.append(" AND ").append(date).append(" >= ? AND ").append(date).append(" < ?");
            params.add(from.atStartOfDay());
            params.add(to.plusDays(1).atStartOfDay());
        } else {
            where.append(" AND ").append(date).append(" >= ? AND ").append(date).append(" <= ?");
            params.add(from);
            params.add(to);
        }
        s.where().forEach((key, values) -> {
            where.append(" AND ").append(SqlNames.q(key)).append(" IN (")
                    .append(String.join(", ", Collections.nCopies(values.size(), "?"))).append(')');
            params.addAll(values);
        });
        return where.toString();
    }

    private static boolean isDateTime(Form form, String column) {
        return form.field(column).map(f -> f.valueType() == FieldType.DATETIME).orElse(true);
    }
}
