package dev.formation.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One definition of the tenant's layer as a version published it. */
@MappedEntity("tenant_metadata_published")
public record TenantPublished(@Id @GeneratedValue @Nullable Long id, int versionNumber, String kind, String docKey,
                              String content) {
}
