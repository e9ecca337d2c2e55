package dev.formation.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

/** A department of the organisation tree; {@code key} is what department fields store. */
@MappedEntity("departments")
public record Department(
        @Id @GeneratedValue @Nullable Long id,
        @MappedProperty("dept_key") String key,
        String name,
        @Nullable String parentKey) {
}
