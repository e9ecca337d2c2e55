package dev.formation.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the audit trail: a record's history, and the admins' operation log search. */
@Singleton
public class AuditQuery {

    /** Filters of the operation log; null means any. */
    public record Filter(String user, String form, Long record, LocalDateTime from, LocalDateTime to) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Tx tx;

    public AuditQuery(Tx tx) {
        this.tx = tx;
    }

    public List<Map<String, Object>> history(String form, long id) {
        return search(new Filter(null, form, id, null, null), 1, 500).items();
    }

    public record Page(List<Map<String, Object>> items, long total) {
    }

    public Page search(Filter filter, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        List<Object> params = new ArrayList<>();
        if (filter.user() != null) {
            where.append(" AND (`username` = ? OR `on_behalf_of` = ?)");
            params.add(filter.user());
            params.add(filter.user());
        }
        if (filter.form() != null) {
            where.append(" AND `form_key` = ?");
            params.add(filter.form());
        }
        if (filter.record() != null) {
            where.append(" AND `record_id` = ?");
            params.add(filter.record());
        }
        if (filter.from() != null) {
            where.append(" AND `at` >= ?");
            params.add(filter.from());
        }
        if (filter.to() != null) {
            where.append(" AND `at` < ?");
            params.add(filter.to());
        }
        return tx.read(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM `audit_log`" + where)) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Map<String, Object>> items = new ArrayList<>();
            List<Object> pageParams = new ArrayList<>(params);
            pageParams.add(size);
            pageParams.add((page - 1L) * size);
            try (PreparedStatement ps = c.prepareStatement("SELECT `id`, `at`, `username`, `on_behalf_of`, `action`, "
                    + "`form_key`, `record_id`, `changes` FROM `audit_log`" + where
                    + " ORDER BY `id` DESC LIMIT ? OFFSET ?")) {
                bind(ps, pageParams);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(entry(rs));
                    }
                }
            }
            return new Page(items, total);
        });
    }

    private Map<String, Object> entry(ResultSet rs) throws SQLException {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", rs.getLong("id"));
        e.put("at", rs.getObject("at", LocalDateTime.class).toString());
        e.put("user", rs.getString("username"));
        e.put("on_behalf_of", rs.getString("on_behalf_of"));
        e.put("action", rs.getString("action"));
        e.put("form", rs.getString("form_key"));
        long record = rs.getLong("record_id");
        e.put("record_id", rs.wasNull() ? null : record);
        e.put("changes", changes(rs.getString("changes")));
        return e;
    }

    /** Stored as field → [before, after]; served as field → {before, after}. */
    private Map<String, Object> changes(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        try {
            Map<String, List<Object>> stored = json.readValue(text, new TypeReference<LinkedHashMap<String, List<Object>>>() { });
            stored.forEach((field, pair) -> {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("before", pair.size() > 0 ? pair.get(0) : null);
                change.put("after", pair.size() > 1 ? pair.get(1) : null);
                out.put(field, change);
            });
        } catch (JsonProcessingException e) {
            out.put("_unreadable", text);
        }
        return out;
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }
}
