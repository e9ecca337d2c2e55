package dev.formation.record;

import dev.formation.store.DateTimeColumn;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

/** An owner added to a record beside its main owner. */
@MappedEntity("record_owners")
record RecordOwner(@Id @GeneratedValue @Nullable Long id, String formKey, long recordId, String username,
                   String addedBy, @DateTimeColumn LocalDateTime addedAt) {
}
