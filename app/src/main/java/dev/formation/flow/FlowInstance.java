package dev.formation.flow;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * One run of a flow over one record. {@code payload} holds what the submitter sent beyond the
 * record (a change set, its attachments, a chosen approver) and where the run has been.
 */
public record FlowInstance(long id, String flowKey, long definitionId, String formKey, long recordId, String title,
                           String status, String submitter, String submittedBy, String currentNode,
                           Map<String, Object> payload, LocalDateTime startedAt, LocalDateTime endedAt, long version) {

    public static final String RUNNING = "running";
    public static final String RETURNED = "returned";
    public static final String APPROVED = "approved";
    public static final String WITHDRAWN = "withdrawn";

    public boolean isRunning() {
        return RUNNING.equals(status);
    }

    FlowInstance with(String newStatus, String node, LocalDateTime ended) {
        return new FlowInstance(id, flowKey, definitionId, formKey, recordId, title, newStatus, submitter, submittedBy,
                node, payload, startedAt, ended, version);
    }
}
