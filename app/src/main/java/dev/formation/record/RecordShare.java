package dev.formation.record;

import dev.formation.store.DateTimeColumn;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

/** Read access to a record for one user or ({@code department} set instead) a whole department. */
@MappedEntity("record_shares")
record RecordShare(@Id @GeneratedValue @Nullable Long id, String formKey, long recordId, @Nullable String username,
                   @Nullable String department, String sharedBy, @DateTimeColumn LocalDateTime sharedAt) {
}
