package dev.formation.web.page.records;

import dev.formation.core.Actor;
import dev.formation.flow.FlowCatalog;
import dev.formation.flow.FlowDefinition;
import dev.formation.flow.FlowInstance;
import dev.formation.flow.FlowOffers;
import dev.formation.flow.InstanceView;
import dev.formation.form.Form;
import dev.formation.web.page.FlowFormat;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The flows around one record, for its pages: the actions a user may start on it now and the
 * change-request link, as the flow engine offers them ({@link FlowOffers}, beside the rules that
 * refuse the rest), and the record's approval history (审批记录), which the flow engine reads.
 * Read-only: starting and withdrawing go through the flow engine.
 */
@Singleton
public class RecordFlows {

    /** The most recent instances a record page lists. */
    private static final int HISTORY = 20;

    private final FlowCatalog catalog;
    private final InstanceView instances;
    private final FlowOffers offers;

    public RecordFlows(FlowCatalog catalog, InstanceView instances, FlowOffers offers) {
        this.catalog = catalog;
        this.instances = instances;
        this.offers = offers;
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

    /** The flows the actor may start on the record now, change requests aside (the flow engine's offer). */
    List<FlowDefinition> startable(Form form, Map<String, Object> record, Actor actor) {
        return offers.startable(form, record, actor);
    }

    /** The form's change-request flow, when the actor may request a change of the record now. */
    Optional<FlowDefinition> changeRequest(Form form, Map<String, Object> record, Actor actor) {
        return offers.changeRequest(form, record, actor);
    }

    /** Flows offered on the rows of a list (those that give the submitter the record). */
    List<FlowDefinition> rowActions(Form form, Actor actor) {
        return offers.rowActions(form, actor);
    }

    /** Whether the actor may withdraw their approval on the record now. */
    boolean mayWithdraw(String formKey, long recordId, Actor actor) {
        return offers.mayWithdraw(formKey, recordId, actor);
    }

    /** Whether the actor owns the row already, so that no flow giving it to them is offered on it. */
    boolean ownsAlready(Form form, Map<String, Object> row, Actor actor) {
        return offers.ownsAlready(form, row, actor);
    }

    /** Whether a flow's start condition holds for a row, as the flow engine tells it. */
    boolean startsOn(FlowDefinition def, Form form, Map<String, Object> row) {
        return offers.startsOn(def, form, row);
    }
}
