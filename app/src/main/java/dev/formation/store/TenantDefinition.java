package dev.formation.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

/** One definition of the tenant's draft layer: the tenant's own YAML for it, not the merged result. */
@MappedEntity("tenant_metadata_drafts")
public record TenantDefinition(@Id @GeneratedValue @Nullable Long id, String kind, String docKey, String content,
                               String author, @DateTimeColumn LocalDateTime changedAt) {
}
