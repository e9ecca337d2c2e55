package dev.formation.web.page.flows;

import dev.formation.core.Actor;
import dev.formation.flow.InstanceView;
import dev.formation.form.Form;
import dev.formation.i18n.Texts;
import dev.formation.record.RecordService;
import dev.formation.security.AccessPolicy;
import dev.formation.security.Directory;
import dev.formation.web.RequestLocale;
import dev.formation.web.page.Choices;
import dev.formation.web.page.FieldRights;
import dev.formation.web.page.FlowFormat;
import dev.formation.web.page.Lookups;
import dev.formation.web.page.PageErrors;
import dev.formation.web.page.Pages;
import dev.formation.web.page.RecordPresenter;
import dev.formation.web.page.Refusal;
import dev.formation.web.page.records.DetailView;
import dev.formation.web.page.records.FieldSubset;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The flow instance page's model: what is asked, the route and where it stands, the tasks, the
 * timeline, the record, and the forms the viewer may use on it, with what a refused post had
 * typed into the one it came from.
 */
@Singleton
public class FlowView {

    /** Which of the page's forms a refused post came from, with what the user had typed into it. */
    public record Draft(String form, String comment, Map<String, Object> fields) {
        static final Draft NONE = new Draft("", "", Map.of());
    }

    static final String DECIDE = "decide";

    private final InstanceView views;
    private final RecordService records;
    private final AccessPolicy access;
    private final Lookups lookups;
    private final FieldSubset subset;
    private final Directory directory;
    private final Pages pages;
    private final FlowTimeline timeline;

    public FlowView(InstanceView views, RecordService records, AccessPolicy access, Lookups lookups,
                    FieldSubset subset, Directory directory, Pages pages, FlowTimeline timeline) {
        this.views = views;
        this.records = records;
        this.access = access;
        this.lookups = lookups;
        this.subset = subset;
        this.directory = directory;
        this.pages = pages;
        this.timeline = timeline;
    }

    @SuppressWarnings("unchecked")
    HttpResponse<?> render(HttpRequest<?> request, HttpStatus status, long id, Actor actor, Refusal refusal,
                                   Draft draft) {
        Locale locale = RequestLocale.of(request);
        Map<String, Object> view = views.view(id, actor, locale);
        Form form = records.form((String) view.get("form"));
        Map<String, Object> record = (Map<String, Object>) view.get("record");
        Map<String, String> users = directory.userNames();
        List<Map<String, Object>> changes = (List<Map<String, Object>>) view.get("changes");

        // the change set's before and after values are shown like the record's own values
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        changes.forEach(c -> {
            before.put((String) c.get("field"), c.get("before"));
            after.put((String) c.get("field"), c.get("after"));
        });
        Lookups.Names names = lookups.names(form, List.of(record, before, after));
        RecordPresenter presenter = new RecordPresenter(form, names, locale);

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", Long.toString(id));
        model.put("base", "/flows/" + id);
        String title = view.get("title") == null ? "#" + view.get("record_id") : (String) view.get("title");
        model.put("title", title);
        model.put("flowLabel", view.get("flow_label"));
        model.put("flowVersion", String.valueOf(view.get("flow_version")));
        model.put("status", FlowFormat.instanceStatus((String) view.get("status"), locale));
        model.put("submitter", FlowFormat.person((String) view.get("submitter"), users, locale));
        model.put("started", FlowFormat.time(view.get("started_at")));
        model.put("ended", FlowFormat.time(view.get("ended_at")));
        model.put("formLabel", view.get("form_label"));
        model.put("recordHref", "/forms/" + view.get("form") + "/" + view.get("record_id"));
        model.put("canOpenRecord", records.may(form.key(), ((Number) view.get("record_id")).longValue(),
                AccessPolicy.READ, actor));
        model.put("changes", FlowTimeline.changes(form, changes, presenter));
        model.put("attachments", FlowTimeline.files((List<Object>) view.get("attachments")));
        model.put("nodes", FlowTimeline.nodes((List<Map<String, Object>>) view.get("nodes"), locale));
        model.put("tasks", FlowTimeline.tasks((List<Map<String, Object>>) view.get("tasks"), users, locale));
        model.put("events", timeline.events((List<Map<String, Object>>) view.get("events"), view, form, users, locale));
        Map<String, Object> detail = new DetailView(form, presenter,
                FieldRights.within(form, access.fields(actor, form), record), locale).model(record);
        model.put("groups", detail.get("groups"));

        Map<String, Object> may = (Map<String, Object>) view.get("may");
        model.put("may", mayModel(view, may, form, record, actor, users, refusal, draft, locale));
        model.put("draft", Map.of("form", draft.form(), "comment", draft.comment()));
        model.put("urged", request.getParameters().get("urged") != null && refusal.errors().isEmpty());
        model.put("errors", new PageErrors(refusal.errors(), Map.of("to", Texts.get(locale, "page.flow.transferTo"),
                "users", Texts.get(locale, "page.flow.addWho"))).model());
        return pages.render(request, status, "flow", model);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> mayModel(Map<String, Object> view, Map<String, Object> may, Form form,
                                         Map<String, Object> record, Actor actor, Map<String, String> users,
                                         Refusal refusal, Draft draft, Locale locale) {
        Map<String, Object> out = new LinkedHashMap<>();
        Object task = may.get("task");
        out.put("task", task == null ? "" : task.toString());
        out.put("taskVersion", may.get("task_version") == null ? "" : may.get("task_version").toString());
        out.put("vote", Boolean.TRUE.equals(may.get("vote")));
        if (task != null) {
            List<String> editable = strings(may.get("editable_fields"));
            Map<String, Object> values = new LinkedHashMap<>(record);
            if (DECIDE.equals(draft.form())) {
                values.putAll(draft.fields());
            }
            out.put("fields", subset.inputs(form, editable, values, editable, strings(may.get("required_fields")),
                    refusal.edit(), actor, locale));
            List<Map<String, Object>> returnTo = new ArrayList<>();
            returnTo.add(Map.of("value", "submitter", "label", Texts.get(locale, "page.flow.toSubmitter",
                    FlowFormat.person((String) view.get("submitter"), users, locale))));
            Map<String, String> nodeLabels = new LinkedHashMap<>();
            for (Map<String, Object> n : (List<Map<String, Object>>) view.get("nodes")) {
                nodeLabels.put((String) n.get("key"), (String) n.get("label"));
            }
            for (String key : strings(may.get("return_to"))) {
                returnTo.add(Map.of("value", key, "label", nodeLabels.getOrDefault(key, key)));
            }
            out.put("returnTo", returnTo);
            String assignee = ((List<Map<String, Object>>) view.get("tasks")).stream()
                    .filter(t -> task.equals(t.get("id"))).map(t -> (String) t.get("assignee")).findFirst().orElse("");
            Map<String, String> others = new LinkedHashMap<>(users);
            others.remove(actor.username());
            others.remove(assignee);
            out.put("people", Choices.of(others, List.of()));
        } else {
            out.put("fields", List.of());
            out.put("returnTo", List.of());
            out.put("people", List.of());
        }
        out.put("positions", List.of(
                Map.of("value", "before", "label", Texts.get(locale, "page.flow.position.before")),
                Map.of("value", "after", "label", Texts.get(locale, "page.flow.position.after")),
                Map.of("value", "parallel", "label", Texts.get(locale, "page.flow.position.parallel"))));
        out.put("withdraw", Boolean.TRUE.equals(may.get("withdraw")));
        out.put("resubmit", Boolean.TRUE.equals(may.get("resubmit")));
        out.put("comment", Boolean.TRUE.equals(may.get("comment")));
        List<Map<String, Object>> urge = new ArrayList<>();
        List<Object> urgeable = may.get("urge") instanceof List<?> l ? (List<Object>) l : List.of();
        for (Map<String, Object> t : (List<Map<String, Object>>) view.get("tasks")) {
            if (urgeable.contains(t.get("id"))) {
                urge.add(Map.of("task", t.get("id").toString(), "name",
                        FlowFormat.person((String) t.get("assignee"), users, locale)));
            }
        }
        out.put("urge", urge);
        return out;
    }

    static List<String> strings(Object list) {
        return list instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
