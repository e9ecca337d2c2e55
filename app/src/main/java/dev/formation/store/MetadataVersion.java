package dev.formation.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

/** One stored version of a definition: its merged content as JSON and that content's hash. */
@MappedEntity("metadata_versions")
public record MetadataVersion(@Id @GeneratedValue @Nullable Long id, String kind, String docKey, String sha256,
                              String content, @DateTimeColumn LocalDateTime loadedAt) {
}
