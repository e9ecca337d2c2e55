package dev.formation.flow;

import java.time.LocalDateTime;

/** One person's turn at a node of an instance, or their copy of it (kind cc). */
public record FlowTask(long id, long instanceId, String nodeKey, int visit, int step, String kind, String assignee,
                       String status, String added, String actedBy, String onBehalfOf, String comment,
                       LocalDateTime createdAt, LocalDateTime actedAt, LocalDateTime dueAt, LocalDateTime readAt,
                       long version) {

    public static final String APPROVAL = "approval";
    public static final String CC = "cc";

    public static final String PENDING = "pending";
    public static final String WAITING = "waiting";
    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";
    public static final String TRANSFERRED = "transferred";
    public static final String CANCELLED = "cancelled";

    public boolean isOpen() {
        return PENDING.equals(status) || WAITING.equals(status);
    }

    public boolean isPending() {
        return PENDING.equals(status);
    }
}
