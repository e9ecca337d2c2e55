package dev.formation.web.page.flows;

import dev.formation.flow.FlowStarter;
import dev.formation.flow.InstanceView;
import dev.formation.flow.TaskActions;
import dev.formation.form.Form;
import dev.formation.i18n.Texts;
import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.record.RecordService;
import dev.formation.security.AccessPolicy;
import dev.formation.security.Directory;
import dev.formation.security.LoginService;
import dev.formation.web.RequestLocale;
import dev.formation.web.page.Choices;
import dev.formation.web.page.FieldRights;
import dev.formation.web.page.FlowFormat;
import dev.formation.web.page.FormBody;
import dev.formation.web.page.Lookups;
import dev.formation.web.page.PageErrors;
import dev.formation.web.page.Pages;
import dev.formation.web.page.RecordPresenter;
import dev.formation.web.page.Refusal;
import dev.formation.web.page.records.DetailView;
import dev.formation.web.page.records.FieldSubset;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One flow instance ({@code GET /flows/{id}}): what is asked, the route and where it stands,
 * the tasks, the timeline and the record; and, when the viewer may, the forms to approve or
 * return it (with the fields the step lets them fill), transfer it, add approvers, urge,
 * withdraw, resubmit or comment. Every post carries the page's CSRF token and the task's
 * version, so a second click on the same task is told it was already handled.
 */
@Controller("/flows/{id:[0-9]+}")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class FlowPage {

    /** Which of the page's forms a refused post came from, with what the user had typed into it. */
    record Draft(String form, String comment, Map<String, Object> fields) {
        static final Draft NONE = new Draft("", "", Map.of());
    }

    private static final String DECIDE = "decide";

    private final InstanceView views;
    private final TaskActions actions;
    private final FlowStarter starter;
    private final RecordService records;
    private final AccessPolicy access;
    private final Lookups lookups;
    private final FieldSubset subset;
    private final Directory directory;
    private final Pages pages;
    private final FlowTimeline timeline;

    public FlowPage(InstanceView views, TaskActions actions, FlowStarter starter, RecordService records,
                    AccessPolicy access, Lookups lookups, FieldSubset subset, Directory directory, Pages pages,
                    FlowTimeline timeline) {
        this.timeline = timeline;
        this.views = views;
        this.actions = actions;
        this.starter = starter;
        this.records = records;
        this.access = access;
        this.lookups = lookups;
        this.subset = subset;
        this.directory = directory;
        this.pages = pages;
    }

    @Get
    public HttpResponse<?> show(HttpRequest<?> request, long id, Authentication authentication) {
        Actor actor = LoginService.actor(authentication);
        return render(request, HttpStatus.OK, id, actor, Refusal.NONE, Draft.NONE);
    }

    /** A post to this page, once its CSRF token is checked: what was sent, by whom, in which language. */
    private record Posted(HttpRequest<?> request, long id, FormBody form, Actor actor, Locale locale) {

        String text(String name) {
            return FlowPage.text(form.first(name));
        }

        Long number(String name) {
            return FlowPage.number(form.first(name));
        }

        List<String> values(String name) {
            return form.all(name).stream().map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
        }
    }

    /** Runs the action's handler on the posted form (CsrfFilter has checked its token). */
    private HttpResponse<?> handle(HttpRequest<?> request, long id, String body, Authentication authentication,
                                   java.util.function.Function<Posted, HttpResponse<?>> handler) {
        FormBody posted = FormBody.parse(body);
        return handler.apply(new Posted(request, id, posted, LoginService.actor(authentication),
                RequestLocale.of(request)));
    }

    /** The task a decision is about, or the "already handled" refusal when the page sent none. */
    private static Refusal onTask(Posted p, java.util.function.LongFunction<Object> action) {
        Long task = p.number("task");
        return task == null ? closed(p.locale()) : Refusal.attempt(() -> action.apply(task), p.locale());
    }

    @Post("/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @SuppressWarnings("unchecked")
    public HttpResponse<?> approve(HttpRequest<?> request, long id, @Nullable @Body String body,
                                   Authentication authentication) {
        return handle(request, id, body, authentication, p -> {
            Map<String, Object> view = views.view(id, p.actor(), p.locale());
            Form form = records.form((String) view.get("form"));
            List<String> editable = strings(((Map<String, Object>) view.get("may")).get("editable_fields"));
            Map<String, Object> fields = FieldSubset.read(form, p.form(), editable);
            Map<String, Object> changed = FieldSubset.changed(fields, (Map<String, Object>) view.get("record"));
            String comment = p.text("comment");
            Refusal refusal = onTask(p, task -> actions.approve(task, p.actor(), comment, changed,
                    p.number("task_version"), p.locale()));
            return refusal == null ? Pages.seeOther("/tasks")
                    : render(p, refusal, new Draft(DECIDE, orEmpty(comment), fields));
        });
    }

    @Post("/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> reject(HttpRequest<?> request, long id, @Nullable @Body String body,
                                  Authentication authentication) {
        return handle(request, id, body, authentication, p -> {
            String comment = p.text("comment");
            Refusal refusal = onTask(p, task -> actions.reject(task, p.actor(), comment, p.text("to"),
                    p.number("task_version"), p.locale()));
            return refusal == null ? Pages.seeOther("/tasks")
                    : render(p, refusal, new Draft(DECIDE, orEmpty(comment), Map.of()));
        });
    }

    @Post("/transfer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> transfer(HttpRequest<?> request, long id, @Nullable @Body String body,
                                    Authentication authentication) {
        return handle(request, id, body, authentication, p -> {
            String comment = p.text("comment");
            String to = p.text("to");
            Refusal refusal = to == null ? required(p.locale(), "to", "page.flow.transferTo")
                    : onTask(p, task -> actions.transfer(task, p.actor(), to, comment, p.number("task_version"),
                    p.locale()));
            return after(p, refusal, new Draft("transfer", orEmpty(comment), Map.of()));
        });
    }

    @Post("/add-approver")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> addApprover(HttpRequest<?> request, long id, @Nullable @Body String body,
                                       Authentication authentication) {
        return handle(request, id, body, authentication, p -> {
            String comment = p.text("comment");
            Refusal refusal = onTask(p, task -> actions.addApprovers(task, p.actor(), p.values("users"),
                    position(p.form().first("position")), comment, p.number("task_version"), p.locale()));
            return after(p, refusal, new Draft("add", orEmpty(comment), Map.of()));
        });
    }

    @Post("/urge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> urge(HttpRequest<?> request, long id, @Nullable @Body String body,
                                Authentication authentication) {
        return handle(request, id, body, authentication, p -> {
            Refusal refusal = onTask(p, task -> actions.urge(task, p.actor(), p.text("comment"), p.locale()));
            return refusal == null ? Pages.seeOther("/flows/" + id + "?urged=1") : render(p, refusal, Draft.NONE);
        });
    }

    @Post("/withdraw")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> withdraw(HttpRequest<?> request, long id, @Nullable @Body String body,
                                    Authentication authentication) {
        return handle(request, id, body, authentication, p -> {
            Refusal refusal = Refusal.attempt(() -> starter.withdraw(id, p.actor(), p.locale()), p.locale());
            String back = p.form().first("back");
            if (refusal == null && back != null) {
                return Pages.seeOther(Pages.localPath(back));
            }
            return after(p, refusal, Draft.NONE);
        });
    }

    @Post("/resubmit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> resubmit(HttpRequest<?> request, long id, @Nullable @Body String body,
                                    Authentication authentication) {
        return handle(request, id, body, authentication, p -> after(p, Refusal.attempt(() ->
                starter.resubmit(id, Map.of(), p.actor(), p.locale()), p.locale()), Draft.NONE));
    }

    @Post("/comment")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> comment(HttpRequest<?> request, long id, @Nullable @Body String body,
                                   Authentication authentication) {
        return handle(request, id, body, authentication, p -> {
            String comment = p.text("comment");
            Refusal refusal = Refusal.attempt(() -> actions.comment(id, p.actor(), comment, p.values("attachments"),
                    views.participates(id, p.actor()), p.locale()), p.locale());
            return after(p, refusal, new Draft("comment", orEmpty(comment), Map.of()));
        });
    }

    /** Back to the instance after an action, or the page again with why it was refused. */
    private HttpResponse<?> after(Posted p, Refusal refusal, Draft draft) {
        if (refusal == null) {
            return Pages.seeOther("/flows/" + p.id());
        }
        return render(p, refusal, draft);
    }

    private HttpResponse<?> render(Posted p, Refusal refusal, Draft draft) {
        return render(p.request(), refusal.status(), p.id(), p.actor(), refusal, draft);
    }

    @SuppressWarnings("unchecked")
    private HttpResponse<?> render(HttpRequest<?> request, HttpStatus status, long id, Actor actor, Refusal refusal,
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

    private static Refusal closed(Locale locale) {
        return Refusal.message(HttpStatus.CONFLICT, Texts.get(locale, "flow.taskClosed"));
    }

    private static Refusal required(Locale locale, String field, String labelKey) {
        return new Refusal(HttpStatus.BAD_REQUEST, List.of(new FieldError(field,
                Texts.get(locale, "page.flow.pick", Texts.get(locale, labelKey)))));
    }

    private static TaskActions.Position position(String text) {
        for (TaskActions.Position p : TaskActions.Position.values()) {
            if (p.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return p;
            }
        }
        return TaskActions.Position.AFTER;
    }

    private static List<String> strings(Object list) {
        return list instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    private static Long number(String text) {
        try {
            return text == null || text.isBlank() ? null : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
