package dev.formation.store;

import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.NoOverlap;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL of a form's {@link NoOverlap}: another live record of the group whose range shares a day. */
@Singleton
public class OverlapStore {

    /**
     * The id of a live record (other than {@code exceptId}) with the same {@code per} values whose
     * range [start, end] meets [{@code start}, {@code end}], the one starting first.
     */
    public Optional<Long> overlapping(Connection c, Form form, NoOverlap rule, Map<String, Object> candidate,
                                      Long exceptId) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT `id` FROM " + SqlNames.q(SqlNames.table(form))
                + " WHERE `deleted_at` IS NULL");
        List<Object> params = new ArrayList<>();
        for (String key : rule.per()) {
            sql.append(" AND ").append(SqlNames.q(key)).append(" = ?");
            params.add(column(form, key, candidate.get(key)));
        }
        sql.append(" AND ").append(SqlNames.q(rule.start())).append(" <= ? AND ")
                .append(SqlNames.q(rule.end())).append(" >= ?");
        params.add(column(form, rule.end(), candidate.get(rule.end())));
        params.add(column(form, rule.start(), candidate.get(rule.start())));
        if (exceptId != null) {
            sql.append(" AND `id` <> ?");
            params.add(exceptId);
        }
        sql.append(" ORDER BY ").append(SqlNames.q(rule.start())).append(", `id` LIMIT 1");
        if (!c.isReadOnly()) {
            // a locking read sees the latest rows whatever the transaction's snapshot (MySQL's
            // repeatable read): a writer that joined a transaction which had read before still
            // sees the record of the writer it waited for on the group's lock
            sql.append(" FOR UPDATE");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ValueCodec.bindAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** A value as its column holds it (a date as a date); a platform column's as it is. */
    private static Object column(Form form, String key, Object value) {
        Field field = form.field(key).orElse(null);
        if (field == null || value == null) {
            return value;
        }
        return ValueCodec.toColumns(field, value).get(key);
    }
}
