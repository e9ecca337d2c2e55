package dev.formation.flow;

import dev.formation.store.DateTimeColumn;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

/** Which node runs a background job, and until when unless it renews. */
@MappedEntity("job_leases")
record JobLease(@Id String job, String holder, @DateTimeColumn LocalDateTime untilAt) {
}
