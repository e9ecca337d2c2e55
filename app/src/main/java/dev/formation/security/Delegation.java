package dev.formation.security;

import dev.formation.store.DateTimeColumn;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

/** A principal lets a delegate act for them, of one kind, within a window (seed 000 §7.1). */
@MappedEntity("delegations")
public record Delegation(@Id @GeneratedValue long id, String principal, String delegate, String kind,
                         @DateTimeColumn LocalDateTime startsAt, @DateTimeColumn LocalDateTime endsAt, @Nullable @DateTimeColumn LocalDateTime revokedAt,
                         @DateTimeColumn LocalDateTime createdAt) {

    /** Creating records on the principal's behalf. */
    public static final String CREATE = "create_on_behalf";
    /** Approving the principal's tasks. */
    public static final String APPROVE = "approve_on_behalf";

    public boolean activeAt(LocalDateTime at) {
        return revokedAt == null && !at.isBefore(startsAt) && at.isBefore(endsAt);
    }
}
