package dev.formation.store;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code owner_history} table: one row per change of a record's owner. */
@Singleton
public class OwnerHistoryStore {

    /** A change as stored; {@code previous} and {@code next} are usernames or null (nobody: the pool). */
    public record Change(String previous, String next, String kind, String reason, String by, LocalDateTime at) {
    }

    public void insert(Connection c, String form, long recordId, Change change) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO `owner_history` (`form_key`, `record_id`, "
                + "`previous_owner`, `new_owner`, `kind`, `reason`, `changed_by`, `changed_at`) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ValueCodec.bindAll(ps, Arrays.asList(form, recordId, change.previous(), change.next(), change.kind(),
                    change.reason(), change.by(), change.at()));
            ps.executeUpdate();
        }
    }

    /** The record's changes, oldest first, as JSON-ready maps. */
    public List<Map<String, Object>> of(Connection c, String form, long recordId) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT `previous_owner`, `new_owner`, `kind`, `reason`, "
                + "`changed_by`, `changed_at` FROM `owner_history` WHERE `form_key` = ? AND `record_id` = ? ORDER BY `id`")) {
            ValueCodec.bindAll(ps, List.of(form, recordId));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> change = new LinkedHashMap<>();
                    change.put("owner", rs.getString("new_owner"));
                    change.put("from", rs.getString("previous_owner"));
                    change.put("kind", rs.getString("kind"));
                    change.put("reason", rs.getString("reason"));
                    change.put("by", rs.getString("changed_by"));
                    change.put("at", ValueCodec.dateTime(rs, "changed_at"));
                    out.add(change);
                }
            }
        }
        return out;
    }
}
