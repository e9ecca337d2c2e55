package dev.formation.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

/** Links of files to the places that hold them. Runs on the caller's transaction (see {@link Tx}). */
@JdbcRepository(dialect = Dialect.MYSQL)
interface FileLinkRepository extends GenericRepository<StoredFileLink, Long> {

    List<StoredFileLink> findByFileId(String fileId);

    void deleteByHolderAndFormKeyAndHolderId(String holder, String formKey, long holderId);

    /** One batch insert. */
    List<StoredFileLink> saveAll(Iterable<StoredFileLink> links);
}
