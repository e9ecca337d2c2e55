package dev.formation.flow;

import dev.formation.core.Actor;
import dev.formation.security.Delegation;
import dev.formation.security.DelegationService;
import dev.formation.security.Directory;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The four boxes: 待我处理 tasks waiting for me (and for those who delegated approval to me),
 * 我已处理 tasks I acted on, 我的申请 instances I submitted, 抄送我的 copies to me; and the
 * counts the shell shows.
 */
@Singleton
public class Inbox {

    public enum Box { PENDING, DONE, MINE, CC }

    /** Filters of a box; {@code status} and {@code flow} apply to "mine". */
    public record Query(Box box, String status, String flow, int page, int size) {
    }

    public record Counts(int pending, int ccUnread, int notificationsUnread) {
    }

    private static final String TASK_SELECT = "SELECT t.`id`, t.`node_key`, t.`status`, t.`assignee`, t.`acted_by`, "
            + "t.`on_behalf_of`, t.`created_at`, t.`acted_at`, t.`due_at`, t.`read_at`, t.`version`, i.`id`, i.`flow_key`, "
            + "i.`definition_id`, i.`form_key`, i.`record_id`, i.`title`, i.`status`, i.`submitter`, i.`started_at`, "
            + "i.`ended_at`, i.`current_node` FROM `flow_tasks` t JOIN `flow_instances` i ON i.`id` = t.`instance_id` ";
    private static final String INSTANCE_SELECT = "SELECT NULL, i.`current_node`, NULL, NULL, NULL, NULL, NULL, NULL, "
            + "NULL, NULL, NULL, i.`id`, i.`flow_key`, i.`definition_id`, i.`form_key`, i.`record_id`, i.`title`, "
            + "i.`status`, i.`submitter`, i.`started_at`, i.`ended_at`, i.`current_node` FROM `flow_instances` i ";

    private final Tx tx;
    private final FlowCatalog catalog;
    private final DelegationService delegations;
    private final Directory directory;
    private final Notifications notifications;

    public Inbox(Tx tx, FlowCatalog catalog, DelegationService delegations, Directory directory,
                 Notifications notifications) {
        this.tx = tx;
        this.catalog = catalog;
        this.delegations = delegations;
        this.directory = directory;
        this.notifications = notifications;
    }

    /** The people whose pending tasks I see: me, and whoever delegated approval to me for now. */
    public List<String> approvingFor(Actor actor) {
        List<String> out = new ArrayList<>(List.of(actor.username()));
        delegations.principalsFor(actor.username(), Delegation.APPROVE).stream().filter(p -> !out.contains(p))
                .forEach(out::add);
        return out;
    }

    public Map<String, Object> list(Query q, Actor actor, Locale locale) {
        List<Object> params = new ArrayList<>();
        String where;
        String order;
        String select = TASK_SELECT;
        switch (q.box()) {
            case PENDING -> {
                List<String> people = approvingFor(actor);
                where = "WHERE t.`kind` = 'approval' AND t.`status` = 'pending' AND i.`status` = 'running' AND t.`assignee` IN ("
                        + String.join(", ", Collections.nCopies(people.size(), "?")) + ")";
                params.addAll(people);
                order = " ORDER BY t.`id` DESC";
            }
            case DONE -> {
                where = "WHERE t.`kind` = 'approval' AND t.`status` IN ('approved', 'rejected', 'transferred') "
                        + "AND (t.`acted_by` = ? OR t.`on_behalf_of` = ?)";
                params.add(actor.username());
                params.add(actor.username());
                order = " ORDER BY t.`acted_at` DESC, t.`id` DESC";
            }
            case CC -> {
                where = "WHERE t.`kind` = 'cc' AND t.`assignee` = ?";
                params.add(actor.username());
                order = " ORDER BY t.`id` DESC";
            }
            case MINE -> {
                select = INSTANCE_SELECT;
                StringBuilder w = new StringBuilder("WHERE i.`submitter` = ?");
                params.add(actor.username());
                if (q.status() != null && !q.status().isBlank()) {
                    w.append(" AND i.`status` = ?");
                    params.add(q.status());
                }
                if (q.flow() != null && !q.flow().isBlank()) {
                    w.append(" AND i.`flow_key` = ?");
                    params.add(q.flow());
                }
                where = w.toString();
                order = " ORDER BY i.`id` DESC";
            }
            default -> throw new IllegalStateException(q.box().name());
        }
        String countSql = q.box() == Box.MINE ? "SELECT COUNT(*) FROM `flow_instances` i " + where
                : "SELECT COUNT(*) FROM `flow_tasks` t JOIN `flow_instances` i ON i.`id` = t.`instance_id` " + where;
        String sql = select + where + order + " LIMIT ? OFFSET ?";
        Map<String, String> names = directory.userNames();
        return tx.read(c -> {
            int total;
            try (PreparedStatement ps = c.prepareStatement(countSql)) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getInt(1);
                }
            }
            List<Map<String, Object>> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                List<Object> all = new ArrayList<>(params);
                all.add(q.size());
                all.add((q.page() - 1L) * q.size());
                bind(ps, all);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(item(rs, q.box(), names, locale));
                    }
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("box", q.box().name().toLowerCase(Locale.ROOT));
            out.put("items", items);
            out.put("total", total);
            out.put("page", q.page());
            out.put("size", q.size());
            return out;
        });
    }

    public Counts counts(Actor actor) {
        List<String> people = approvingFor(actor);
        return tx.read(c -> {
            int pending;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM `flow_tasks` t JOIN `flow_instances` i "
                    + "ON i.`id` = t.`instance_id` WHERE t.`kind` = 'approval' AND t.`status` = 'pending' "
                    + "AND i.`status` = 'running' AND t.`assignee` IN ("
                    + String.join(", ", Collections.nCopies(people.size(), "?")) + ")")) {
                bind(ps, new ArrayList<>(people));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    pending = rs.getInt(1);
                }
            }
            int cc;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM `flow_tasks` WHERE `kind` = 'cc' "
                    + "AND `assignee` = ? AND `read_at` IS NULL")) {
                ps.setString(1, actor.username());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    cc = rs.getInt(1);
                }
            }
            return new Counts(pending, cc, notifications.unread(c, actor.username()));
        });
    }

    private Map<String, Object> item(ResultSet rs, Box box, Map<String, String> names, Locale locale)
            throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        long taskId = rs.getLong(1);
        m.put("id", rs.wasNull() ? null : taskId);
        m.put("instance_id", rs.getLong(12));
        String flowKey = rs.getString(13);
        FlowDefinition def = catalog.snapshot(rs.getLong(14));
        m.put("flow", flowKey);
        m.put("flow_label", def.label().in(locale));
        m.put("form", rs.getString(15));
        m.put("record_id", rs.getLong(16));
        m.put("title", rs.getString(17));
        String node = box == Box.MINE ? rs.getString(22) : rs.getString(2);
        m.put("node", node);
        m.put("node_label", node == null ? null : def.nodeLabel(node, locale));
        m.put("status", box == Box.MINE ? rs.getString(18) : rs.getString(3));
        m.put("instance_status", rs.getString(18));
        String submitter = rs.getString(19);
        m.put("submitter", submitter);
        m.put("submitter_name", names.getOrDefault(submitter, submitter));
        if (box != Box.MINE) {
            String assignee = rs.getString(4);
            m.put("assignee", assignee);
            m.put("assignee_name", names.getOrDefault(assignee, assignee));
            m.put("acted_by", rs.getString(5));
            m.put("on_behalf_of", rs.getString(6));
            m.put("created_at", text(rs.getObject(7, LocalDateTime.class)));
            m.put("acted_at", text(rs.getObject(8, LocalDateTime.class)));
            m.put("due_at", text(rs.getObject(9, LocalDateTime.class)));
            m.put("read", rs.getObject(10, LocalDateTime.class) != null);
            m.put("version", rs.getLong(11));
        }
        m.put("started_at", text(rs.getObject(20, LocalDateTime.class)));
        m.put("ended_at", text(rs.getObject(21, LocalDateTime.class)));
        return m;
    }

    private static String text(LocalDateTime t) {
        return t == null ? null : t.toString();
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }
}
