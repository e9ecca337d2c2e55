package dev.formation.tenant;

import dev.formation.config.TenantSettings;
import dev.formation.core.TenantScope;
import dev.formation.store.DirectConnections;
import dev.formation.store.TenantSchemas;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * At start-up: the platform's tables exist (before any bean reads them), the configured
 * platform administrators are in them, and every active tenant's schema is migrated to this
 * version of the app and synchronised with its forms before the server takes requests.
 */
@Context
@Singleton
public class TenantStartup {

    private static final Logger LOG = LoggerFactory.getLogger(TenantStartup.class);

    private final TenantSchemas schemas;
    private final DirectConnections connections;
    private final Tenants tenants;
    private final TenantProvisioning provisioning;
    private final PlatformAdminRepository admins;
    private final TenantSettings settings;
    private final Clock clock;

    public TenantStartup(TenantSchemas schemas, DirectConnections connections, Tenants tenants,
                         TenantProvisioning provisioning, PlatformAdminRepository admins, TenantSettings settings,
                         Clock clock) {
        this.schemas = schemas;
        this.connections = connections;
        this.tenants = tenants;
        this.provisioning = provisioning;
        this.admins = admins;
        this.settings = settings;
        this.clock = clock;
    }

    @PostConstruct
    void platformTables() {
        schemas.migratePlatform(connections.dataSource());
        TenantScope.run(TenantScope.DEFAULT, () -> {
            LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
            for (String username : settings.getPlatformAdmins()) {
                String name = username.strip();
                if (!name.isEmpty() && !admins.existsById(name)) {
                    admins.save(new PlatformAdmin(name, now));
                    LOG.info("{} of the tenant default is a platform administrator (formation.tenants.platform-admins)", name);
                }
            }
        });
        tenants.ready();
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        for (String key : tenants.activeKeys()) {
            if (!TenantScope.isDefault(key)) {
                provisioning.prepare(key);
            }
        }
    }
}
