package dev.formation.metadata;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The metadata snapshot in force. Code asks for {@link #current()} once per request or
 * operation and works on what it got, so a {@link #replace} while it runs changes nothing for
 * it; the next request sees the new snapshot. Inside a {@link MetadataPin} scope (every HTTP
 * request has one) {@link #current()} answers the same snapshot however often it is asked.
 */
public final class MetadataHolder {

    private final AtomicReference<MetadataSnapshot> current;

    public MetadataHolder(MetadataSnapshot first) {
        this.current = new AtomicReference<>(Objects.requireNonNull(first));
    }

    public MetadataSnapshot current() {
        return MetadataPin.pinned(this, current::get);
    }

    /** The snapshot in force now, ignoring any pin: for whoever decides whether to swap it. */
    public MetadataSnapshot latest() {
        return current.get();
    }

    public void replace(MetadataSnapshot next) {
        current.set(Objects.requireNonNull(next));
    }

    /** Swaps only if {@code expected} is still in force, so a slow swap cannot undo a newer one. */
    public boolean replace(MetadataSnapshot expected, MetadataSnapshot next) {
        return current.compareAndSet(expected, Objects.requireNonNull(next));
    }
}
