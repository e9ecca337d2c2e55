package dev.formation.flow;

import dev.formation.core.Actor;
import dev.formation.security.Delegation;
import dev.formation.security.DelegationService;
import dev.formation.security.Directory;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.time.LocalDateTime;
import java.util.ArrayList;
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

    private final Tx tx;
    private final FlowCatalog catalog;
    private final DelegationService delegations;
    private final Directory directory;
    private final Notifications notifications;
    private final InboxRepository boxes;

    public Inbox(Tx tx, FlowCatalog catalog, DelegationService delegations, Directory directory,
                 Notifications notifications, InboxRepository boxes) {
        this.boxes = boxes;
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
        String me = actor.username();
        int size = q.size();
        long offset = (q.page() - 1L) * size;
        List<String> people = q.box() == Box.PENDING ? approvingFor(actor) : List.of();
        Map<String, String> names = directory.userNames();
        return tx.read(c -> {
            int total = switch (q.box()) {
                case PENDING -> boxes.countPending(people);
                case DONE -> boxes.countDone(me);
                case CC -> boxes.countCc(me);
                case MINE -> boxes.countMine(me, blankless(q.status()), blankless(q.flow()));
            };
            List<InboxRepository.Line> lines = switch (q.box()) {
                case PENDING -> boxes.pending(people, size, offset);
                case DONE -> boxes.done(me, size, offset);
                case CC -> boxes.cc(me, size, offset);
                case MINE -> boxes.mine(me, blankless(q.status()), blankless(q.flow()), size, offset);
            };
            List<Map<String, Object>> items = lines.stream().map(l -> item(l, q.box(), names, locale)).toList();
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
        return tx.read(c -> new Counts(boxes.countPending(people), boxes.countCcUnread(actor.username()),
                notifications.unread(actor.username())));
    }

    private Map<String, Object> item(InboxRepository.Line l, Box box, Map<String, String> names, Locale locale) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.taskId());
        m.put("instance_id", l.instanceId());
        FlowDefinition def = catalog.snapshot(l.definitionId());
        m.put("flow", l.flowKey());
        m.put("flow_label", def.label().in(locale));
        m.put("form", l.formKey());
        m.put("record_id", l.recordId());
        m.put("title", l.title());
        String node = box == Box.MINE ? l.currentNode() : l.nodeKey();
        m.put("node", node);
        m.put("node_label", node == null ? null : def.nodeLabel(node, locale));
        m.put("status", box == Box.MINE ? l.instanceStatus() : l.taskStatus());
        m.put("instance_status", l.instanceStatus());
        m.put("submitter", l.submitter());
        m.put("submitter_name", names.getOrDefault(l.submitter(), l.submitter()));
        if (box != Box.MINE) {
            m.put("assignee", l.assignee());
            m.put("assignee_name", names.getOrDefault(l.assignee(), l.assignee()));
            m.put("acted_by", l.actedBy());
            m.put("on_behalf_of", l.onBehalfOf());
            m.put("created_at", text(l.createdAt()));
            m.put("acted_at", text(l.actedAt()));
            m.put("due_at", text(l.dueAt()));
            m.put("read", l.readAt() != null);
            m.put("version", l.taskVersion());
        }
        m.put("started_at", text(l.startedAt()));
        m.put("ended_at", text(l.endedAt()));
        return m;
    }

    private static String blankless(String filter) {
        return filter == null || filter.isBlank() ? null : filter;
    }

    private static String text(LocalDateTime t) {
        return t == null ? null : t.toString();
    }
}
