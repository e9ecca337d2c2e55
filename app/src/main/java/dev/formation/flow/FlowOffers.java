package dev.formation.flow;

import dev.formation.core.Actor;
import dev.formation.core.StateConflictException;
import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import dev.formation.record.ExpressionVariables;
import dev.formation.record.RecordService;
import dev.formation.security.AccessPolicy;
import dev.formation.security.Scope;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which record actions the flows offer an actor on a record now, beside the rules that refuse
 * the rest when they are started anyway: the pages ask here for their buttons, and
 * {@link FlowStarter} refuses through {@link #requireOffered} what is not offered, so a page and
 * the API cannot disagree. A flow is offered when its trigger applies (the user has the flow's
 * permission on the record, its start condition holds, it is published and no other approval
 * holds the record); a flow that gives its submitter the record (an owner application, a claim)
 * is not for those who own it already.
 */
@Singleton
public class FlowOffers {

    private final FlowCatalog catalog;
    private final RecordService records;
    private final AccessPolicy access;
    private final FlowStore store;
    private final Tx tx;
    private final Clock clock;

    public FlowOffers(FlowCatalog catalog, RecordService records, AccessPolicy access, FlowStore store, Tx tx,
                      Clock clock) {
        this.catalog = catalog;
        this.records = records;
        this.access = access;
        this.store = store;
        this.tx = tx;
        this.clock = clock;
    }

    /** The flows the actor may start on the record now, change requests aside. */
    public List<FlowDefinition> startable(Form form, Map<String, Object> record, Actor actor) {
        long id = id(record);
        List<FlowDefinition> out = new ArrayList<>();
        for (FlowDefinition def : catalog.forForm(form.key())) {
            if (!def.isChangeRequest() && applies(def, form, record, actor)
                    && !(givesRecord(def) && ownsAlready(form.key(), id, record, actor))) {
                out.add(def);
            }
        }
        return out;
    }

    /** The form's change-request flow, when the actor may request a change of the record now. */
    public Optional<FlowDefinition> changeRequest(Form form, Map<String, Object> record, Actor actor) {
        return catalog.forTrigger(form.key(), FlowDefinition.CHANGE_REQUEST)
                .filter(def -> applies(def, form, record, actor));
    }

    /**
     * Flows offered on the rows of a list: those that give the submitter a record they do not
     * own, which one may start on rows of any owner. Other flows need the record open and are
     * offered on its page.
     */
    public List<FlowDefinition> rowActions(Form form, Actor actor) {
        return catalog.forForm(form.key()).stream()
                .filter(FlowOffers::givesRecord)
                .filter(def -> access.can(actor, form, def.permission()))
                .filter(def -> access.scope(actor, form, def.permission()).map(s -> s == Scope.ALL).orElse(false))
                .toList();
    }

    /** Whether a flow's start condition holds for a row; a row too thin to tell gets the benefit of the doubt. */
    public boolean startsOn(FlowDefinition def, Form form, Map<String, Object> row) {
        if (def.startWhen() == null) {
            return true;
        }
        try {
            return def.startWhen().test(ExpressionVariables.of(form, row, null), clock);
        } catch (RuntimeException e) {
            return true;
        }
    }

    /**
     * Whether the actor may withdraw their approval on the record now (撤销), as
     * {@link FlowStarter#act} would: their open instance on it, while nobody has decided on its
     * current step (or after it came back to them).
     */
    public boolean mayWithdraw(String formKey, long recordId, Actor actor) {
        return tx.read(c -> {
            for (FlowInstance i : store.openOn(formKey, recordId)) {
                if (i.submitter().equals(actor.username())) {
                    return withdrawable(i);
                }
            }
            return false;
        });
    }

    /** Whether the actor may withdraw this instance now, as {@link FlowStarter#withdraw} would allow. */
    public boolean mayWithdraw(long instanceId, Actor actor) {
        return tx.read(c -> {
            Optional<FlowInstance> i = store.instance(instanceId);
            return i.isPresent() && i.get().submitter().equals(actor.username()) && withdrawable(i.get());
        });
    }

    /**
     * Refuses (409) a start that no page offers the actor for a reason the permission check
     * does not cover: a flow that gives the record to someone who owns it already.
     */
    void requireOffered(FlowDefinition def, long recordId, Actor actor, Locale locale) {
        if (givesRecord(def) && ownsAlready(def.form(), recordId, records.stored(def.form(), recordId), actor)) {
            throw new StateConflictException("flow.ownedAlready", def.actionLabel().in(locale));
        }
    }

    private boolean withdrawable(FlowInstance i) {
        return FlowInstance.withdrawable(i.status(), i.currentNode(), store.tasks(i.id()));
    }

    /** A flow that makes its submitter an owner (an application, a claim). */
    static boolean givesRecord(FlowDefinition def) {
        return def.onApprove().addSubmitterAsOwner() || def.onApprove().assignToSubmitter();
    }

    private boolean applies(FlowDefinition def, Form form, Map<String, Object> record, Actor actor) {
        if (!access.can(actor, form, def.permission()) || !startsOn(def, form, record)) {
            return false;
        }
        long id = id(record);
        // another approval holding the record (a change request waiting) would refuse the start as busy
        return records.may(form.key(), id, def.permission(), actor)
                && !tx.read(c -> store.locked(FlowStarter.lockKey(def, id, actor)) || store.isUnpublished(def.key()));
    }

    /**
     * Whether the actor owns the record already (its main owner or an added owner), so that no
     * flow giving it to them is offered, or started.
     */
    public boolean ownsAlready(Form form, Map<String, Object> record, Actor actor) {
        return ownsAlready(form.key(), id(record), record, actor);
    }

    private boolean ownsAlready(String formKey, long id, Map<String, Object> record, Actor actor) {
        return actor.username().equals(record.get(PlatformColumns.OWNER)) || records.owns(formKey, id, actor);
    }

    private static long id(Map<String, Object> record) {
        return ((Number) record.get(PlatformColumns.ID)).longValue();
    }
}
