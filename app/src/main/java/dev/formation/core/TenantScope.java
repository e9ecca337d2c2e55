package dev.formation.core;

import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.propagation.PropagatedContextElement;

import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The tenant a request or a unit of work belongs to, carried in Micronaut's
 * {@link PropagatedContext} (like the metadata pin) so it follows the request from the event
 * loop to the blocking pool. Every database connection is pointed at this tenant's schema when
 * it is taken from the pool, and every per-tenant holder (metadata, caches) answers for it.
 * Outside any scope the tenant is {@link #DEFAULT}: a single-company installation never names one.
 */
public record TenantScope(String key) implements PropagatedContextElement {

    /** The tenant of a single-company installation; it uses the configured database as it is. */
    public static final String DEFAULT = "default";

    /** What a tenant key may be: a lower-case letter, then 1 to 30 lower-case letters or digits. */
    public static final Pattern KEY = Pattern.compile("^[a-z][a-z0-9]{1,30}$");

    public TenantScope {
        Objects.requireNonNull(key);
    }

    /** The tenant of the current scope, {@link #DEFAULT} outside any. */
    public static String current() {
        return PropagatedContext.find().flatMap(c -> c.find(TenantScope.class)).map(TenantScope::key).orElse(DEFAULT);
    }

    public static boolean isDefault(String key) {
        return DEFAULT.equals(key);
    }

    /** Runs {@code work} as {@code tenant}; it must not join a transaction of another tenant (it would use its connection). */
    public static <T> T within(String tenant, Supplier<T> work) {
        if (tenant.equals(current())) {
            return work.get();
        }
        return PropagatedContext.getOrEmpty().plus(new TenantScope(tenant)).propagate(work);
    }

    public static void run(String tenant, Runnable work) {
        within(tenant, () -> {
            work.run();
            return null;
        });
    }
}
