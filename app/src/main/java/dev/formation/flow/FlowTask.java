package dev.formation.flow;

import dev.formation.store.DateTimeColumn;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

/** One person's turn at a node of an instance, or their copy of it (kind cc). */
@MappedEntity("flow_tasks")
public record FlowTask(@Id @GeneratedValue long id, long instanceId, String nodeKey, int visit, int step, String kind,
                       String assignee, String status, @Nullable String added, @Nullable String actedBy,
                       @Nullable String onBehalfOf, @Nullable String comment, @DateTimeColumn LocalDateTime createdAt,
                       @Nullable @DateTimeColumn LocalDateTime actedAt, @Nullable @DateTimeColumn LocalDateTime dueAt, @Nullable @DateTimeColumn LocalDateTime readAt,
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
