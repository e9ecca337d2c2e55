package dev.formation.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One-off work a migration left for the application's next start-up. */
@MappedEntity("startup_tasks")
public record StartupTask(@Id String task) {
}
