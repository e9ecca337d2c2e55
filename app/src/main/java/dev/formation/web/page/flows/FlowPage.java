package dev.formation.web.page.flows;

import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.flow.FlowStarter;
import dev.formation.flow.InstanceView;
import dev.formation.flow.TaskActions;
import dev.formation.form.Form;
import dev.formation.i18n.Texts;
import dev.formation.record.RecordService;
import dev.formation.web.page.Pages;
import dev.formation.web.page.Refusal;
import dev.formation.web.page.records.FieldSubset;
import dev.formation.web.protection.FormBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

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

    private final InstanceView views;
    private final TaskActions actions;
    private final FlowStarter starter;
    private final RecordService records;
    private final FlowView page;

    public FlowPage(InstanceView views, TaskActions actions, FlowStarter starter, RecordService records,
                    FlowView page) {
        this.views = views;
        this.actions = actions;
        this.starter = starter;
        this.records = records;
        this.page = page;
    }

    @Get
    public HttpResponse<?> show(HttpRequest<?> request, long id, Actor actor) {
        return page.render(request, HttpStatus.OK, id, actor, Refusal.NONE, FlowView.Draft.NONE);
    }

    /** A post to this page (its CSRF token checked by the filter): what was sent, by whom, in which language. */
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

    /** The task a decision is about, or the "already handled" refusal when the page sent none. */
    private static Refusal onTask(Posted p, LongFunction<Object> action) {
        Long task = p.number("task");
        return task == null ? closed(p.locale()) : Refusal.attempt(() -> action.apply(task), p.locale());
    }

    @Post("/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @SuppressWarnings("unchecked")
    public HttpResponse<?> approve(HttpRequest<?> request, Locale locale, long id, FormBody form, Actor actor) {
        Posted p = new Posted(request, id, form, actor, locale);
        Map<String, Object> view = views.view(id, actor, locale);
        Form f = records.form((String) view.get("form"));
        List<String> editable = FlowView.strings(((Map<String, Object>) view.get("may")).get("editable_fields"));
        Map<String, Object> fields = FieldSubset.read(f, form, editable);
        Map<String, Object> changed = FieldSubset.changed(fields, (Map<String, Object>) view.get("record"));
        String comment = p.text("comment");
        Refusal refusal = onTask(p, task -> actions.approve(task, actor, comment, changed,
                p.number("task_version"), locale));
        return refusal == null ? Pages.seeOther("/tasks")
                : render(p, refusal, new FlowView.Draft(FlowView.DECIDE, orEmpty(comment), fields));
    }

    @Post("/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> reject(HttpRequest<?> request, Locale locale, long id, FormBody form, Actor actor) {
        Posted p = new Posted(request, id, form, actor, locale);
        String comment = p.text("comment");
        Refusal refusal = onTask(p, task -> actions.reject(task, actor, comment, p.text("to"),
                p.number("task_version"), locale));
        return refusal == null ? Pages.seeOther("/tasks")
                : render(p, refusal, new FlowView.Draft(FlowView.DECIDE, orEmpty(comment), Map.of()));
    }

    @Post("/transfer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> transfer(HttpRequest<?> request, Locale locale, long id, FormBody form, Actor actor) {
        Posted p = new Posted(request, id, form, actor, locale);
        String comment = p.text("comment");
        String to = p.text("to");
        Refusal refusal = to == null ? required(locale, "to", "page.flow.transferTo")
                : onTask(p, task -> actions.transfer(task, actor, to, comment, p.number("task_version"), locale));
        return after(p, refusal, new FlowView.Draft("transfer", orEmpty(comment), Map.of()));
    }

    @Post("/add-approver")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> addApprover(HttpRequest<?> request, Locale locale, long id, FormBody form, Actor actor) {
        Posted p = new Posted(request, id, form, actor, locale);
        String comment = p.text("comment");
        Refusal refusal = onTask(p, task -> actions.addApprovers(task, actor, p.values("users"),
                position(form.first("position")), comment, p.number("task_version"), locale));
        return after(p, refusal, new FlowView.Draft("add", orEmpty(comment), Map.of()));
    }

    @Post("/urge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> urge(HttpRequest<?> request, Locale locale, long id, FormBody form, Actor actor) {
        Posted p = new Posted(request, id, form, actor, locale);
        Refusal refusal = onTask(p, task -> actions.urge(task, actor, p.text("comment"), locale));
        return refusal == null ? Pages.seeOther("/flows/" + id + "?urged=1") : render(p, refusal, FlowView.Draft.NONE);
    }

    @Post("/withdraw")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> withdraw(HttpRequest<?> request, Locale locale, long id, FormBody form, Actor actor) {
        Refusal refusal = Refusal.attempt(() -> starter.withdraw(id, actor, locale), locale);
        String back = form.first("back");
        if (refusal == null && back != null) {
            return Pages.seeOther(Pages.localPath(back));
        }
        return after(new Posted(request, id, form, actor, locale), refusal, FlowView.Draft.NONE);
    }

    @Post("/resubmit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> resubmit(HttpRequest<?> request, Locale locale, long id, FormBody form, Actor actor) {
        return after(new Posted(request, id, form, actor, locale), Refusal.attempt(() ->
                starter.resubmit(id, Map.of(), actor, locale), locale), FlowView.Draft.NONE);
    }

    @Post("/comment")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> comment(HttpRequest<?> request, Locale locale, long id, FormBody form, Actor actor) {
        Posted p = new Posted(request, id, form, actor, locale);
        String comment = p.text("comment");
        Refusal refusal = Refusal.attempt(() -> actions.comment(id, actor, comment, p.values("attachments"),
                views.participates(id, actor), locale), locale);
        return after(p, refusal, new FlowView.Draft("comment", orEmpty(comment), Map.of()));
    }

    /** Back to the instance after an action, or the page again with why it was refused. */
    private HttpResponse<?> after(Posted p, Refusal refusal, FlowView.Draft draft) {
        if (refusal == null) {
            return Pages.seeOther("/flows/" + p.id());
        }
        return render(p, refusal, draft);
    }

    private HttpResponse<?> render(Posted p, Refusal refusal, FlowView.Draft draft) {
        return page.render(p.request(), refusal.status(), p.id(), p.actor(), refusal, draft);
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
