package dev.formation.flow;

import dev.formation.store.DateTimeColumn;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

/** A flow an administrator took out of service: it starts no new instances. */
@MappedEntity("flow_unpublished")
record FlowUnpublished(@Id String flowKey, String unpublishedBy, @DateTimeColumn LocalDateTime unpublishedAt) {
}
