package dev.formation.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/** The tenant's draft layer, one row per definition it changes. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface TenantDefinitionRepository extends GenericRepository<TenantDefinition, Long> {

    TenantDefinition save(TenantDefinition definition);

    TenantDefinition update(TenantDefinition definition);

    Optional<TenantDefinition> findByKindAndDocKey(String kind, String docKey);

    List<TenantDefinition> findAll();

    void deleteByKindAndDocKey(String kind, String docKey);

    void deleteAll();
}
