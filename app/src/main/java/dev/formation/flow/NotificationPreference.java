package dev.formation.flow;

import dev.formation.store.DateTimeColumn;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

/** A person's own channels for notifications, comma-separated; empty for the inbox only. */
@MappedEntity("notification_preferences")
record NotificationPreference(@Id String username, String channels, @DateTimeColumn LocalDateTime changedAt) {
}
