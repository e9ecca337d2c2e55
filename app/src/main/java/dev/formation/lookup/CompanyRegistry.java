package dev.formation.lookup;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

/** One load of a registry file; the newest one is searched. */
@MappedEntity("company_registries")
public record CompanyRegistry(
        @Id @GeneratedValue @Nullable Long id,
        String fileName,
        byte[] content,
        String checksum,
        int companies,
        String loadedBy,
        LocalDateTime loadedAt) {
}
