package dev.formation.web.page.records;

import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.core.ForbiddenException;
import dev.formation.core.ValidationException;
import dev.formation.form.DaySummary;
import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import dev.formation.i18n.Texts;
import dev.formation.record.RecordService;
import dev.formation.record.ReferenceChoices;
import dev.formation.security.AccessPolicy;
import dev.formation.web.RequestLocale;
import dev.formation.web.page.EditErrors;
import dev.formation.web.page.FieldRights;
import dev.formation.web.page.Lookups;
import dev.formation.web.page.Pages;
import dev.formation.web.page.RecordPresenter;
import dev.formation.web.page.Refusal;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The edit page of any form: {@code GET /forms/{form}/new}, {@code GET /forms/{form}/{id}/edit},
 * and the posts that create and update through the record service. A refused post shows the
 * page again with what the user typed and each error under its input.
 */
@Controller("/forms/{form}")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class EditPage {

    private final RecordService records;
    private final Lookups lookups;
    private final ReferenceChoices referenceChoices;
    private final AccessPolicy access;
    private final OnBehalf onBehalf;
    private final RecordFlows flows;
    private final Landing landing;
    private final Pages pages;

    public EditPage(RecordService records, Lookups lookups, ReferenceChoices referenceChoices, AccessPolicy access,
                    OnBehalf onBehalf, RecordFlows flows, Landing landing, Pages pages) {
        this.flows = flows;
        this.landing = landing;
        this.records = records;
        this.lookups = lookups;
        this.referenceChoices = referenceChoices;
        this.access = access;
        this.onBehalf = onBehalf;
        this.pages = pages;
    }

    /** {@code ?day=} reopens a form with a {@code daySummary} summarising another day. */
    @Get("/new")
    public HttpResponse<?> blank(HttpRequest<?> request, Locale locale, String form, Actor actor) {
        List<String> principals = onBehalf.principals(form, actor);
        boolean self = records.mayCreate(form, actor);
        if (!self && principals.isEmpty()) {
            throw new ForbiddenException(form + " create");
        }
        // someone who may only create for others starts with the first of them, and their defaults
        Actor acting = self ? actor : onBehalf.acting(actor, principals.get(0));
        Form f = records.form(form);
        Map<String, Object> values = records.blankFilled(form, acting, locale, request.getParameters().get("day"));
        Map<String, Object> extra = new LinkedHashMap<>(onBehalf.model(form, actor, principals,
                self ? "" : acting.username(), locale));
        DaySummary summary = f.crossRecords().daySummary();
        if (summary != null && summary.day() != null) {
            // what was filled in, from which day, and a way to have another day summarised instead
            String day = String.valueOf(values.get(summary.day()));
            extra.put("daySummary", Map.of("action", "/forms/" + form + "/new", "day", day,
                    "note", Texts.get(locale, "summary.note", day),
                    "dayLabel", f.field(summary.day()).orElseThrow().label().in(locale)));
        }
        return render(request, HttpStatus.OK, f, null, null, values, EditErrors.NONE, acting, extra);
    }

    @Get("/{id:[0-9]+}/edit")
    public HttpResponse<?> edit(HttpRequest<?> request, Locale locale, String form, long id, Actor actor) {
        // a form the user could not save is not worth filling in: 403 (or 404) before, not after
        records.requireAccess(form, id, AccessPolicy.UPDATE, actor);
        Map<String, Object> stored = records.get(form, id, actor);
        Form f = records.form(form);
        return render(request, HttpStatus.OK, f, id, stored.get(PlatformColumns.VERSION), stored, EditErrors.NONE, actor,
                locks(f, id, stored, Set.of(), actor, locale), Map.of());
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> create(HttpRequest<?> request, Locale locale, String form, FormBody posted,
                                  Actor actor) {
        Form f = records.form(form);
        Actor acting = onBehalf.acting(actor, posted.first(OnBehalf.FIELD));
        Map<String, Object> input = PostedRecord.read(f, posted, true, rights(f, acting));
        input.remove(PlatformColumns.VERSION);
        onBehalf.followPrincipal(form, input, actor, acting);
        HttpStatus status;
        EditErrors errors;
        try {
            Map<String, Object> created = records.create(form, input, acting, locale);
            // made for someone else (an owner, a principal) the user may not see: the list says so
            return landing.toRecord(Landing.Subject.of(f, created, locale), "", actor, "created");
        } catch (ValidationException e) {
            status = HttpStatus.BAD_REQUEST;
            errors = new EditErrors(e.errors());
        } catch (ForbiddenException e) {
            if (e.errors().isEmpty()) {
                throw e;
            }
            status = HttpStatus.FORBIDDEN;
            errors = new EditErrors(e.errors());
        }
        Map<String, Object> values = new LinkedHashMap<>(records.blank(form, acting));
        values.putAll(input);
        return render(request, status, f, null, null, values, errors, acting, onBehalf.model(form, actor,
                onBehalf.principals(form, actor), acting == actor ? "" : acting.username(), locale));
    }

    @Post("/{id:[0-9]+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> update(HttpRequest<?> request, Locale locale, String form, long id, FormBody posted,
                                  Actor actor) {
        Form f = records.form(form);
        Map<String, Object> input = PostedRecord.read(f, posted, false, rights(f, actor));
        Map<String, Object> before = records.get(form, id, actor);
        Map<String, Object> saved;
        try {
            saved = records.update(form, id, input, actor, locale);
        } catch (RuntimeException e) {
            Refusal refusal = Refusal.of(e, locale);
            if (refusal == null) {
                throw e;
            }
            return refused(request, refusal, f, id, input, actor, locale);
        }
        Landing.Subject subject = Landing.Subject.of(f, before, locale);
        Object owner = saved.get(PlatformColumns.OWNER);
        if (owner != null && !owner.equals(before.get(PlatformColumns.OWNER))) {
            return landing.toRecord(subject, "", actor, "transferred", lookups.userName(owner.toString()));
        }
        return landing.toRecord(subject, "", actor, "saved");
    }

    /**
     * A refused save: the form again with everything the user typed, and why: each field's
     * error under its input, or a stale version or a record that went under approval above the
     * form, with the way to the current version.
     */
    private HttpResponse<?> refused(HttpRequest<?> request, Refusal refusal, Form form, long id,
                                    Map<String, Object> input, Actor actor, Locale locale) {
        Map<String, Object> values = resubmitted(form.key(), id, input, actor);
        EditLocks locks = locks(form, id, values, input.keySet(), actor, locale);
        Map<String, Object> extra = new LinkedHashMap<>();
        EditErrors errors = refusal.edit();
        if (refusal.status() == HttpStatus.CONFLICT) {
            extra.put("conflict", String.join(" ", refusal.errors().stream().map(FieldError::message).toList()));
            extra.put("reloadHref", "/forms/" + form.key() + "/" + id + "/edit");
            errors = EditErrors.NONE;
        }
        return render(request, refusal.status(), form, id, input.get(PlatformColumns.VERSION), values, errors, actor,
                locks, extra);
    }

    /** What the record service keeps from changing on the record now, as the page shows it. */
    private EditLocks locks(Form form, long id, Map<String, Object> record, Set<String> typed, Actor actor,
                            Locale locale) {
        return records.editLimits(form.key(), id, actor).map(limits -> EditLocks.of(limits,
                flows.changeRequest(form, record, actor).isPresent() ? "/forms/" + form.key() + "/" + id
                        + "/change-request" : "", typed, locale)).orElse(EditLocks.NONE);
    }

    private FieldRights rights(Form form, Actor actor) {
        return new FieldRights(access.fields(actor, form));
    }

    /** What the user sent, over the stored record so read-only values still show. */
    private Map<String, Object> resubmitted(String form, long id, Map<String, Object> input, Actor actor) {
        Map<String, Object> values = new LinkedHashMap<>(records.get(form, id, actor));
        values.putAll(input);
        values.remove(PlatformColumns.VERSION);
        return values;
    }

    private HttpResponse<?> render(HttpRequest<?> request, HttpStatus status, Form form, Long id, Object version,
                                   Map<String, Object> values, EditErrors errors, Actor actor,
                                   Map<String, Object> extra) {
        return render(request, status, form, id, version, values, errors, actor, EditLocks.NONE, extra);
    }

    private HttpResponse<?> render(HttpRequest<?> request, HttpStatus status, Form form, Long id, Object version,
                                   Map<String, Object> values, EditErrors errors, Actor actor, EditLocks locks,
                                   Map<String, Object> extra) {
        Locale locale = RequestLocale.of(request);
        Lookups.Names names = lookups.names(form, List.of(values));
        RecordPresenter presenter = new RecordPresenter(form, names, locale);
        FieldInputs inputs = new FieldInputs(presenter, names, referenceChoices.offer(form, values, actor), errors, locale);
        Map<String, Object> model = new LinkedHashMap<>(new EditView(form, inputs, errors, rights(form, actor), locks,
                locale)
                .model(id, version, values));
        model.putAll(extra);
        return pages.render(request, status, "edit", model);
    }
}
