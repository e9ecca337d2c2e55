package dev.formation.security;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface DepartmentRepository extends CrudRepository<Department, Long> {

    Optional<Department> findByKey(String key);

    List<Department> findByKeyIn(Collection<String> keys);

    List<Department> findAllOrderByName();
}
