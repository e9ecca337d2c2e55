package dev.formation.metadata;

import dev.formation.core.TenantScope;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The metadata snapshot in force, one per tenant: {@link #current()} answers the current
 * {@link TenantScope}'s. Code asks for it once per request or operation and works on what it
 * got, so a {@link #replace} while it runs changes nothing for it; the next request sees the new
 * snapshot. Inside a {@link MetadataPin} scope (every HTTP request has one) {@link #current()}
 * answers the same snapshot however often it is asked.
 *
 * <p>The tenant {@code default} gets its snapshot at start-up; another tenant's is compiled by
 * the loader the first time that tenant needs it (on this node), in that tenant's scope.
 */
public final class MetadataHolder {

    private final Map<String, AtomicReference<MetadataSnapshot>> byTenant = new ConcurrentHashMap<>();
    private final Function<String, MetadataSnapshot> loader;

    public MetadataHolder(MetadataSnapshot first) {
        this(first, tenant -> {
            throw new IllegalStateException("no metadata for the tenant " + tenant);
        });
    }

    public MetadataHolder(MetadataSnapshot first, Function<String, MetadataSnapshot> loader) {
        this.loader = loader;
        byTenant.put(TenantScope.DEFAULT, new AtomicReference<>(Objects.requireNonNull(first)));
    }

    public MetadataSnapshot current() {
        return MetadataPin.pinned(this, TenantScope.current(), this::latest);
    }

    /** The snapshot in force now, ignoring any pin: for whoever decides whether to swap it. */
    public MetadataSnapshot latest() {
        return ref().get();
    }

    public void replace(MetadataSnapshot next) {
        ref().set(Objects.requireNonNull(next));
    }

    /** Swaps only if {@code expected} is still in force, so a slow swap cannot undo a newer one. */
    public boolean replace(MetadataSnapshot expected, MetadataSnapshot next) {
        return ref().compareAndSet(expected, Objects.requireNonNull(next));
    }

    /** Drops a tenant's snapshot on this node (it is compiled again when next needed). */
    public void forget(String tenant) {
        if (!TenantScope.isDefault(tenant)) {
            byTenant.remove(tenant);
        }
    }

    private AtomicReference<MetadataSnapshot> ref() {
        String tenant = TenantScope.current();
        AtomicReference<MetadataSnapshot> found = byTenant.get(tenant);
        if (found != null) {
            return found;
        }
        // compiled outside the map's lock: two first requests may both compile, the first one in wins
        MetadataSnapshot loaded = Objects.requireNonNull(loader.apply(tenant));
        return byTenant.computeIfAbsent(tenant, t -> new AtomicReference<>(loaded));
    }
}
