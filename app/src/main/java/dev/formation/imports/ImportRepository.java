package dev.formation.imports;

import dev.formation.store.DateTimeColumn;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.LocalDateTime;
import java.util.List;

/** Imports, newest first per form. The MySQL dialect also serves H2, which runs in MySQL mode. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface ImportRepository extends CrudRepository<ImportRun, Long> {

    @Query("SELECT * FROM `imports` WHERE `form_key` = :formKey ORDER BY `id` DESC LIMIT :limit")
    List<ImportRun> findNewest(String formKey, int limit);

    @Query("UPDATE `imports` SET `status` = :status, `total` = :total, `processed` = :processed, "
            + "`inserted` = :inserted, `updated` = :updated, `failed` = :failed, `heartbeat_at` = :at WHERE `id` = :id")
    void progress(long id, String status, int total, int processed, int inserted, int updated, int failed,
                  @DateTimeColumn LocalDateTime at);

    @Query("UPDATE `imports` SET `status` = :status, `message` = :message, `finished_at` = :at, "
            + "`heartbeat_at` = :at WHERE `id` = :id")
    void finish(long id, String status, @Nullable String message, @DateTimeColumn LocalDateTime at);

    /** Starts a revert of a finished import, once: false when it is not (or no longer) revertible. */
    @Query("UPDATE `imports` SET `status` = 'reverting', `reverted_by` = :by, `reverted_at` = :at, "
            + "`heartbeat_at` = :at WHERE `id` = :id AND `status` = 'done' AND `dry_run` = FALSE")
    int startRevert(long id, String by, @DateTimeColumn LocalDateTime at);

    @Query("UPDATE `imports` SET `status` = :status, `reverted` = :reverted, `kept` = :kept, `heartbeat_at` = :at "
            + "WHERE `id` = :id")
    void revertProgress(long id, String status, int reverted, int kept, @DateTimeColumn LocalDateTime at);
}
