package dev.formation.flow;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface FlowEventRepository extends GenericRepository<FlowEvent, Long> {

    FlowEvent save(FlowEvent event);

    List<FlowEvent> findByInstanceIdOrderById(long instanceId);
}
