package dev.formation.security;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

/**
 * The audit log. Writes run on the caller's transaction (see {@code store.Tx}); the operation
 * log's optional filters are criteria ({@link AuditQuery}).
 */
@JdbcRepository(dialect = Dialect.MYSQL)
interface AuditRepository extends GenericRepository<AuditEntry, Long>, JpaSpecificationExecutor<AuditEntry> {

    AuditEntry save(AuditEntry entry);

    Page<AuditEntry> findAll(Pageable pageable);
}
