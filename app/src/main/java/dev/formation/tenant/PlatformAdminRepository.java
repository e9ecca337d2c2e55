package dev.formation.tenant;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/** The platform administrators; used in the scope of the tenant {@code default} only. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface PlatformAdminRepository extends GenericRepository<PlatformAdmin, String> {

    PlatformAdmin save(PlatformAdmin admin);

    boolean existsById(String username);
}
