package dev.formation.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

/** A row of {@code files}: what was uploaded, by whom; the bytes are in the {@link FileStorage}. */
@MappedEntity("files")
record StoredFileRow(@Id String id, String name, String contentType, long sizeBytes, String sha256, String createdBy,
                     @DateTimeColumn LocalDateTime createdAt) {
}
