package dev.formation.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

/** The definitions each published version holds. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface TenantPublishedRepository extends GenericRepository<TenantPublished, Long> {

    TenantPublished save(TenantPublished definition);

    List<TenantPublished> findByVersionNumber(int versionNumber);
}
