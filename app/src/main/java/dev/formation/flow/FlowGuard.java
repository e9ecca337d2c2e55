package dev.formation.flow;

import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.plugin.api.Message;
import dev.formation.core.Actor;
import dev.formation.record.EditLimits;
import dev.formation.record.ExpressionVariables;
import dev.formation.record.EngineRecordHook;
import dev.formation.security.AccessPolicy;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps direct edits away from what flows govern, on every write path (pages, API, bulk): a
 * record under an approval that locks it changes only through that flow, and the fields of a
 * change-request flow change only through a request, except for the roles it names privileged.
 * A record with a running approval of any kind is not deleted. The engine calls it as a record
 * hook, at the same points as plugin hooks.
 */
@Singleton
public class FlowGuard implements EngineRecordHook {

    private static final EditLimits.Reason UNDER_APPROVAL = EditLimits.Reason.of("flow.recordLocked");

    private final FlowCatalog catalog;
    private final FlowStore store;
    private final AccessPolicy access;
    private final Tx tx;
    private final Clock clock;

    public FlowGuard(FlowCatalog catalog, FlowStore store, AccessPolicy access, Tx tx, Clock clock) {
        this.clock = clock;
        this.catalog = catalog;
        this.store = store;
        this.access = access;
        this.tx = tx;
    }

    @Override
    public EditLimits limits(Form form, Map<String, Object> stored, Actor actor) {
        List<FlowInstance> running = running(form, stored);
        if (running.stream().anyMatch(i -> catalog.snapshot(i.definitionId()).locksRecord())) {
            return EditLimits.wholeRecord(UNDER_APPROVAL);
        }
        return catalog.forTrigger(form.key(), FlowDefinition.CHANGE_REQUEST)
                .map(def -> changeRequestFields(def, form, stored, actor)).orElse(EditLimits.NONE);
    }

    @Override
    public Optional<EditLimits.Reason> deleteRefusal(Form form, Map<String, Object> stored, Actor actor) {
        return running(form, stored).isEmpty() ? Optional.empty() : Optional.of(UNDER_APPROVAL);
    }

    /** The fields a change request governs on this record, unless the actor's role may change them directly. */
    private EditLimits changeRequestFields(FlowDefinition def, Form form, Map<String, Object> stored, Actor actor) {
        FlowDefinition.ChangeRules rules = def.changeRules();
        boolean governed = def.startWhen() == null
                || def.startWhen().test(ExpressionVariables.of(form, stored, null), clock);
        boolean privileged = access.isAdmin(actor) || actor.roles().stream().anyMatch(rules.privilegedRoles()::contains);
        if (!governed || privileged) {
            return EditLimits.NONE;
        }
        Map<String, EditLimits.Reason> fields = new LinkedHashMap<>();
        for (String key : rules.fields()) {
            Message label = form.field(key).map(Field::label).orElse(Message.of(key, key));
            fields.put(key, new EditLimits.Reason("flow.useChangeRequest", List.of(label), true));
        }
        return EditLimits.fields(fields);
    }

    private List<FlowInstance> running(Form form, Map<String, Object> stored) {
        long id = ((Number) stored.get("id")).longValue();
        return tx.read(c -> store.openOn(form.key(), id)).stream().filter(FlowInstance::isRunning).toList();
    }
}
