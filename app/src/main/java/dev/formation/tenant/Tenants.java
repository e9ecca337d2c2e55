package dev.formation.tenant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.formation.config.TenantSettings;
import dev.formation.core.EachTenant;
import dev.formation.core.TenantScope;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tenants this deployment serves, as the platform's table has them, read in the scope of the
 * tenant {@code default} (whose database holds that table) and kept for a moment
 * ({@code formation.tenants.status-cache-seconds}) so checking every request costs no query; a
 * suspension made on another node counts here once that moment is over.
 *
 * <p>Also runs background jobs once per active tenant ({@link EachTenant}).
 */
@Singleton
public class Tenants implements EachTenant {

    private static final Logger LOG = LoggerFactory.getLogger(Tenants.class);

    /** The tenant {@code default} is always there and always active; it has no row. */
    static final Tenant DEFAULT = new Tenant(TenantScope.DEFAULT, TenantScope.DEFAULT, Tenant.ACTIVE,
            LocalDateTime.of(2000, 1, 1, 0, 0));

    private final TenantRepository rows;
    private final Cache<String, Optional<Tenant>> known;
    private final Cache<String, List<String>> active;
    /** Set once start-up migrated the platform's tables: before that only {@code default} exists. */
    private volatile boolean ready;

    public Tenants(TenantRepository rows, TenantSettings settings) {
        this.rows = rows;
        Duration trust = Duration.ofSeconds(Math.max(0, settings.getStatusCacheSeconds()));
        this.known = Caffeine.newBuilder().expireAfterWrite(trust).maximumSize(10_000).build();
        this.active = Caffeine.newBuilder().expireAfterWrite(trust).maximumSize(1).build();
    }

    void ready() {
        ready = true;
    }

    /** The tenant of that key, as of a moment ago; empty when there is none (or it is still being provisioned). */
    public Optional<Tenant> find(String key) {
        if (TenantScope.isDefault(key)) {
            return Optional.of(DEFAULT);
        }
        if (!ready || !TenantScope.KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        return known.get(key, k -> fresh(k).filter(t -> !Tenant.PROVISIONING.equals(t.status())));
    }

    /** The tenant's row as the database has it now. */
    Optional<Tenant> fresh(String key) {
        return TenantScope.within(TenantScope.DEFAULT, () -> rows.findById(key));
    }

    /** Every tenant but {@code default}, by key. */
    public List<Tenant> all() {
        return ready ? TenantScope.within(TenantScope.DEFAULT, rows::findAllOrderByKey) : List.of();
    }

    /** {@code default} first, then every active tenant. */
    public List<String> activeKeys() {
        if (!ready) {
            return List.of(TenantScope.DEFAULT);
        }
        return active.get("all", k -> {
            List<String> keys = new ArrayList<>();
            keys.add(TenantScope.DEFAULT);
            TenantScope.within(TenantScope.DEFAULT, () -> rows.findByStatusOrderByKey(Tenant.ACTIVE))
                    .forEach(t -> keys.add(t.key()));
            return List.copyOf(keys);
        });
    }

    /** Forgets what this node read of a tenant after changing it, so the change counts here at once. */
    void forget(String key) {
        known.invalidate(key);
        active.invalidateAll();
    }

    @Override
    public void run(String job, Runnable work) {
        for (String key : activeKeys()) {
            try {
                TenantScope.run(key, work);
            } catch (RuntimeException e) {
                // one tenant's trouble (its schema away, a bad row) must not hold up the others
                LOG.error("Job {} failed for tenant {}; it runs again at the next tick", job, key, e);
            }
        }
    }
}
