package dev.formation.flow;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

@JdbcRepository(dialect = Dialect.MYSQL)
interface FlowLockRepository extends GenericRepository<FlowLock, String> {

    boolean existsById(String lockKey);

    FlowLock save(FlowLock lock);

    void deleteByInstanceId(long instanceId);
}
