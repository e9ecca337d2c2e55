package dev.formation.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

/** One publish of the tenant's layer. */
@MappedEntity("tenant_metadata_versions")
public record TenantVersion(@Id @GeneratedValue @Nullable Long id, int versionNumber, String author,
                            @DateTimeColumn LocalDateTime publishedAt, @Nullable String note) {
}
