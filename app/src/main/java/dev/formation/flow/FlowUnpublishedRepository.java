package dev.formation.flow;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

@JdbcRepository(dialect = Dialect.MYSQL)
interface FlowUnpublishedRepository extends GenericRepository<FlowUnpublished, String> {

    boolean existsById(String flowKey);

    FlowUnpublished save(FlowUnpublished unpublished);

    int deleteByFlowKey(String flowKey);
}
