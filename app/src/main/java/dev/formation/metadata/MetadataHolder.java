package dev.formation.metadata;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The metadata snapshot in force. Code asks for {@link #current()} once per request or
 * operation and works on what it got, so a {@link #replace} while it runs changes nothing for
 * it; the next request sees the new snapshot.
 */
public final class MetadataHolder {

    private final AtomicReference<MetadataSnapshot> current;

    public MetadataHolder(MetadataSnapshot first) {
        this.current = new AtomicReference<>(Objects.requireNonNull(first));
    }

    public MetadataSnapshot current() {
        return current.get();
    }

    public void replace(MetadataSnapshot next) {
        current.set(Objects.requireNonNull(next));
    }
}
