package dev.formation.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Uploaded files' rows. Runs on the caller's transaction (see {@link Tx}). */
@JdbcRepository(dialect = Dialect.MYSQL)
interface FileRepository extends GenericRepository<StoredFileRow, String> {

    StoredFileRow save(StoredFileRow file);

    boolean existsById(String id);

    @Query("SELECT `created_by` FROM `files` WHERE `id` = :id")
    Optional<String> uploader(String id);

    List<StoredFileRow> findByIdIn(Collection<String> ids);
}
