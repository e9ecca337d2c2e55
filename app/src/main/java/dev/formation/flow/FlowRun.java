package dev.formation.flow;

import dev.formation.core.Actor;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One action on one instance, inside its transaction with the instance row locked: the
 * definition snapshot, the instance's state as the action changes it, its tasks, who acts
 * and when. Saved once at the end with the version check.
 */
final class FlowRun {

    final Connection c;
    final FlowDefinition def;
    final Actor actor;
    final LocalDateTime now;
    final Locale locale;
    final Map<String, Object> payload;
    private final FlowInstance loaded;
    private final FlowStore store;
    String status;
    String currentNode;
    LocalDateTime endedAt;
    private List<FlowTask> tasks;

    FlowRun(Connection c, FlowStore store, FlowDefinition def, FlowInstance instance, Actor actor, LocalDateTime now,
            Locale locale) throws SQLException {
        this.c = c;
        this.store = store;
        this.def = def;
        this.loaded = instance;
        this.actor = actor;
        this.now = now;
        this.locale = locale;
        this.payload = new LinkedHashMap<>(instance.payload());
        this.status = instance.status();
        this.currentNode = instance.currentNode();
        this.endedAt = instance.endedAt();
        reloadTasks();
    }

    FlowInstance instance() {
        return new FlowInstance(loaded.id(), loaded.flowKey(), loaded.definitionId(), loaded.formKey(),
                loaded.recordId(), loaded.title(), status, loaded.submitter(), loaded.submittedBy(), currentNode, payload,
                loaded.startedAt(), endedAt, loaded.version());
    }

    long id() {
        return loaded.id();
    }

    String submitter() {
        return loaded.submitter();
    }

    String form() {
        return loaded.formKey();
    }

    long recordId() {
        return loaded.recordId();
    }

    List<FlowTask> tasks() {
        return tasks;
    }

    void reloadTasks() throws SQLException {
        tasks = store.tasks(loaded.id());
    }

    Optional<FlowTask> task(long taskId) {
        return tasks.stream().filter(t -> t.id() == taskId).findFirst();
    }

    /** The approval tasks of one visit of a node. */
    List<FlowTask> visitTasks(String node, int visit) {
        return tasks.stream().filter(t -> FlowTask.APPROVAL.equals(t.kind()) && t.nodeKey().equals(node)
                && t.visit() == visit).toList();
    }

    int lastVisit(String node) {
        return tasks.stream().filter(t -> t.nodeKey().equals(node)).mapToInt(FlowTask::visit).max().orElse(0);
    }

    List<FlowTask> openApprovalTasks() {
        return tasks.stream().filter(t -> FlowTask.APPROVAL.equals(t.kind()) && t.isOpen()).toList();
    }

    @SuppressWarnings("unchecked")
    List<String> listOf(String key) {
        Object v = payload.get(key);
        return v instanceof List<?> l ? new ArrayList<>((List<String>) l) : new ArrayList<>();
    }

    void save() throws SQLException {
        if (!store.updateInstance(instance())) {
            throw new dev.formation.core.StateConflictException("flow.changed");
        }
    }
}
