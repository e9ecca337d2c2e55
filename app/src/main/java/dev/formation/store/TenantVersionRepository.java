package dev.formation.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

/** The tenant's published versions, numbered from 1. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface TenantVersionRepository extends GenericRepository<TenantVersion, Long> {

    TenantVersion save(TenantVersion version);

    /** The newest version's number; null before the first publish. */
    @Nullable
    Integer findMaxVersionNumber();

    List<TenantVersion> findAll();
}
