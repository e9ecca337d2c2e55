package dev.formation.imports;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A record an import inserted or changed, with its version right after (a revert leaves a record
 * alone once someone changed it since) and, for a change, the values it replaced as JSON;
 * {@code outcome} is what the revert did ({@code removed}, {@code restored}, or why it kept it).
 */
@MappedEntity("import_records")
record ImportedRecord(@Id @GeneratedValue @Nullable Long id, long importId, long recordId, int recordRow,
                      String action, long versionAfter, @Nullable String beforeValues, @Nullable String outcome) {
}
