package dev.formation.flow;

import dev.formation.form.Form;
import dev.formation.core.Actor;
import dev.formation.core.NotFoundException;
import dev.formation.record.RecordService;
import dev.formation.record.RecordSight;
import dev.formation.security.AccessPolicy;
import dev.formation.security.Directory;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An instance as its participants see it: the definition version it runs on with each node's
 * state, the tasks, the timeline, a change request's before and after, the record, and what
 * the viewer may do now. Visible to the submitter, to everyone who has or had a task or a
 * copy, to delegates of a current approver, and to anyone who may read the record. The record's
 * values in it (the record, the change set, the timeline's entries) are what the viewer may see
 * of the record ({@link RecordService#sight}).
 */
@Singleton
public class InstanceView {

    private final Tx tx;
    private final FlowStore store;
    private final FlowCatalog catalog;
    private final RecordService records;
    private final Inbox inbox;
    private final Directory directory;

    private final Clock clock;

    public InstanceView(Tx tx, FlowStore store, FlowCatalog catalog, RecordService records, Inbox inbox,
                        Directory directory, Clock clock) {
        this.clock = clock;
        this.tx = tx;
        this.store = store;
        this.catalog = catalog;
        this.records = records;
        this.inbox = inbox;
        this.directory = directory;
    }

    /**
     * The record's most recent instances, newest first, for the record's own page (审批记录): the
     * page shows it to whoever may read the record, as the instances themselves are.
     */
    public List<FlowInstance> recentOn(String form, long recordId, int limit) {
        return tx.read(c -> store.recentOn(form, recordId, limit));
    }

    /** Whether the actor takes part in the instance (submitter, approver, copied in, or a current approver's delegate). */
    public boolean participates(long instanceId, Actor actor) {
        FlowInstance i = tx.read(c -> store.instance(instanceId))
                .orElseThrow(() -> new NotFoundException("flow instance " + instanceId));
        List<FlowTask> tasks = tx.read(c -> store.tasks(instanceId));
        return participates(i, tasks, actor);
    }

    private boolean participates(FlowInstance i, List<FlowTask> tasks, Actor actor) {
        String me = actor.username();
        return i.submitter().equals(me) || i.submittedBy().equals(me) || holdsTask(tasks, actor);
    }

    /**
     * Whether the actor has or had a task on the instance (an approval or a copy), acted on one,
     * or stands in for a current approver. Such a person reads the record as a reader of it,
     * since deciding on it or being told about it needs it; a submitter, and anyone else, sees
     * what their own access to the record gives (an owner applicant: the list columns).
     */
    private boolean holdsTask(List<FlowTask> tasks, Actor actor) {
        String me = actor.username();
        List<String> forWhom = inbox.approvingFor(actor);
        return tasks.stream().anyMatch(t -> t.assignee().equals(me) || me.equals(t.actedBy())
                || me.equals(t.onBehalfOf()) || (t.isPending() && forWhom.contains(t.assignee())));
    }

    /** Whether the actor may see the instance: they take part in it, or may read its record. */
    public boolean mayView(long instanceId, Actor actor) {
        Optional<FlowInstance> i = tx.read(c -> store.instance(instanceId));
        if (i.isEmpty()) {
            return false;
        }
        List<FlowTask> tasks = tx.read(c -> store.tasks(instanceId));
        return mayView(i.get(), tasks, actor);
    }

    /**
     * Whether the actor holds or held a task on the instance, so reads its record as a reader
     * (see {@link #holdsTask}); false for an instance that does not exist.
     */
    public boolean readsRecordThroughTask(long instanceId, Actor actor) {
        return tx.read(c -> store.instance(instanceId)).isPresent()
                && holdsTask(tx.read(c -> store.tasks(instanceId)), actor);
    }

    /** What the actor may see of the instance's record, as the instance shows it to them. */
    public RecordSight recordSight(long instanceId, Actor actor) {
        Optional<FlowInstance> i = tx.read(c -> store.instance(instanceId));
        if (i.isEmpty()) {
            return RecordSight.none();
        }
        List<FlowTask> tasks = tx.read(c -> store.tasks(instanceId));
        return records.sight(i.get().formKey(), i.get().recordId(), actor, holdsTask(tasks, actor));
    }

    private boolean mayView(FlowInstance i, List<FlowTask> tasks, Actor actor) {
        return participates(i, tasks, actor) || records.may(i.formKey(), i.recordId(), AccessPolicy.READ, actor);
    }

    public Map<String, Object> view(long instanceId, Actor actor, Locale locale) {
        FlowInstance i = tx.read(c -> store.instance(instanceId))
                .orElseThrow(() -> new NotFoundException("flow instance " + instanceId));
        List<FlowTask> tasks = tx.read(c -> store.tasks(instanceId));
        if (!mayView(i, tasks, actor)) {
            throw new NotFoundException("flow instance " + instanceId);
        }
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        for (FlowTask t : tasks) {
            if (FlowTask.CC.equals(t.kind()) && t.assignee().equals(actor.username()) && t.readAt() == null) {
                tx.write(c -> {
                    store.markRead(t.id(), now);
                    return null;
                });
            }
        }
        FlowDefinition def = catalog.snapshot(i.definitionId());
        Form form = records.form(i.formKey());
        RecordSight sight = records.sight(i.formKey(), i.recordId(), actor, holdsTask(tasks, actor));
        Map<String, String> names = directory.userNames();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", i.id());
        out.put("flow", i.flowKey());
        out.put("flow_label", def.label().in(locale));
        out.put("flow_version", catalog.versionNumber(i.flowKey(), i.definitionId()));
        out.put("trigger", def.trigger());
        out.put("form", i.formKey());
        out.put("form_label", form.label().in(locale));
        out.put("record_id", i.recordId());
        out.put("title", i.title());
        out.put("status", i.status());
        out.put("submitter", i.submitter());
        out.put("submitter_name", names.getOrDefault(i.submitter(), i.submitter()));
        out.put("submitted_by", i.submittedBy());
        out.put("current_node", i.currentNode());
        out.put("started_at", i.startedAt().toString());
        out.put("ended_at", i.endedAt() == null ? null : i.endedAt().toString());
        out.put("version", i.version());
        out.put("changes", changes(form, i.payload(), sight, locale));
        out.put("attachments", i.payload().getOrDefault("attachments", List.of()));
        out.put("nodes", nodes(def, i, tasks, locale));
        out.put("tasks", tasks.stream().map(t -> task(t, def, names, locale)).toList());
        List<Map<String, Object>> events = tx.read(c -> store.events(instanceId));
        events.forEach(e -> {
            e.put("username_name", names.getOrDefault((String) e.get("username"), (String) e.get("username")));
            seenThrough(e, sight);
        });
        out.put("events", events);
        out.put("record", sight.apply(records.stored(i.formKey(), i.recordId())));
        out.put("may", may(i, def, tasks, actor));
        return out;
    }

    /** An event's record values (a change set, an approver's entries) cut to what the viewer may see. */
    @SuppressWarnings("unchecked")
    private static void seenThrough(Map<String, Object> event, RecordSight sight) {
        if (event.get("details") instanceof Map<?, ?> details) {
            Map<String, Object> d = new LinkedHashMap<>((Map<String, Object>) details);
            for (String key : List.of(FlowEffects.CHANGES, "fields")) {
                if (d.get(key) instanceof Map<?, ?> values) {
                    d.put(key, sight.only((Map<String, Object>) values));
                }
            }
            event.put("details", d);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> changes(Form form, Map<String, Object> payload, RecordSight sight,
                                                     Locale locale) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (payload.get(FlowEffects.CHANGES) instanceof Map<?, ?> changes) {
            sight.only((Map<String, Object>) changes).forEach((field, pair) -> {
                List<Object> p = (List<Object>) pair;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("field", field);
                m.put("label", FlowStarter.fieldLabel(form, field, locale));
                m.put("before", p.get(0));
                m.put("after", p.get(1));
                out.add(m);
            });
        }
        return out;
    }

    private static List<Map<String, Object>> nodes(FlowDefinition def, FlowInstance i, List<FlowTask> tasks,
                                                   Locale locale) {
        List<String> passed = i.payload().get(FlowWalker.PASSED) instanceof List<?> l
                ? l.stream().map(String::valueOf).toList() : List.of();
        List<Map<String, Object>> out = new ArrayList<>();
        for (FlowNode n : def.nodes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", n.key());
            m.put("label", n.label().in(locale));
            m.put("type", n.type().name().toLowerCase(Locale.ROOT));
            m.put("mode", n.mode().name().toLowerCase(Locale.ROOT));
            m.put("editable_fields", n.editableFields());
            String state = n.key().equals(i.currentNode()) && i.isRunning() ? "current"
                    : passed.contains(n.key()) ? "passed"
                    : tasks.stream().anyMatch(t -> t.nodeKey().equals(n.key())) ? "visited" : "ahead";
            m.put("state", state);
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> task(FlowTask t, FlowDefinition def, Map<String, String> names, Locale locale) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("kind", t.kind());
        m.put("node", t.nodeKey());
        m.put("node_label", def.nodeLabel(t.nodeKey(), locale));
        m.put("visit", t.visit());
        m.put("step", t.step());
        m.put("assignee", t.assignee());
        m.put("assignee_name", names.getOrDefault(t.assignee(), t.assignee()));
        m.put("status", t.status());
        m.put("added", t.added());
        m.put("acted_by", t.actedBy());
        m.put("on_behalf_of", t.onBehalfOf());
        m.put("comment", t.comment());
        m.put("created_at", t.createdAt().toString());
        m.put("acted_at", t.actedAt() == null ? null : t.actedAt().toString());
        m.put("due_at", t.dueAt() == null ? null : t.dueAt().toString());
        m.put("version", t.version());
        return m;
    }

    /** What the viewer may do now: their pending task (with the fields they may fill), withdraw, resubmit, urge. */
    private Map<String, Object> may(FlowInstance i, FlowDefinition def, List<FlowTask> tasks, Actor actor) {
        Map<String, Object> may = new LinkedHashMap<>();
        List<String> forWhom = inbox.approvingFor(actor);
        FlowTask mine = i.isRunning() ? tasks.stream().filter(t -> FlowTask.APPROVAL.equals(t.kind()) && t.isPending()
                && forWhom.contains(t.assignee())).findFirst().orElse(null) : null;
        may.put("task", mine == null ? null : mine.id());
        may.put("task_version", mine == null ? null : mine.version());
        FlowNode node = mine == null ? null : def.node(mine.nodeKey()).orElse(null);
        may.put("editable_fields", node == null ? List.of() : node.editableFields());
        may.put("required_fields", node == null ? List.of() : node.requiredFields());
        may.put("vote", node != null && node.mode() == FlowNode.Mode.VOTE);
        List<String> passed = i.payload().get(FlowWalker.PASSED) instanceof List<?> l
                ? l.stream().map(String::valueOf).toList() : List.of();
        may.put("return_to", passed);
        boolean submitter = i.submitter().equals(actor.username());
        may.put("withdraw", submitter && FlowInstance.withdrawable(i.status(), i.currentNode(), tasks));
        may.put("resubmit", submitter && FlowInstance.RETURNED.equals(i.status()) && !def.isChangeRequest());
        may.put("urge", submitter && i.isRunning() ? tasks.stream().filter(t -> FlowTask.APPROVAL.equals(t.kind())
                && t.isPending()).map(FlowTask::id).toList() : List.of());
        may.put("comment", participates(i, tasks, actor));
        return may;
    }
}
