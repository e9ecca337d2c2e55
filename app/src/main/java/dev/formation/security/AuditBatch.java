package dev.formation.security;

import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.propagation.PropagatedContextElement;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The batch a write belongs to, such as {@code import:12}: carried in Micronaut's
 * {@link PropagatedContext} around the batch's work, so that every audit entry written inside
 * names it ({@code audit_log.batch}) without each write passing it along. The record service
 * writes the same way for a batch as for a single request; only the entry says where it came from.
 */
public record AuditBatch(String name) implements PropagatedContextElement {

    public AuditBatch {
        Objects.requireNonNull(name);
    }

    /** The batch of the current scope, if any. */
    public static Optional<String> current() {
        return PropagatedContext.find().flatMap(c -> c.find(AuditBatch.class)).map(AuditBatch::name);
    }

    /** Runs {@code work} with its audit entries naming {@code batch}. */
    public static <T> T within(String batch, Supplier<T> work) {
        return PropagatedContext.getOrEmpty().plus(new AuditBatch(batch)).propagate(work);
    }
}
