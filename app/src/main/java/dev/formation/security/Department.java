package dev.formation.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

/**
 * A unit of the organisation tree: the company, a branch company, a department or a team
 * ({@code kind}), with its leader. {@code key} is what department fields store.
 */
@MappedEntity("departments")
public record Department(
        @Id @GeneratedValue @Nullable Long id,
        @MappedProperty("dept_key") String key,
        String name,
        @Nullable String parentKey,
        String kind,
        @Nullable String leader) {

    public static final String COMPANY = "company";
    public static final String BRANCH = "branch";
    public static final String TEAM = "team";
    public static final String DEPARTMENT = "department";
}
