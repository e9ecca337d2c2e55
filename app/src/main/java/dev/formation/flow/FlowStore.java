package dev.formation.flow;

import dev.formation.security.UserRepository;
import dev.formation.store.Database;
import dev.formation.store.JsonMapConverter;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.model.Pageable;
import jakarta.inject.Singleton;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Instances, tasks, events and locks, over their repositories. Callers hold the transaction
 * ({@code store.Tx}); an action starts by locking its instance row, so two actions on one
 * instance run one after the other and the second sees what the first did.
 */
@Singleton
public class FlowStore {

    private static final List<String> OPEN = List.of(FlowInstance.RUNNING, FlowInstance.RETURNED);

    private final FlowInstanceRepository instances;
    private final FlowTaskRepository tasks;
    private final FlowEventRepository events;
    private final FlowLockRepository locks;
    private final FlowUnpublishedRepository unpublished;
    private final UserRepository users;
    private final JsonMapConverter json;

    FlowStore(FlowInstanceRepository instances, FlowTaskRepository tasks, FlowEventRepository events,
              FlowLockRepository locks, FlowUnpublishedRepository unpublished, UserRepository users,
              JsonMapConverter json) {
        this.unpublished = unpublished;
        this.users = users;
        this.instances = instances;
        this.tasks = tasks;
        this.events = events;
        this.locks = locks;
        this.json = json;
    }

    long insertInstance(FlowInstance i) {
        return instances.save(new FlowInstance(0, i.flowKey(), i.definitionId(), i.formKey(), i.recordId(), i.title(),
                i.status(), i.submitter(), i.submittedBy(), i.currentNode(), i.payload(), i.startedAt(), null, 1)).id();
    }

    /** Reads and locks the instance for the rest of the transaction. */
    Optional<FlowInstance> lockInstance(long id) {
        return instances.findByIdForUpdate(id);
    }

    Optional<FlowInstance> instance(long id) {
        return instances.findById(id);
    }

    /** The newest instance of a flow on a record, whatever its state. */
    Optional<FlowInstance> latest(String flowKey, String form, long recordId, String submitter) {
        return submitter == null
                ? instances.findFirstByFlowKeyAndFormKeyAndRecordIdOrderByIdDesc(flowKey, form, recordId)
                : instances.findFirstByFlowKeyAndFormKeyAndRecordIdAndSubmitterOrderByIdDesc(flowKey, form, recordId,
                        submitter);
    }

    /** Instances on a record that are running or waiting for their submitter, newest first. */
    List<FlowInstance> openOn(String form, long recordId) {
        return instances.findByFormKeyAndRecordIdAndStatusInOrderByIdDesc(form, recordId, OPEN);
    }

    /** The most recent {@code limit} instances on a record, whatever their state, newest first. */
    List<FlowInstance> recentOn(String form, long recordId, int limit) {
        return instances.findByFormKeyAndRecordIdOrderByIdDesc(form, recordId, Pageable.from(0, limit));
    }

    /** The ids of every instance ever started on a record. */
    List<Long> instanceIdsOn(String form, long recordId) {
        return instances.findIdByFormKeyAndRecordIdOrderById(form, recordId);
    }

    /** Saves status, node and payload if nobody changed the instance since {@code i.version()}. */
    boolean updateInstance(FlowInstance i) {
        return instances.update(i.id(), i.version(), i.status(), i.currentNode(), write(i.payload()), i.endedAt()) == 1;
    }

    long insertTask(long instanceId, String node, int visit, int step, String kind, String assignee,
                    String status, String added, LocalDateTime now, LocalDateTime due) {
        return tasks.save(new FlowTask(0, instanceId, node, visit, step, kind, assignee, status, added, null, null, null,
                now, null, due, null, 1)).id();
    }

    List<FlowTask> tasks(long instanceId) {
        return tasks.findByInstanceIdOrderById(instanceId);
    }

    Optional<FlowTask> task(long id) {
        return tasks.findById(id);
    }

    /** Closes a task: who acted, for whom, with what; refused (false) if it is no longer open. */
    boolean finishTask(long id, String status, String actedBy, String onBehalfOf, String comment, LocalDateTime at) {
        return tasks.finish(id, status, actedBy, onBehalfOf, comment, at) == 1;
    }

    void setTaskStatus(long id, String status, LocalDateTime due) {
        tasks.setStatus(id, status, due);
    }

    /** Makes room in a node's steps for an added approver. */
    void shiftSteps(long instanceId, String node, int visit, int fromStep) {
        tasks.shiftSteps(instanceId, node, visit, fromStep);
    }

    void markReminded(long taskId, LocalDateTime at) {
        tasks.markReminded(taskId, at);
    }

    void markRead(long taskId, LocalDateTime at) {
        tasks.markRead(taskId, at);
    }

    void event(long instanceId, String username, String onBehalfOf, String action, String node, Long taskId,
               String comment, Map<String, Object> details, LocalDateTime at) {
        events.save(new FlowEvent(null, instanceId, at, username, onBehalfOf, action, node, taskId, comment,
                details == null || details.isEmpty() ? null : details));
    }

    List<Map<String, Object>> events(long instanceId) {
        return events.findByInstanceIdOrderById(instanceId).stream().map(FlowEvent::view).toList();
    }

    /** Whether some instance holds the lock key now. */
    boolean locked(String lockKey) {
        return locks.existsById(lockKey);
    }

    /**
     * Takes a lock key for an instance; false when another instance holds it. The primary key
     * decides between two requests that arrive together: the second insert waits for the first
     * transaction and then fails as a duplicate.
     */
    boolean acquireLock(String lockKey, long instanceId) {
        if (locks.existsById(lockKey)) {
            return false;
        }
        try {
            locks.save(new FlowLock(lockKey, instanceId));
            return true;
        } catch (DataAccessException e) {
            if (Database.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    void releaseLocks(long instanceId) {
        locks.deleteByInstanceId(instanceId);
    }

    boolean runningOf(String flowKey) {
        return instances.existsByFlowKeyAndStatusIn(flowKey, OPEN);
    }

    long openCount(String flowKey) {
        return instances.countByFlowKeyAndStatusIn(flowKey, OPEN);
    }

    /**
     * How many instances of a flow a submitter started since a time, withdrawn ones aside. Locks
     * the submitter's user row first, so two starts at the same instant cannot both slip under a
     * limit.
     */
    long startsSince(String flowKey, String submitter, LocalDateTime since) {
        users.findByUsernameForUpdate(submitter);
        return instances.countByFlowKeyAndSubmitterAndStartedAtGreaterThanEqualsAndStatusNotEqual(flowKey, submitter,
                since, FlowInstance.WITHDRAWN);
    }

    /** Which definition each of these instances started on. */
    Map<Long, Long> definitions(Collection<Long> instanceIds) {
        return instances.findByIdIn(instanceIds).stream().collect(Collectors.toMap(
                FlowInstanceRepository.Definition::id, FlowInstanceRepository.Definition::definitionId));
    }

    /** Every stored payload, for the links start-up backfills. */
    List<FlowInstanceRepository.Payload> payloads() {
        return instances.payloads();
    }

    /** Every comment's details, with its instance's form, for the links start-up backfills. */
    List<FlowInstanceRepository.Payload> commentDetails() {
        return instances.commentDetails();
    }

    boolean isUnpublished(String flowKey) {
        return unpublished.existsById(flowKey);
    }

    void unpublish(String flowKey, String by, LocalDateTime at) {
        unpublished.save(new FlowUnpublished(flowKey, by, at));
    }

    /** Puts a flow back in service; false when it was not out of service. */
    boolean publish(String flowKey) {
        return unpublished.deleteByFlowKey(flowKey) > 0;
    }

    String write(Map<String, Object> value) {
        return json.convertToPersistedValue(value, ConversionContext.DEFAULT);
    }

    Map<String, Object> read(String text) {
        return json.convertToEntityValue(text, ConversionContext.DEFAULT);
    }
}
