package dev.formation.record;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

/** Shares of records. Runs on the caller's transaction (see {@code store.Tx}). */
@JdbcRepository(dialect = Dialect.MYSQL)
interface RecordShareRepository extends GenericRepository<RecordShare, Long> {

    RecordShare save(RecordShare share);

    List<RecordShare> findByFormKeyAndRecordIdOrderById(String formKey, long recordId);

    int deleteByFormKeyAndRecordIdAndUsername(String formKey, long recordId, String username);

    int deleteByFormKeyAndRecordIdAndDepartment(String formKey, long recordId, String department);
}
