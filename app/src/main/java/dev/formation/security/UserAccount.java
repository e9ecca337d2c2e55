package dev.formation.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/** A user who can log in. Roles are role keys, comma-separated in storage. */
@MappedEntity("users")
public record UserAccount(
        @Id @GeneratedValue @Nullable Long id,
        String username,
        String name,
        @Nullable String email,
        @Nullable String department,
        String roles,
        String passwordHash,
        boolean enabled,
        @Nullable String locale,
        LocalDateTime createdAt,
        @Nullable String supervisor,
        @Nullable LocalDateTime passwordChangedAt,
        @Nullable String mobile) {

    public List<String> roleList() {
        return roleList(roles);
    }

    /** Role keys from their stored, comma-separated form. */
    static List<String> roleList(String stored) {
        return stored == null || stored.isBlank() ? List.of()
                : Arrays.stream(stored.split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList();
    }
}
