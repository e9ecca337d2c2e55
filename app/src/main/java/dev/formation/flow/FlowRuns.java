package dev.formation.flow;

import dev.formation.core.Actor;
import dev.formation.core.NotFoundException;
import dev.formation.security.AuditTrail;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one action on one instance: a transaction whose first statement locks the instance row
 * (so the action's later reads see everything earlier actions committed), the definition
 * snapshot the instance started on, and one save with the version check at the end.
 */
@Singleton
public class FlowRuns {

    /** Work on a locked instance. */
    @FunctionalInterface
    interface Work<R> {
        R run(FlowRun run) throws SQLException;
    }

    private final Tx tx;
    private final FlowStore store;
    private final FlowCatalog catalog;
    private final AuditTrail audit;

    private final Clock clock;

    public FlowRuns(Tx tx, FlowStore store, FlowCatalog catalog, AuditTrail audit, Clock clock) {
        this.clock = clock;
        this.tx = tx;
        this.store = store;
        this.catalog = catalog;
        this.audit = audit;
    }

    <R> R onInstance(long instanceId, Actor actor, Locale locale, Work<R> work) {
        return tx.write(c -> {
            FlowInstance instance = store.lockInstance(instanceId)
                    .orElseThrow(() -> new NotFoundException("flow instance " + instanceId));
            FlowRun run = new FlowRun(c, store, catalog.snapshot(instance.definitionId()), instance, actor, now(),
                    locale);
            R result = work.run(run);
            run.save();
            return result;
        });
    }

    <R> R onTask(long taskId, Actor actor, Locale locale, Work<R> work) {
        long instanceId = tx.read(c -> store.task(taskId))
                .orElseThrow(() -> new NotFoundException("task " + taskId)).instanceId();
        return onInstance(instanceId, actor, locale, work);
    }

    /** An audit entry for a flow action on the record, naming the flow, the instance and the node. */
    void audit(FlowRun run, Actor actor, String action, String node) throws SQLException {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("flow", Arrays.asList(null, run.def.key()));
        changes.put("instance", Arrays.asList(null, run.id()));
        if (node != null) {
            changes.put("node", Arrays.asList(null, node));
        }
        audit.record(actor, "flow_" + action, run.form(), run.recordId(), changes, run.now);
    }

    /** The flow engine's current time, to the second: what instances, tasks and timelines record. */
    LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }
}
