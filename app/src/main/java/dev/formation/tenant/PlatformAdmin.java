package dev.formation.tenant;

import dev.formation.store.DateTimeColumn;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

/** A user of the tenant {@code default} who administers the platform (the tenants). */
@MappedEntity("platform_admins")
public record PlatformAdmin(@Id String username, @DateTimeColumn LocalDateTime createdAt) {
}
