package dev.formation.security;

import java.time.LocalDateTime;

/** A principal lets a delegate act for them, of one kind, within a window (seed 000 §7.1). */
public record Delegation(long id, String principal, String delegate, String kind, LocalDateTime startsAt,
                         LocalDateTime endsAt, LocalDateTime revokedAt) {

    /** Creating records on the principal's behalf. */
    public static final String CREATE = "create_on_behalf";
    /** Approving the principal's tasks. */
    public static final String APPROVE = "approve_on_behalf";

    public boolean activeAt(LocalDateTime at) {
        return revokedAt == null && !at.isBefore(startsAt) && at.isBefore(endsAt);
    }
}
