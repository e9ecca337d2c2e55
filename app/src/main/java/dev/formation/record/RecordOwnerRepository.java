package dev.formation.record;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

/** Added owners of records. Runs on the caller's transaction (see {@code store.Tx}). */
@JdbcRepository(dialect = Dialect.MYSQL)
interface RecordOwnerRepository extends GenericRepository<RecordOwner, Long> {

    RecordOwner save(RecordOwner owner);

    List<String> findUsernameByFormKeyAndRecordIdOrderById(String formKey, long recordId);

    boolean existsByFormKeyAndRecordIdAndUsername(String formKey, long recordId, String username);

    void deleteByFormKeyAndRecordId(String formKey, long recordId);
}
