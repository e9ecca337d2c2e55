package dev.formation.record;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.propagation.PropagatedContextElement;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Why the writes of a scope change records' owners, such as a transfer with its reason or a
 * flow's outcome: carried in Micronaut's {@link PropagatedContext} around the work (like the
 * audit batch), so the committer can write it into the owner history whichever path the write
 * takes. Without one, the history names the write's audit action (an edit, an import).
 *
 * @param kind   what moved the records, e.g. {@code transfer} or {@code flow:customer_claim}
 * @param reason the person's reason, or null
 */
public record OwnerChange(String kind, @Nullable String reason) implements PropagatedContextElement {

    public OwnerChange {
        Objects.requireNonNull(kind);
    }

    public static Optional<OwnerChange> current() {
        return PropagatedContext.find().flatMap(c -> c.find(OwnerChange.class));
    }

    public static <T> T within(String kind, @Nullable String reason, Supplier<T> work) {
        return PropagatedContext.getOrEmpty().plus(new OwnerChange(kind, reason)).propagate(work);
    }
}
