package dev.formation.tenant;

import dev.formation.core.Actor;
import dev.formation.core.ForbiddenException;
import dev.formation.core.NotFoundException;
import dev.formation.core.TenantScope;
import dev.formation.form.FormCatalog;
import dev.formation.metadata.MetadataHolder;
import dev.formation.security.UserRepository;
import dev.formation.store.RecordCounts;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a platform administrator may do: list the tenants (with their user and record counts),
 * provision one, suspend and resume one. A platform administrator is a user of the tenant
 * {@code default} listed in the platform's table; anyone else is refused, whatever their roles
 * in a tenant.
 */
@Singleton
public class PlatformAdministration {

    private final Tenants tenants;
    private final TenantRepository rows;
    private final PlatformAdminRepository admins;
    private final TenantProvisioning provisioning;
    private final UserRepository users;
    private final RecordCounts records;
    private final MetadataHolder metadata;
    private final Tx tx;

    public PlatformAdministration(Tenants tenants, TenantRepository rows, PlatformAdminRepository admins,
                                  TenantProvisioning provisioning, UserRepository users, RecordCounts records,
                                  MetadataHolder metadata, Tx tx) {
        this.tenants = tenants;
        this.rows = rows;
        this.admins = admins;
        this.provisioning = provisioning;
        this.users = users;
        this.records = records;
        this.metadata = metadata;
        this.tx = tx;
    }

    public List<Map<String, Object>> list(Actor actor) {
        require(actor);
        return tenants.all().stream().map(this::describeWithCounts).toList();
    }

    public Map<String, Object> get(Actor actor, String key) {
        require(actor);
        return describeWithCounts(existing(key));
    }

    public Map<String, Object> provision(Actor actor, TenantProvisioning.Request request, Locale locale) {
        require(actor);
        return describe(provisioning.provision(request, locale));
    }

    /** Refuses the tenant's logins and requests from now on (on every node within the status cache); its data stays. */
    public Map<String, Object> suspend(Actor actor, String key) {
        return setStatus(actor, key, Tenant.SUSPENDED);
    }

    public Map<String, Object> resume(Actor actor, String key) {
        return setStatus(actor, key, Tenant.ACTIVE);
    }

    private Map<String, Object> setStatus(Actor actor, String key, String status) {
        require(actor);
        Tenant tenant = existing(key);
        Tenant changed = tenant.withStatus(status);
        TenantScope.run(TenantScope.DEFAULT, () -> rows.update(changed));
        tenants.forget(key);
        return describe(changed);
    }

    private Tenant existing(String key) {
        return tenants.fresh(key).filter(t -> !Tenant.PROVISIONING.equals(t.status()))
                .orElseThrow(() -> new NotFoundException("tenant " + key));
    }

    /** Whether this user of the tenant in scope is a platform administrator. */
    public boolean isPlatformAdmin(String username) {
        return TenantScope.isDefault(TenantScope.current())
                && TenantScope.within(TenantScope.DEFAULT, () -> admins.existsById(username));
    }

    private void require(Actor actor) {
        if (actor == null || !isPlatformAdmin(actor.realUsername())) {
            throw new ForbiddenException("platform administration");
        }
    }

    private static Map<String, Object> describe(Tenant t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", t.key());
        out.put("name", t.name());
        out.put("status", t.status());
        out.put("createdAt", t.createdAt().toString());
        return out;
    }

    private Map<String, Object> describeWithCounts(Tenant t) {
        Map<String, Object> out = describe(t);
        TenantScope.run(t.key(), () -> {
            out.put("users", tx.read(c -> users.count()));
            out.put("records", records.total(metadata.current().get(FormCatalog.class)));
        });
        return out;
    }
}
