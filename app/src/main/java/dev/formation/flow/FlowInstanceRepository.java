package dev.formation.flow;

import dev.formation.store.DateTimeColumn;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Flow instances. Runs on the caller's transaction (see {@code store.Tx}). */
@JdbcRepository(dialect = Dialect.MYSQL)
interface FlowInstanceRepository extends GenericRepository<FlowInstance, Long> {

    FlowInstance save(FlowInstance instance);

    Optional<FlowInstance> findById(long id);

    /** Reads and locks the row for the rest of the transaction. */
    Optional<FlowInstance> findByIdForUpdate(long id);

    Optional<FlowInstance> findFirstByFlowKeyAndFormKeyAndRecordIdOrderByIdDesc(String flowKey, String formKey,
                                                                                long recordId);

    Optional<FlowInstance> findFirstByFlowKeyAndFormKeyAndRecordIdAndSubmitterOrderByIdDesc(
            String flowKey, String formKey, long recordId, String submitter);

    List<FlowInstance> findByFormKeyAndRecordIdAndStatusInOrderByIdDesc(String formKey, long recordId,
                                                                        Collection<String> status);

    List<Long> findIdByFormKeyAndRecordIdOrderById(String formKey, long recordId);

    /** A record's instances, newest first, as many as the page holds. */
    List<FlowInstance> findByFormKeyAndRecordIdOrderByIdDesc(String formKey, long recordId, Pageable pageable);

    boolean existsByFlowKeyAndStatusIn(String flowKey, Collection<String> status);

    long countByFlowKeyAndStatusIn(String flowKey, Collection<String> status);

    long countByFlowKeyAndSubmitterAndStartedAtGreaterThanEqualsAndStatusNotEqual(String flowKey, String submitter,
                                                                                  @DateTimeColumn LocalDateTime since, String status);

    /** Which definition each instance started on. */
    List<Definition> findByIdIn(Collection<Long> ids);

    @Introspected
    record Definition(long id, long definitionId) {
    }

    /** The payloads written so far, for links that start-up backfills. */
    @Query("SELECT `id`, `form_key`, `payload` FROM `flow_instances` WHERE `payload` IS NOT NULL")
    List<Payload> payloads();

    /** The details of comments, with the form of their instance. */
    @Query("SELECT e.`instance_id` AS `id`, i.`form_key` AS `form_key`, e.`details` AS `payload` FROM `flow_events` e "
            + "JOIN `flow_instances` i ON i.`id` = e.`instance_id` WHERE e.`details` IS NOT NULL AND e.`action` = 'comment'")
    List<Payload> commentDetails();

    /** JSON of an instance (or one of its events) as stored. */
    @Introspected
    record Payload(long id, String formKey, String payload) {
    }

    /** Optimistic: 0 rows when somebody saved the instance since {@code version}. */
    @Query("UPDATE `flow_instances` SET `status` = :status, `current_node` = :currentNode, `payload` = :payloadJson, "
            + "`ended_at` = :endedAt, `version` = `version` + 1 WHERE `id` = :id AND `version` = :version")
    int update(long id, long version, String status, @Nullable String currentNode, @Nullable String payloadJson,
               @Nullable @DateTimeColumn LocalDateTime endedAt);
}
