package dev.formation.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

/** Auto-number counters (see {@link NumberAllocator}). */
@JdbcRepository(dialect = Dialect.MYSQL)
interface NumberCounterRepository extends GenericRepository<NumberCounter, String> {

    /** Moves the counter on by a block; the row stays locked until the reserving transaction ends. */
    @Query("UPDATE `number_counters` SET `last_value` = `last_value` + :block WHERE `counter_key` = :counterKey")
    int advance(String counterKey, long block);

    Optional<Long> findLastValueByCounterKey(String counterKey);

    NumberCounter save(NumberCounter counter);
}
