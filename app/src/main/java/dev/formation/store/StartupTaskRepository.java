package dev.formation.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

/** Start-up tasks: the node that locks one does it, in the transaction that deletes it. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface StartupTaskRepository extends GenericRepository<StartupTask, String> {

    /** Reads and locks the task, so that of nodes starting together one does it. */
    Optional<StartupTask> findByTaskForUpdate(String task);

    void deleteByTask(String task);
}
