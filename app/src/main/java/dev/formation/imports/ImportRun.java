package dev.formation.imports;

import dev.formation.store.DateTimeColumn;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.LocalDateTime;

/**
 * One import of a spreadsheet into a form: what was asked (mode, key, dry run), the uploaded file,
 * and how far it is. Status: {@code queued} → {@code running} → {@code done} | {@code failed}
 * (the file could not be read at all); a done import may be reverted ({@code reverting} →
 * {@code reverted}).
 */
@MappedEntity("imports")
record ImportRun(@Id @GeneratedValue @Nullable Long id, String formKey, @MappedProperty("import_mode") String mode,
                 @Nullable String keyField, boolean dryRun, String fileId, String fileName, String locale,
                 String status, int total, int processed, int inserted, int updated, int failed,
                 @Nullable String message, String createdBy, @DateTimeColumn LocalDateTime createdAt,
                 @DateTimeColumn LocalDateTime heartbeatAt, @Nullable @DateTimeColumn LocalDateTime finishedAt,
                 @Nullable String revertedBy, @Nullable @DateTimeColumn LocalDateTime revertedAt, int reverted,
                 int kept) {

    static final String QUEUED = "queued";
    static final String RUNNING = "running";
    static final String DONE = "done";
    static final String FAILED = "failed";
    static final String REVERTING = "reverting";
    static final String REVERTED = "reverted";

    static final String INSERT = "insert";
    static final String UPSERT = "upsert";
}
