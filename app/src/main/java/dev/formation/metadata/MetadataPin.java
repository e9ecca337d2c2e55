package dev.formation.metadata;

import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.propagation.PropagatedContextElement;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Keeps one snapshot per holder for the length of a request (or any other unit of work that
 * opens one): the first {@link MetadataHolder#current()} inside the scope takes the snapshot in
 * force, and every later call in the same scope answers that one, even after a publish swapped
 * it. So code that asks the holder several times during one request (the form, then its roles,
 * then its JSON Schema) never mixes two versions of the metadata.
 *
 * <p>It lives in Micronaut's {@link PropagatedContext} rather than a thread local, because a
 * request moves between the event loop and the blocking pool and the context goes with it.
 * Pinned per holder and tenant, not globally, so any number of holders and tenants work without the HTTP filter knowing
 * which holder a request will use; the pin is taken at the first use, which is the moment the
 * request starts depending on the metadata.
 */
public final class MetadataPin implements PropagatedContextElement {

    private final Map<Key, MetadataSnapshot> pinned = new ConcurrentHashMap<>();

    /** One holder's snapshot of one tenant. */
    private record Key(MetadataHolder holder, String tenant) {
    }

    /** A new, empty pin: put it in the context of one request or unit of work. */
    public MetadataPin() {
        // the pins are taken lazily, at the first current() of each holder
    }

    /** Runs {@code work} with a pin of its own in scope, so it sees one snapshot per holder throughout. */
    public static <T> T within(Supplier<T> work) {
        return PropagatedContext.getOrEmpty().plus(new MetadataPin()).propagate(work);
    }

    /** The snapshot pinned for this holder in the current scope, pinning {@code latest} if none is yet; {@code latest} outside a scope. */
    static MetadataSnapshot pinned(MetadataHolder holder, String tenant, Supplier<MetadataSnapshot> latest) {
        return PropagatedContext.find().flatMap(c -> c.find(MetadataPin.class))
                .map(pin -> pin.pinned.computeIfAbsent(new Key(holder, tenant), h -> latest.get()))
                .orElseGet(latest);
    }
}
