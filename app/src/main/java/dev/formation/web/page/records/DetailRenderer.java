package dev.formation.web.page.records;

import dev.formation.flow.FlowDefinition;
import dev.formation.flow.FlowInstance;
import dev.formation.form.Form;
import dev.formation.i18n.Texts;
import dev.formation.ownership.OwnerTimeline;
import dev.formation.ownership.Transfers;
import dev.formation.core.Actor;
import dev.formation.record.EditLimits;
import dev.formation.record.RecordService;
import dev.formation.security.AccessPolicy;
import dev.formation.web.RequestLocale;
import dev.formation.web.page.FieldRights;
import dev.formation.web.page.FlowFormat;
import dev.formation.web.page.Lookups;
import dev.formation.web.page.PageErrors;
import dev.formation.web.page.Pages;
import dev.formation.web.page.RecordPresenter;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The detail page of a record: its fields, its buttons (edit, delete, and the flows the user
 * may start now), and its approval history. Shown by {@code GET /forms/{form}/{id}}, and again
 * with the messages when a record action posted from it is refused.
 */
@Singleton
class DetailRenderer {

    private final RecordService records;
    private final Lookups lookups;
    private final AccessPolicy access;
    private final RecordFlows flows;
    private final OwnerTimeline owners;
    private final Pages pages;

    DetailRenderer(RecordService records, Lookups lookups, AccessPolicy access, RecordFlows flows,
                   OwnerTimeline owners, Pages pages) {
        this.owners = owners;
        this.records = records;
        this.lookups = lookups;
        this.access = access;
        this.flows = flows;
        this.pages = pages;
    }

    HttpResponse<?> render(HttpRequest<?> request, HttpStatus status, String form, long id, Actor actor,
                           PageErrors errors) {
        Form f = records.form(form);
        Locale locale = RequestLocale.of(request);
        Map<String, Object> record = records.get(form, id, actor);
        Lookups.Names names = lookups.names(f, List.of(record));
        RecordPresenter presenter = new RecordPresenter(f, names, locale);
        Map<String, Object> model = new LinkedHashMap<>(new DetailView(f, presenter,
                new FieldRights(access.fields(actor, f)), locale).model(record));
        // the buttons ask the rule a save or a delete will meet, so none of them ends in a refusal
        Optional<EditLimits> limits = records.editLimits(form, id, actor);
        Optional<EditLimits.Reason> locked = limits.flatMap(EditLimits::wholeRecord);
        model.put("canEdit", limits.isPresent() && locked.isEmpty());
        model.put("lockedReason", locked.map(r -> r.in(locale)).orElse(""));
        model.put("canDelete", records.mayDelete(form, id, actor));
        String base = "/forms/" + form + "/" + id;
        List<Map<String, Object>> actions = new ArrayList<>();
        for (FlowDefinition def : flows.startable(f, record, actor)) {
            Map<String, Object> a = new LinkedHashMap<>();
            String label = def.actionLabel().in(locale);
            a.put("label", label);
            a.put("trigger", def.trigger());
            // a flow with approvers shows its route first (and asks for a chosen approver); the rest confirm in place
            boolean route = FlowDefinition.SUBMIT.equals(def.trigger()) || def.chosenNode().isPresent();
            a.put("kind", route ? "route" : "post");
            a.put("href", base + "/actions/" + def.trigger());
            a.put("confirm", Texts.get(locale, "page.flow.confirmAction", label));
            actions.add(a);
        }
        model.put("flowActions", actions);
        // whoever reads the record here may print it: the print route reads it the same way
        model.put("prints", f.prints().stream().map(p -> Map.of("key", p.key(), "label", p.label().in(locale),
                "href", "/api/forms/" + form + "/records/" + id + "/prints/" + p.key())).toList());
        model.put("changeRequestHref", flows.changeRequest(f, record, actor).isPresent() ? base + "/change-request" : "");
        List<FlowInstance> history = flows.history(form, id);
        model.put("withdrawAction", flows.mayWithdraw(form, id, actor) ? base + "/actions/withdraw" : "");
        model.put("flows", flows.historyModel(history, names.users(), locale));
        model.put("errors", errors.model());
        model.put("progress", progressModel(records.progress(form, record, locale), locale));
        model.put("transferHref", records.may(form, id, Transfers.TRANSFER, actor) ? base + "/transfer" : "");
        model.put("owners", ownersModel(owners.of(form, id, actor, locale), locale));
        return pages.render(request, status, "detail", model);
    }

    /** The measures as the page shows them: numbers grouped for the reader, the bar's value capped at 100. */
    /** Who owned the record from when, shown once it has changed hands. */
    private static List<Map<String, Object>> ownersModel(List<Map<String, Object>> timeline, Locale locale) {
        if (timeline.size() < 2) {
            return List.of();
        }
        String nobody = Texts.get(locale, "page.owners.nobody");
        return timeline.stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("owner", e.get("owner_name") == null ? nobody : e.get("owner_name"));
            m.put("kind", e.get("kind_label"));
            m.put("reason", e.get("reason") == null ? "" : e.get("reason"));
            m.put("by", e.get("by_name") == null ? "" : e.get("by_name"));
            m.put("at", FlowFormat.time(e.get("at")));
            return m;
        }).toList();
    }

    private static List<Map<String, Object>> progressModel(List<Map<String, Object>> measures, Locale locale) {
        java.text.NumberFormat numbers = java.text.NumberFormat.getNumberInstance(locale);
        numbers.setMaximumFractionDigits(2);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> m : measures) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", m.get("key"));
            row.put("label", m.get("label"));
            row.put("goal", m.get("goal") == null ? "" : numbers.format(m.get("goal")));
            row.put("actual", m.get("actual") == null ? "" : numbers.format(m.get("actual")));
            Object percent = m.get("percent");
            row.put("percent", percent == null ? "" : percent + "%");
            row.put("bar", percent == null ? "" : String.valueOf(Math.min(100,
                    Math.round(((java.math.BigDecimal) percent).doubleValue()))));
            out.add(row);
        }
        return out;
    }
}
