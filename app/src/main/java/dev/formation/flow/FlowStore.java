package dev.formation.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of instances, tasks, events and locks. Callers hold the transaction; an action
 * starts by locking its instance row, so two actions on one instance run one after the other
 * and the second sees what the first did.
 */
@Singleton
public class FlowStore {

    static final String INSTANCE_COLUMNS = "`id`, `flow_key`, `definition_id`, `form_key`, `record_id`, `title`, "
            + "`status`, `submitter`, `submitted_by`, `current_node`, `payload`, `started_at`, `ended_at`, `version`";
    static final String TASK_COLUMNS = "`id`, `instance_id`, `node_key`, `visit`, `step`, `kind`, `assignee`, "
            + "`status`, `added`, `acted_by`, `on_behalf_of`, `comment`, `created_at`, `acted_at`, `due_at`, "
            + "`read_at`, `version`";

    private final ObjectMapper json = new ObjectMapper();

    long insertInstance(Connection c, FlowInstance i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO `flow_instances` (`flow_key`, `definition_id`, "
                + "`form_key`, `record_id`, `title`, `status`, `submitter`, `submitted_by`, `current_node`, `payload`, "
                + "`started_at`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, i.flowKey());
            ps.setLong(2, i.definitionId());
            ps.setString(3, i.formKey());
            ps.setLong(4, i.recordId());
            ps.setString(5, i.title());
            ps.setString(6, i.status());
            ps.setString(7, i.submitter());
            ps.setString(8, i.submittedBy());
            ps.setString(9, i.currentNode());
            ps.setString(10, write(i.payload()));
            ps.setObject(11, i.startedAt());
            ps.executeUpdate();
            return generatedId(ps);
        }
    }

    /** Reads and locks the instance for the rest of the transaction. */
    Optional<FlowInstance> lockInstance(Connection c, long id) throws SQLException {
        return instance(c, id, " FOR UPDATE");
    }

    Optional<FlowInstance> instance(Connection c, long id) throws SQLException {
        return instance(c, id, "");
    }

    private Optional<FlowInstance> instance(Connection c, long id, String lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + INSTANCE_COLUMNS + " FROM `flow_instances` "
                + "WHERE `id` = ?" + lock)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(instanceRow(rs)) : Optional.empty();
            }
        }
    }

    /** The newest instance of a flow on a record, whatever its state. */
    Optional<FlowInstance> latest(Connection c, String flowKey, String form, long recordId, String submitter)
            throws SQLException {
        String sql = "SELECT " + INSTANCE_COLUMNS + " FROM `flow_instances` WHERE `flow_key` = ? AND `form_key` = ? "
                + "AND `record_id` = ?" + (submitter == null ? "" : " AND `submitter` = ?") + " ORDER BY `id` DESC LIMIT 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, flowKey);
            ps.setString(2, form);
            ps.setLong(3, recordId);
            if (submitter != null) {
                ps.setString(4, submitter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(instanceRow(rs)) : Optional.empty();
            }
        }
    }

    /** Instances on a record that are running or waiting for their submitter, newest first. */
    List<FlowInstance> openOn(Connection c, String form, long recordId) throws SQLException {
        List<FlowInstance> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + INSTANCE_COLUMNS + " FROM `flow_instances` "
                + "WHERE `form_key` = ? AND `record_id` = ? AND `status` IN ('running', 'returned') ORDER BY `id` DESC")) {
            ps.setString(1, form);
            ps.setLong(2, recordId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(instanceRow(rs));
                }
            }
        }
        return out;
    }

    /** The ids of every instance ever started on a record. */
    List<Long> instanceIdsOn(Connection c, String form, long recordId) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT `id` FROM `flow_instances` WHERE `form_key` = ? "
                + "AND `record_id` = ? ORDER BY `id`")) {
            ps.setString(1, form);
            ps.setLong(2, recordId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    /** Saves status, node and payload if nobody changed the instance since {@code i.version()}. */
    boolean updateInstance(Connection c, FlowInstance i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE `flow_instances` SET `status` = ?, `current_node` = ?, "
                + "`payload` = ?, `ended_at` = ?, `version` = `version` + 1 WHERE `id` = ? AND `version` = ?")) {
            ps.setString(1, i.status());
            ps.setString(2, i.currentNode());
            ps.setString(3, write(i.payload()));
            ps.setObject(4, i.endedAt());
            ps.setLong(5, i.id());
            ps.setLong(6, i.version());
            return ps.executeUpdate() == 1;
        }
    }

    long insertTask(Connection c, long instanceId, String node, int visit, int step, String kind, String assignee,
                    String status, String added, LocalDateTime now, LocalDateTime due) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO `flow_tasks` (`instance_id`, `node_key`, `visit`, "
                + "`step`, `kind`, `assignee`, `status`, `added`, `created_at`, `due_at`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, instanceId);
            ps.setString(2, node);
            ps.setInt(3, visit);
            ps.setInt(4, step);
            ps.setString(5, kind);
            ps.setString(6, assignee);
            ps.setString(7, status);
            ps.setString(8, added);
            ps.setObject(9, now);
            ps.setObject(10, due);
            ps.executeUpdate();
            return generatedId(ps);
        }
    }

    List<FlowTask> tasks(Connection c, long instanceId) throws SQLException {
        List<FlowTask> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + TASK_COLUMNS + " FROM `flow_tasks` "
                + "WHERE `instance_id` = ? ORDER BY `id`")) {
            ps.setLong(1, instanceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(taskRow(rs));
                }
            }
        }
        return out;
    }

    Optional<FlowTask> task(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + TASK_COLUMNS + " FROM `flow_tasks` WHERE `id` = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(taskRow(rs)) : Optional.empty();
            }
        }
    }

    /** Closes a task: who acted, for whom, with what; refused (false) if it is no longer open. */
    boolean finishTask(Connection c, long id, String status, String actedBy, String onBehalfOf, String comment,
                       LocalDateTime at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE `flow_tasks` SET `status` = ?, `acted_by` = ?, "
                + "`on_behalf_of` = ?, `comment` = ?, `acted_at` = ?, `version` = `version` + 1 "
                + "WHERE `id` = ? AND `status` IN ('pending', 'waiting')")) {
            ps.setString(1, status);
            ps.setString(2, actedBy);
            ps.setString(3, onBehalfOf);
            ps.setString(4, comment);
            ps.setObject(5, at);
            ps.setLong(6, id);
            return ps.executeUpdate() == 1;
        }
    }

    void setTaskStatus(Connection c, long id, String status, LocalDateTime due) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE `flow_tasks` SET `status` = ?, `due_at` = ?, "
                + "`version` = `version` + 1 WHERE `id` = ?")) {
            ps.setString(1, status);
            ps.setObject(2, due);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    /** Makes room in a node's steps for an added approver. */
    void shiftSteps(Connection c, long instanceId, String node, int visit, int fromStep) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE `flow_tasks` SET `step` = `step` + 1 "
                + "WHERE `instance_id` = ? AND `node_key` = ? AND `visit` = ? AND `step` >= ?")) {
            ps.setLong(1, instanceId);
            ps.setString(2, node);
            ps.setInt(3, visit);
            ps.setInt(4, fromStep);
            ps.executeUpdate();
        }
    }

    void markReminded(Connection c, long taskId, LocalDateTime at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE `flow_tasks` SET `reminded_at` = ?, `due_at` = NULL "
                + "WHERE `id` = ?")) {
            ps.setObject(1, at);
            ps.setLong(2, taskId);
            ps.executeUpdate();
        }
    }

    void markRead(Connection c, long taskId, LocalDateTime at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE `flow_tasks` SET `read_at` = ? WHERE `id` = ? "
                + "AND `read_at` IS NULL")) {
            ps.setObject(1, at);
            ps.setLong(2, taskId);
            ps.executeUpdate();
        }
    }

    void event(Connection c, long instanceId, String username, String onBehalfOf, String action, String node,
               Long taskId, String comment, Map<String, Object> details, LocalDateTime at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO `flow_events` (`instance_id`, `at`, `username`, "
                + "`on_behalf_of`, `action`, `node_key`, `task_id`, `comment`, `details`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, instanceId);
            ps.setObject(2, at);
            ps.setString(3, username);
            ps.setString(4, onBehalfOf);
            ps.setString(5, action);
            ps.setString(6, node);
            setNullableLong(ps, 7, taskId);
            ps.setString(8, comment);
            ps.setString(9, details == null || details.isEmpty() ? null : write(details));
            ps.executeUpdate();
        }
    }

    List<Map<String, Object>> events(Connection c, long instanceId) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT `id`, `at`, `username`, `on_behalf_of`, `action`, "
                + "`node_key`, `task_id`, `comment`, `details` FROM `flow_events` WHERE `instance_id` = ? ORDER BY `id`")) {
            ps.setLong(1, instanceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("id", rs.getLong(1));
                    e.put("at", rs.getObject(2, LocalDateTime.class).toString());
                    e.put("username", rs.getString(3));
                    e.put("on_behalf_of", rs.getString(4));
                    e.put("action", rs.getString(5));
                    e.put("node", rs.getString(6));
                    long task = rs.getLong(7);
                    e.put("task_id", rs.wasNull() ? null : task);
                    e.put("comment", rs.getString(8));
                    e.put("details", read(rs.getString(9)));
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** Whether some instance holds the lock key now. */
    boolean locked(Connection c, String lockKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM `flow_locks` WHERE `lock_key` = ?")) {
            ps.setString(1, lockKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Takes a lock key for an instance; false when another instance holds it. The primary key
     * decides between two requests that arrive together: the second insert waits for the first
     * transaction and then fails as a duplicate.
     */
    boolean acquireLock(Connection c, String lockKey, long instanceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT `instance_id` FROM `flow_locks` WHERE `lock_key` = ?")) {
            ps.setString(1, lockKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO `flow_locks` (`lock_key`, `instance_id`) VALUES (?, ?)")) {
            ps.setString(1, lockKey);
            ps.setLong(2, instanceId);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (dev.formation.store.Database.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    void releaseLocks(Connection c, long instanceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM `flow_locks` WHERE `instance_id` = ?")) {
            ps.setLong(1, instanceId);
            ps.executeUpdate();
        }
    }

    boolean runningOf(Connection c, String flowKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM `flow_instances` WHERE `flow_key` = ? "
                + "AND `status` IN ('running', 'returned') LIMIT 1")) {
            ps.setString(1, flowKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    FlowInstance instanceRow(ResultSet rs) throws SQLException {
        return new FlowInstance(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                read(rs.getString(11)), rs.getObject(12, LocalDateTime.class), rs.getObject(13, LocalDateTime.class),
                rs.getLong(14));
    }

    static FlowTask taskRow(ResultSet rs) throws SQLException {
        return new FlowTask(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getObject(13, LocalDateTime.class), rs.getObject(14, LocalDateTime.class),
                rs.getObject(15, LocalDateTime.class), rs.getObject(16, LocalDateTime.class), rs.getLong(17));
    }

    String write(Map<String, Object> value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write flow data as JSON", e);
        }
    }

    Map<String, Object> read(String text) {
        if (text == null) {
            return new LinkedHashMap<>();
        }
        try {
            return json.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored flow data is not JSON", e);
        }
    }

    /** Binds an id that may be absent. */
    static void setNullableLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, java.sql.Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }
}
