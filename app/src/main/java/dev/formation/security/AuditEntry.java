package dev.formation.security;

import dev.formation.store.DateTimeColumn;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

/**
 * One audit entry; {@code changes} is field → [before, after] as JSON text, kept as text so that
 * an entry that cannot be read is still shown ({@link AuditQuery}).
 */
@MappedEntity("audit_log")
record AuditEntry(@Id @GeneratedValue @Nullable Long id, @DateTimeColumn LocalDateTime at, String username, String action,
                  @Nullable String formKey, @Nullable Long recordId,
                  @Nullable String changes,
                  @Nullable String onBehalfOf, @Nullable String clientAddress,
                  @Nullable String batch) {
}
