package dev.formation.tenant;

import dev.formation.store.DateTimeColumn;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.LocalDateTime;

/** A company served by this deployment, as the platform's table has it. */
@MappedEntity("platform_tenants")
public record Tenant(@Id @MappedProperty("tenant_key") String key, String name, String status,
                     @DateTimeColumn LocalDateTime createdAt) {

    public static final String PROVISIONING = "provisioning";
    public static final String ACTIVE = "active";
    public static final String SUSPENDED = "suspended";

    public boolean active() {
        return ACTIVE.equals(status);
    }

    public Tenant withStatus(String next) {
        return new Tenant(key, name, next, createdAt);
    }
}
