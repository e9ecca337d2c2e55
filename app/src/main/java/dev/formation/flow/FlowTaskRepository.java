package dev.formation.flow;

import dev.formation.store.DateTimeColumn;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDateTime;
import java.util.Optional;
import java.util.List;

/** Flow tasks. Runs on the caller's transaction (see {@code store.Tx}). */
@JdbcRepository(dialect = Dialect.MYSQL)
interface FlowTaskRepository extends GenericRepository<FlowTask, Long> {

    FlowTask save(FlowTask task);

    Optional<FlowTask> findById(long id);

    List<FlowTask> findByInstanceIdOrderById(long instanceId);

    /** Closes a task only if it is still open: 0 rows when someone else closed it first. */
    @Query("UPDATE `flow_tasks` SET `status` = :status, `acted_by` = :actedBy, `on_behalf_of` = :onBehalfOf, "
            + "`comment` = :comment, `acted_at` = :at, `version` = `version` + 1 "
            + "WHERE `id` = :id AND `status` IN ('pending', 'waiting')")
    int finish(long id, String status, @Nullable String actedBy, @Nullable String onBehalfOf, @Nullable String comment,
               @DateTimeColumn LocalDateTime at);

    @Query("UPDATE `flow_tasks` SET `status` = :status, `due_at` = :due, `version` = `version` + 1 WHERE `id` = :id")
    void setStatus(long id, String status, @Nullable @DateTimeColumn LocalDateTime due);

    @Query("UPDATE `flow_tasks` SET `step` = `step` + 1 "
            + "WHERE `instance_id` = :instanceId AND `node_key` = :node AND `visit` = :visit AND `step` >= :fromStep")
    void shiftSteps(long instanceId, String node, int visit, int fromStep);

    @Query("UPDATE `flow_tasks` SET `reminded_at` = :at, `due_at` = NULL WHERE `id` = :id")
    void markReminded(long id, @DateTimeColumn LocalDateTime at);

    @Query("UPDATE `flow_tasks` SET `read_at` = :at WHERE `id` = :id AND `read_at` IS NULL")
    void markRead(long id, @DateTimeColumn LocalDateTime at);

    /** Pending tasks whose time ran out, longest overdue first. */
    @Query("SELECT `id` FROM `flow_tasks` WHERE `status` = 'pending' AND `due_at` IS NOT NULL AND `due_at` <= :now "
            + "ORDER BY `due_at` LIMIT :limit")
    List<Long> overdue(@DateTimeColumn LocalDateTime now, int limit);
}
