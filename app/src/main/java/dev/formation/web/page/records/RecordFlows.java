package dev.formation.web.page.records;

import dev.formation.flow.FlowCatalog;
import dev.formation.flow.FlowDefinition;
import dev.formation.flow.FlowInstance;
import dev.formation.flow.FlowStarter;
import dev.formation.flow.InstanceView;
import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import dev.formation.core.Actor;
import dev.formation.record.ExpressionVariables;
import dev.formation.record.RecordService;
import dev.formation.security.AccessPolicy;
import dev.formation.web.page.FlowFormat;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The flows around one record, for its pages: the actions a user may start on it now (the
 * flows whose trigger applies: their start condition holds, the user has the flow's
 * permission on the record and no other approval holds the record), the change-request link, and the record's approval history
 * (审批记录), which the flow engine reads. Read-only: starting and withdrawing go through the flow engine.
 */
@Singleton
public class RecordFlows {

    /** The most recent instances a record page lists. */
    private static final int HISTORY = 20;

    private final FlowCatalog catalog;
    private final RecordService records;
    private final AccessPolicy access;
    private final InstanceView instances;
    private final FlowStarter starter;

    private final Clock clock;

    public RecordFlows(FlowCatalog catalog, RecordService records, AccessPolicy access, InstanceView instances,
                       FlowStarter starter, Clock clock) {
        this.starter = starter;
        this.clock = clock;
        this.catalog = catalog;
        this.records = records;
        this.access = access;
        this.instances = instances;
    }

    /** The record's most recent flow instances, newest first. */
    public List<FlowInstance> history(String formKey, long recordId) {
        return instances.recentOn(formKey, recordId, HISTORY);
    }

    /** The history as the detail page lists it. */
    List<Map<String, Object>> historyModel(List<FlowInstance> history, Map<String, String> names, Locale locale) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (FlowInstance p : history) {
            FlowDefinition def = catalog.snapshot(p.definitionId());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", Long.toString(p.id()));
            m.put("href", "/flows/" + p.id());
            m.put("flow", def.label().in(locale));
            m.put("status", FlowFormat.instanceStatus(p.status(), locale));
            m.put("node", p.currentNode() == null || !p.isOpen() ? ""
                    : def.nodeLabel(p.currentNode(), locale));
            m.put("submitter", FlowFormat.person(p.submitter(), names, locale));
            m.put("started", FlowFormat.time(p.startedAt()));
            m.put("ended", FlowFormat.time(p.endedAt()));
            out.add(m);
        }
        return out;
    }

    /**
     * The flows the actor may start on the record now, change requests aside. A flow that
     * makes its submitter an owner is for those who do not own the record yet.
     */
    List<FlowDefinition> startable(Form form, Map<String, Object> record, Actor actor) {
        long id = ((Number) record.get(PlatformColumns.ID)).longValue();
        List<FlowDefinition> out = new ArrayList<>();
        for (FlowDefinition def : catalog.forForm(form.key())) {
            if (def.isChangeRequest() || !applies(def, form, record, actor)) {
                continue;
            }
            // a flow that would make the user an owner (an application, a claim) is not for owners
            if ((def.onApprove().addSubmitterAsOwner() || def.onApprove().assignToSubmitter())
                    && owns(form.key(), id, record, actor)) {
                continue;
            }
            out.add(def);
        }
        return out;
    }

    /** The form's change-request flow, when the actor may request a change of the record now. */
    Optional<FlowDefinition> changeRequest(Form form, Map<String, Object> record, Actor actor) {
        return catalog.forTrigger(form.key(), FlowDefinition.CHANGE_REQUEST)
                .filter(def -> applies(def, form, record, actor));
    }

    /**
     * Flows offered on the rows of a list: those that give the submitter a record they do not
     * own (申请成为负责人, 分配给我), which one may start on rows of any owner. Other flows need the
     * record open and are offered on its page.
     */
    List<FlowDefinition> rowActions(Form form, Actor actor) {
        return catalog.forForm(form.key()).stream()
                .filter(def -> def.onApprove().addSubmitterAsOwner() || def.onApprove().assignToSubmitter())
                .filter(def -> access.can(actor, form, def.permission()))
                .filter(def -> access.scope(actor, form, def.permission()).map(s -> s == dev.formation.security.Scope.ALL)
                        .orElse(false))
                .toList();
    }

    /** Whether a flow's start condition holds for a row; a row too thin to tell gets the benefit of the doubt. */
    boolean startsOn(FlowDefinition def, Form form, Map<String, Object> row) {
        if (def.startWhen() == null) {
            return true;
        }
        try {
            return def.startWhen().test(ExpressionVariables.of(form, row, null), clock);
        } catch (RuntimeException e) {
            return true;
        }
    }

    private boolean applies(FlowDefinition def, Form form, Map<String, Object> record, Actor actor) {
        if (!access.can(actor, form, def.permission()) || !startsOn(def, form, record)) {
            return false;
        }
        long id = ((Number) record.get(PlatformColumns.ID)).longValue();
        // another approval holding the record (a change request waiting) would refuse the start as busy
        return records.may(form.key(), id, def.permission(), actor) && !starter.busy(def, id, actor);
    }

    private boolean owns(String formKey, long id, Map<String, Object> record, Actor actor) {
        return actor.username().equals(record.get(PlatformColumns.OWNER)) || records.owns(formKey, id, actor);
    }
}
