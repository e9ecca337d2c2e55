package dev.formation.flow;

import dev.formation.form.Form;
import dev.formation.i18n.Texts;
import dev.formation.record.Actor;
import dev.formation.record.ExpressionVariables;
import dev.formation.record.FieldError;
import dev.formation.record.RecordGuard;
import dev.formation.record.StateConflictException;
import dev.formation.record.ValidationException;
import dev.formation.security.AccessPolicy;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps direct edits away from what flows govern, on every write path (pages, API, bulk): a
 * record under an approval that locks it changes only through that flow, and the fields of a
 * change-request flow change only through a request, except for the roles it names privileged.
 */
@Singleton
public class FlowGuard implements RecordGuard {

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
    public void beforeUpdate(Form form, Map<String, Object> stored, Map<String, Object> changed, Actor actor,
                             Locale locale) {
        refuseIfLocked(form, stored, locale);
        catalog.forTrigger(form.key(), FlowDefinition.CHANGE_REQUEST).ifPresent(def -> {
            FlowDefinition.ChangeRules rules = def.changeRules();
            boolean governed = def.startWhen() == null
                    || def.startWhen().test(ExpressionVariables.of(form, stored, null), clock);
            boolean privileged = access.isAdmin(actor) || actor.roles().stream().anyMatch(rules.privilegedRoles()::contains);
            if (!governed || privileged) {
                return;
            }
            List<FieldError> errors = new ArrayList<>();
            for (String key : changed.keySet()) {
                if (rules.fields().contains(key)) {
                    errors.add(new FieldError(key, Texts.get(locale, "flow.useChangeRequest",
                            FlowStarter.fieldLabel(form, key, locale))));
                }
            }
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
        });
    }

    @Override
    public void beforeDelete(Form form, Map<String, Object> stored, Actor actor, Locale locale) {
        long id = ((Number) stored.get("id")).longValue();
        boolean running = tx.read(c -> store.openOn(c, form.key(), id)).stream().anyMatch(FlowInstance::isRunning);
        if (running) {
            throw new StateConflictException("flow.recordLocked");
        }
    }

    private void refuseIfLocked(Form form, Map<String, Object> stored, Locale locale) {
        long id = ((Number) stored.get("id")).longValue();
        for (FlowInstance i : tx.read(c -> store.openOn(c, form.key(), id))) {
            if (i.isRunning() && catalog.snapshot(i.definitionId()).locksRecord()) {
                throw new StateConflictException("flow.recordLocked");
            }
        }
    }
}
