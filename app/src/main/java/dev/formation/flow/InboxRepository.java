package dev.formation.flow;

import dev.formation.store.DateTimeColumn;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;

/**
 * The boxes of {@link Inbox}: tasks with their instance, or (my applications) instances alone.
 * Pages are {@code LIMIT :size OFFSET :offset}, each box with its count.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
interface InboxRepository extends GenericRepository<FlowTask, Long> {

    /** A line of a box; the task's columns are null in "mine", which lists instances. */
    @Introspected
    record Line(@Nullable Long taskId, @Nullable String nodeKey, @Nullable String taskStatus,
                @Nullable String assignee, @Nullable String actedBy, @Nullable String onBehalfOf,
                @Nullable @DateTimeColumn LocalDateTime createdAt, @Nullable @DateTimeColumn LocalDateTime actedAt, @Nullable @DateTimeColumn LocalDateTime dueAt,
                @Nullable @DateTimeColumn LocalDateTime readAt, @Nullable Long taskVersion, long instanceId, String flowKey,
                long definitionId, String formKey, long recordId, @Nullable String title, String instanceStatus,
                String submitter, @DateTimeColumn LocalDateTime startedAt, @Nullable @DateTimeColumn LocalDateTime endedAt,
                @Nullable String currentNode) {
    }

    String TASK_LINE = "SELECT t.`id` AS `task_id`, t.`node_key` AS `node_key`, t.`status` AS `task_status`, "
            + "t.`assignee` AS `assignee`, t.`acted_by` AS `acted_by`, t.`on_behalf_of` AS `on_behalf_of`, "
            + "t.`created_at` AS `created_at`, t.`acted_at` AS `acted_at`, t.`due_at` AS `due_at`, "
            + "t.`read_at` AS `read_at`, t.`version` AS `task_version`, " + "i.`id` AS `instance_id`, "
            + "i.`flow_key` AS `flow_key`, i.`definition_id` AS `definition_id`, i.`form_key` AS `form_key`, "
            + "i.`record_id` AS `record_id`, i.`title` AS `title`, i.`status` AS `instance_status`, "
            + "i.`submitter` AS `submitter`, i.`started_at` AS `started_at`, i.`ended_at` AS `ended_at`, "
            + "i.`current_node` AS `current_node` ";
    String TASKS = "FROM `flow_tasks` t JOIN `flow_instances` i ON i.`id` = t.`instance_id` ";
    String PENDING = "WHERE t.`kind` = 'approval' AND t.`status` = 'pending' AND i.`status` = 'running' "
            + "AND t.`assignee` IN (:people) ";
    String DONE = "WHERE t.`kind` = 'approval' AND t.`status` IN ('approved', 'rejected', 'transferred') "
            + "AND (t.`acted_by` = :username OR t.`on_behalf_of` = :username) ";
    String CC = "WHERE t.`kind` = 'cc' AND t.`assignee` = :username ";
    String INSTANCE_LINE = "SELECT NULL AS `task_id`, i.`current_node` AS `node_key`, NULL AS `task_status`, "
            + "NULL AS `assignee`, NULL AS `acted_by`, NULL AS `on_behalf_of`, NULL AS `created_at`, "
            + "NULL AS `acted_at`, NULL AS `due_at`, NULL AS `read_at`, NULL AS `task_version`, "
            + "i.`id` AS `instance_id`, i.`flow_key` AS `flow_key`, i.`definition_id` AS `definition_id`, "
            + "i.`form_key` AS `form_key`, i.`record_id` AS `record_id`, i.`title` AS `title`, "
            + "i.`status` AS `instance_status`, i.`submitter` AS `submitter`, i.`started_at` AS `started_at`, "
            + "i.`ended_at` AS `ended_at`, i.`current_node` AS `current_node` ";
    String MINE = "FROM `flow_instances` i WHERE i.`submitter` = :username "
            // COALESCE, not ":status IS NULL OR …": H2 cannot type a parameter that stands alone
            + "AND i.`status` = COALESCE(:status, i.`status`) AND i.`flow_key` = COALESCE(:flow, i.`flow_key`) ";
    String PAGE = "LIMIT :size OFFSET :offset";

    @Query(TASK_LINE + TASKS + PENDING + "ORDER BY t.`id` DESC " + PAGE)
    List<Line> pending(Collection<String> people, int size, long offset);

    @Query("SELECT COUNT(*) " + TASKS + PENDING)
    int countPending(Collection<String> people);

    @Query(TASK_LINE + TASKS + DONE + "ORDER BY t.`acted_at` DESC, t.`id` DESC " + PAGE)
    List<Line> done(String username, int size, long offset);

    @Query("SELECT COUNT(*) " + TASKS + DONE)
    int countDone(String username);

    @Query(TASK_LINE + TASKS + CC + "ORDER BY t.`id` DESC " + PAGE)
    List<Line> cc(String username, int size, long offset);

    @Query("SELECT COUNT(*) " + TASKS + CC)
    int countCc(String username);

    @Query("SELECT COUNT(*) FROM `flow_tasks` WHERE `kind` = 'cc' AND `assignee` = :username AND `read_at` IS NULL")
    int countCcUnread(String username);

    /** My applications, of a status and a flow when given. */
    @Query(INSTANCE_LINE + MINE + "ORDER BY i.`id` DESC " + PAGE)
    List<Line> mine(String username, @Nullable String status, @Nullable String flow, int size, long offset);

    @Query("SELECT COUNT(*) " + MINE)
    int countMine(String username, @Nullable String status, @Nullable String flow);
}
