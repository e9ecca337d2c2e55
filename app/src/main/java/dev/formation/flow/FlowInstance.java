package dev.formation.flow;

import dev.formation.store.DateTimeColumn;
import dev.formation.store.JsonMapConverter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * One run of a flow over one record. {@code payload} holds what the submitter sent beyond the
 * record (a change set, its attachments, a chosen approver) and where the run has been.
 */
@MappedEntity("flow_instances")
public record FlowInstance(@Id @GeneratedValue long id, String flowKey, long definitionId, String formKey, long recordId,
                           @Nullable String title, String status, String submitter, String submittedBy,
                           @Nullable String currentNode,
                           @Nullable @MappedProperty(converter = JsonMapConverter.class) Map<String, Object> payload,
                           @DateTimeColumn LocalDateTime startedAt, @Nullable @DateTimeColumn LocalDateTime endedAt, long version) {

    public static final String RUNNING = "running";
    public static final String RETURNED = "returned";
    public static final String APPROVED = "approved";
    public static final String WITHDRAWN = "withdrawn";

    public boolean isRunning() {
        return RUNNING.equals(status);
    }

    /** Still waiting for someone: running, or returned to its submitter. */
    public boolean isOpen() {
        return RUNNING.equals(status) || RETURNED.equals(status);
    }

    /**
     * 撤销 is possible while the current node waits and nobody there has acted on its latest
     * visit (automatic approvals aside), or after the instance came back to its submitter.
     */
    static boolean withdrawable(String status, String currentNode, List<FlowTask> tasks) {
        if (RETURNED.equals(status)) {
            return true;
        }
        if (!RUNNING.equals(status)) {
            return false;
        }
        int visit = tasks.stream().filter(t -> t.nodeKey().equals(currentNode)).mapToInt(FlowTask::visit).max()
                .orElse(0);
        return tasks.stream().noneMatch(t -> t.nodeKey().equals(currentNode) && t.visit() == visit
                && (FlowTask.APPROVED.equals(t.status()) || FlowTask.REJECTED.equals(t.status()))
                && !FlowWalker.SYSTEM.equals(t.actedBy()));
    }

    FlowInstance with(String newStatus, String node, LocalDateTime ended) {
        return new FlowInstance(id, flowKey, definitionId, formKey, recordId, title, newStatus, submitter, submittedBy,
                node, payload, startedAt, ended, version);
    }
}
