package dev.formation.tenant;

import dev.formation.core.FieldError;
import dev.formation.core.StateConflictException;
import dev.formation.core.TenantScope;
import dev.formation.core.ValidationException;
import dev.formation.form.FormCatalog;
import dev.formation.i18n.Texts;
import dev.formation.metadata.MetadataHolder;
import dev.formation.metadata.MetadataSnapshot;
import dev.formation.security.PasswordHasher;
import dev.formation.security.RoleCatalog;
import dev.formation.security.UserAccount;
import dev.formation.security.UserAdministration;
import dev.formation.security.UserRepository;
import dev.formation.store.DirectConnections;
import dev.formation.store.MetadataVersions;
import dev.formation.store.SchemaSync;
import dev.formation.store.TenantSchemas;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Makes a new tenant in one call: claims the key in the platform's table, creates the tenant's
 * schema and migrates it, creates the tables of the shipped forms, and the tenant's first
 * administrator (every role the metadata marks {@code admin: true}); only then is the tenant
 * active. A failure half-way gives the key back; the schema is left, and provisioning the same key
 * again carries on from it.
 */
@Singleton
public class TenantProvisioning {

    private static final Logger LOG = LoggerFactory.getLogger(TenantProvisioning.class);

    private final Tenants tenants;
    private final TenantRepository rows;
    private final TenantSchemas schemas;
    private final DirectConnections connections;
    private final MetadataHolder metadata;
    private final MetadataVersions versions;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Tx tx;
    private final Clock clock;

    public TenantProvisioning(Tenants tenants, TenantRepository rows, TenantSchemas schemas,
                              DirectConnections connections, MetadataHolder metadata, MetadataVersions versions,
                              UserRepository users, PasswordHasher hasher, Tx tx, Clock clock) {
        this.tenants = tenants;
        this.rows = rows;
        this.schemas = schemas;
        this.connections = connections;
        this.metadata = metadata;
        this.versions = versions;
        this.users = users;
        this.hasher = hasher;
        this.tx = tx;
        this.clock = clock;
    }

    /** What a provisioning request asks for. */
    public record Request(String key, String name, String adminUsername, String adminPassword) {
    }

    public Tenant provision(Request request, Locale locale) {
        check(request, locale);
        String key = request.key();
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        Tenant claimed = new Tenant(key, request.name().strip(), Tenant.PROVISIONING, now);
        TenantScope.run(TenantScope.DEFAULT, () -> {
            if (rows.findById(key).isPresent()) {
                throw new StateConflictException("tenant.exists", key);
            }
            rows.save(claimed);
        });
        try {
            prepare(key);
            TenantScope.run(key, () -> firstAdmin(request.adminUsername().strip(), request.adminPassword(), now));
        } catch (RuntimeException e) {
            TenantScope.run(TenantScope.DEFAULT, () -> rows.deleteById(key));
            tenants.forget(key);
            throw e;
        }
        Tenant active = claimed.withStatus(Tenant.ACTIVE);
        TenantScope.run(TenantScope.DEFAULT, () -> rows.update(active));
        tenants.forget(key);
        LOG.info("Provisioned tenant {} ({}) in schema {}", key, active.name(), schemas.schemaOf(key));
        return active;
    }

    /** Migrates the tenant's schema and brings its tables in line with its metadata: at provisioning and every start. */
    void prepare(String key) {
        schemas.migrate(connections.dataSource(), key);
        TenantScope.run(key, () -> {
            MetadataSnapshot snapshot = metadata.current();
            new SchemaSync(connections).sync(snapshot.get(FormCatalog.class));
            versions.record(snapshot.set());
        });
    }

    private void firstAdmin(String username, String password, LocalDateTime now) {
        List<String> admin = metadata.current().get(RoleCatalog.class).administratorRoles();
        tx.write(c -> {
            if (users.findByUsername(username).isEmpty()) {
                users.save(new UserAccount(null, username, username, null, null, String.join(",", admin),
                        hasher.hash(password), true, null, now, null, null, null));
            }
            return null;
        });
    }

    private static void check(Request r, Locale locale) {
        List<FieldError> errors = new ArrayList<>();
        if (r.key() == null || !TenantScope.KEY.matcher(r.key()).matches() || TenantScope.isDefault(r.key())) {
            errors.add(new FieldError("key", Texts.get(locale, "tenant.badKey")));
        }
        if (r.name() == null || r.name().isBlank() || r.name().strip().length() > 100) {
            errors.add(new FieldError("name", Texts.get(locale, "tenant.badName")));
        }
        if (r.adminUsername() == null || !UserAdministration.USERNAME.matcher(r.adminUsername().strip()).matches()) {
            errors.add(new FieldError("admin/username", Texts.get(locale, "tenant.badUsername")));
        }
        if (r.adminPassword() == null || r.adminPassword().length() < UserAdministration.MIN_PASSWORD) {
            errors.add(new FieldError("admin/password", Texts.get(locale, "validation.minLength",
                    Texts.get(locale, "label.password"), UserAdministration.MIN_PASSWORD)));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
