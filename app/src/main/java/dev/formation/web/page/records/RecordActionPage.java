package dev.formation.web.page.records;

import dev.formation.core.Actor;
import dev.formation.core.NotFoundException;
import dev.formation.flow.FlowCatalog;
import dev.formation.flow.FlowDefinition;
import dev.formation.flow.FlowInstance;
import dev.formation.flow.FlowStarter;
import dev.formation.flow.RoutePreview;
import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.i18n.Texts;
import dev.formation.record.RecordService;
import dev.formation.security.AccessPolicy;
import dev.formation.store.FileStore;
import dev.formation.web.RequestLocale;
import dev.formation.web.page.Choices;
import dev.formation.web.page.EditErrors;
import dev.formation.web.page.FieldRights;
import dev.formation.web.page.Lookups;
import dev.formation.web.page.PageErrors;
import dev.formation.web.page.Pages;
import dev.formation.web.page.RecordPresenter;
import dev.formation.web.page.Refusal;
import dev.formation.web.protection.FormBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Starting a record's flows from its pages. {@code GET .../actions/{action}} shows the route a
 * flow would take (who approves each step) with the approver chooser, and its post starts it;
 * the other triggers (deactivate, apply to become an owner, withdraw) post straight from the
 * detail or list page. {@code .../change-request} proposes new values of the fields a change
 * request governs, with the supporting documents.
 */
@Controller("/forms/{form}/{id:[0-9]+}")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RecordActionPage {

    private static final String ASSIGNEE = "assignee";
    private static final String ATTACHMENTS = "attachments";

    private final RecordService records;
    private final FlowCatalog catalog;
    private final FlowStarter starter;
    private final RoutePreview preview;
    private final AccessPolicy access;
    private final Lookups lookups;
    private final FieldSubset subset;
    private final DetailRenderer detail;
    private final Landing landing;
    private final Pages pages;

    public RecordActionPage(RecordService records, FlowCatalog catalog, FlowStarter starter, RoutePreview preview,
                            AccessPolicy access, Lookups lookups, FieldSubset subset, DetailRenderer detail,
                            Landing landing, Pages pages) {
        this.landing = landing;
        this.records = records;
        this.catalog = catalog;
        this.starter = starter;
        this.preview = preview;
        this.access = access;
        this.lookups = lookups;
        this.subset = subset;
        this.detail = detail;
        this.pages = pages;
    }

    @Get("/actions/{action}")
    public HttpResponse<?> route(HttpRequest<?> request, String form, long id, String action,
                                 @Nullable @QueryValue String assignee, Actor actor) {
        return renderRoute(request, HttpStatus.OK, form, id, action, blankToNull(assignee), actor, Refusal.NONE);
    }

    @Post("/actions/{action}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> act(HttpRequest<?> request, Locale locale, String form, long id, String action,
                               FormBody posted, Actor actor) {
        FlowDefinition def = FlowStarter.WITHDRAW.equals(action) ? null : catalog.forTrigger(form, action)
                .filter(d -> !d.isChangeRequest())
                .orElseThrow(() -> new NotFoundException(form + " action " + action));
        String assignee = blankToNull(posted.first(ASSIGNEE));
        Map<String, Object> input = new HashMap<>();
        if (assignee != null) {
            input.put(ASSIGNEE, assignee);
        }
        FlowInstance[] started = new FlowInstance[1];
        Refusal refusal = Refusal.attempt(() -> started[0] = starter.act(form, id, action, input, actor, locale), locale);
        String back = posted.first("back");
        if (refusal == null) {
            FlowInstance instance = started[0];
            if (!records.may(form, id, AccessPolicy.READ, actor) && instance.isOpen()) {
                // an applicant or claimant may not open the record yet; their request they may
                return Pages.seeOther("/flows/" + instance.id());
            }
            // done, and it took the record from the user (released it, handed it on): the list says so
            String label = def == null ? Texts.get(locale, "page.flow.withdraw") : def.actionLabel().in(locale);
            Form f = records.form(form);
            return landing.toRecord(new Landing.Subject(form, id, f.label().in(locale), instance.title() == null
                    ? "#" + id : instance.title()), "", actor, "flowDone", label);
        }
        if (back != null) {
            // from the list page: the message, and the way back to the list
            String message = String.join(" ", refusal.errors().stream().map(e -> e.message()).toList());
            return pages.error(request, refusal.status(), message, Pages.localPath(back));
        }
        if (def != null && usesRoute(def)) {
            return renderRoute(request, refusal.status(), form, id, action, assignee, actor, refusal);
        }
        return detail.render(request, refusal.status(), form, id, actor, refusal.page());
    }

    @Get("/change-request")
    public HttpResponse<?> changeRequest(HttpRequest<?> request, String form, long id, Actor actor) {
        FlowDefinition def = changeFlow(form);
        records.requireAccess(form, id, def.permission(), actor);
        return renderChange(request, HttpStatus.OK, def, form, id, actor, records.get(form, id, actor), List.of(),
                Refusal.NONE);
    }

    @Post("/change-request")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> requestChange(HttpRequest<?> request, Locale locale, String form, long id, FormBody posted,
                                         Actor actor) {
        FlowDefinition def = changeFlow(form);
        Form f = records.form(form);
        Map<String, Object> current = records.get(form, id, actor);
        Map<String, Object> proposed = FieldSubset.read(f, posted, editable(f, def, actor));
        Map<String, Object> changes = FieldSubset.changed(proposed, current);
        List<String> attachments = posted.all(ATTACHMENTS).stream().map(String::strip).filter(s -> !s.isEmpty())
                .distinct().toList();
        FlowInstance[] started = new FlowInstance[1];
        Refusal refusal = Refusal.attempt(() -> started[0] = starter.requestChange(form, id, changes, attachments,
                actor, locale), locale);
        if (refusal == null) {
            return Pages.seeOther("/flows/" + started[0].id());
        }
        Map<String, Object> values = new LinkedHashMap<>(current);
        values.putAll(proposed);
        return renderChange(request, refusal.status(), def, form, id, actor, values, attachments, refusal);
    }

    private FlowDefinition changeFlow(String form) {
        records.form(form);
        return catalog.forTrigger(form, FlowDefinition.CHANGE_REQUEST)
                .orElseThrow(() -> new NotFoundException(form + " action " + FlowDefinition.CHANGE_REQUEST));
    }

    /** A flow whose approvers the submitter sees (and may have to choose) before it starts. */
    static boolean usesRoute(FlowDefinition def) {
        return FlowDefinition.SUBMIT.equals(def.trigger()) || def.chosenNode().isPresent();
    }

    private HttpResponse<?> renderRoute(HttpRequest<?> request, HttpStatus status, String form, long id, String action,
                                        String assignee, Actor actor, Refusal refusal) {
        Form f = records.form(form);
        Locale locale = RequestLocale.of(request);
        FlowDefinition def = catalog.forTrigger(form, action).filter(d -> !d.isChangeRequest())
                .orElseThrow(() -> new NotFoundException(form + " action " + action));
        Map<String, Object> route = preview.preview(form, id, action, assignee, actor, locale);
        Map<String, Object> record = records.get(form, id, actor);
        RecordPresenter presenter = new RecordPresenter(f, lookups.names(f, List.of(record)), locale);
        Map<String, Object> model = new LinkedHashMap<>(RecordHeader.of(f, record, presenter, locale,
                RecordHeader.DETAIL));
        String label = def.actionLabel().in(locale);
        model.put("actionLabel", label);
        model.put("flowLabel", route.get("flow_label"));
        model.put("action", "/forms/" + form + "/" + id + "/actions/" + action);
        model.put("cancelHref", "/forms/" + form + "/" + id);
        List<Map<String, Object>> nodes = new ArrayList<>();
        boolean chooses = false;
        for (Object o : (List<?>) route.get("nodes")) {
            Map<?, ?> n = (Map<?, ?>) o;
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("key", n.get("key"));
            node.put("label", n.get("label"));
            node.put("type", Texts.get(locale, "page.flow.nodeType." + n.get("type")));
            node.put("mode", "approval".equals(n.get("type"))
                    ? Texts.get(locale, "page.flow.mode." + n.get("mode")) : "");
            boolean choose = Boolean.TRUE.equals(n.get("choose"));
            node.put("choose", choose);
            List<String> people = new ArrayList<>();
            for (Object a : (List<?>) n.get("assignees")) {
                people.add(String.valueOf(((Map<?, ?>) a).get("name")));
            }
            node.put("assignees", String.join("、", people));
            if (choose) {
                chooses = true;
                Map<String, String> choices = new LinkedHashMap<>();
                for (Object c : (List<?>) n.get("choices")) {
                    Map<?, ?> m = (Map<?, ?>) c;
                    choices.put(String.valueOf(m.get("username")), String.valueOf(m.get("name")));
                }
                node.put("choices", Choices.of(choices, assignee == null ? List.of() : List.of(assignee)));
            }
            nodes.add(node);
        }
        model.put("nodes", nodes);
        model.put("chooses", chooses);
        model.put("errors", new PageErrors(refusal.errors(), Map.of(ASSIGNEE,
                Texts.get(locale, "page.flow.approver"))).model());
        return pages.render(request, status, "flow-route", model);
    }

    /** The governed fields the actor may change: those their roles leave editable. */
    private Set<String> editable(Form form, FlowDefinition def, Actor actor) {
        FieldRights rights = new FieldRights(access.fields(actor, form));
        Set<String> out = new LinkedHashSet<>();
        for (String key : def.changeRules().fields()) {
            form.field(key).filter(rights::editable).map(Field::key).ifPresent(out::add);
        }
        return out;
    }

    private HttpResponse<?> renderChange(HttpRequest<?> request, HttpStatus status, FlowDefinition def, String form,
                                         long id, Actor actor, Map<String, Object> values, List<String> attachments,
                                         Refusal refusal) {
        Form f = records.form(form);
        Locale locale = RequestLocale.of(request);
        Map<String, Object> record = records.get(form, id, actor);
        Lookups.Names names = lookups.names(f, List.of(record));
        RecordPresenter presenter = new RecordPresenter(f, names, locale);
        Map<String, Object> model = new LinkedHashMap<>(RecordHeader.of(f, record, presenter, locale,
                RecordHeader.DETAIL));
        FieldRights rights = new FieldRights(access.fields(actor, f));
        List<String> shown = def.changeRules().fields().stream()
                .filter(k -> f.field(k).map(rights::visible).orElse(false)).toList();
        EditErrors errors = refusal.edit();
        model.put("flowLabel", def.label().in(locale));
        model.put("actionLabel", def.actionLabel().in(locale));
        model.put("action", "/forms/" + form + "/" + id + "/change-request");
        model.put("cancelHref", "/forms/" + form + "/" + id);
        model.put("fields", subset.inputs(f, shown, values, editable(f, def, actor), List.of(), errors, actor, locale));
        model.put("documentFor", def.changeRules().attachmentRequiredFor().stream()
                .map(k -> f.field(k).map(x -> x.label().in(locale)).orElse(k)).toList());
        model.put("attachments", attachmentsInput(def, attachments, errors, locale));
        model.put("errors", new PageErrors(refusal.errors()).model());
        return pages.render(request, status, "change-request", model);
    }

    /** The documents' upload input, drawn like an attachment field of the edit page. */
    private Map<String, Object> attachmentsInput(FlowDefinition def, List<String> ids, EditErrors errors,
                                                 Locale locale) {
        Map<String, FileStore.StoredFile> files = lookups.files(ids);
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("key", ATTACHMENTS);
        in.put("name", ATTACHMENTS);
        in.put("id", "f-" + ATTACHMENTS);
        in.put("label", Texts.get(locale, "page.flow.documents"));
        in.put("required", false);
        in.put("help", Texts.get(locale, "page.flow.documentTypes", String.join(" ", def.changeRules().attachmentTypes())));
        in.put("placeholder", "");
        in.put("full", true);
        in.put("kind", "files");
        in.put("image", false);
        in.put("files", ids.stream().map(i -> RecordPresenter.file(i, files.get(i))).toList());
        in.put("maxFiles", 10);
        in.put("accept", String.join(",", def.changeRules().attachmentTypes()));
        in.put("error", errors.at(ATTACHMENTS));
        return in;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
