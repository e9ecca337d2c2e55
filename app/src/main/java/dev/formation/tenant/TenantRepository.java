package dev.formation.tenant;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/** The platform's tenants; only ever used in the scope of the tenant {@code default}, whose database holds them. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface TenantRepository extends GenericRepository<Tenant, String> {

    Tenant save(Tenant tenant);

    Tenant update(Tenant tenant);

    Optional<Tenant> findById(String key);

    List<Tenant> findAllOrderByKey();

    List<Tenant> findByStatusOrderByKey(String status);

    void deleteById(String key);
}
