package dev.formation.security;

import dev.formation.store.DateTimeColumn;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

/** A line of the login log. */
@MappedEntity("login_log")
record LoginEntry(@Id @GeneratedValue @Nullable Long id, @DateTimeColumn LocalDateTime at, String username, String outcome,
                  @Nullable String clientAddress) {
}
