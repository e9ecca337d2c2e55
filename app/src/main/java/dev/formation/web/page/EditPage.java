package dev.formation.web.page;

import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import dev.formation.i18n.Texts;
import dev.formation.record.Actor;
import dev.formation.record.ConflictException;
import dev.formation.record.ForbiddenException;
import dev.formation.record.RecordService;
import dev.formation.record.ReferenceChoices;
import dev.formation.record.ValidationException;
import dev.formation.security.AccessPolicy;
import dev.formation.security.LoginService;
import dev.formation.web.RequestLocale;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
    private final Pages pages;

    public EditPage(RecordService records, Lookups lookups, ReferenceChoices referenceChoices, AccessPolicy access,
                    OnBehalf onBehalf, Pages pages) {
        this.records = records;
        this.lookups = lookups;
        this.referenceChoices = referenceChoices;
        this.access = access;
        this.onBehalf = onBehalf;
        this.pages = pages;
    }

    @Get("/new")
    public HttpResponse<?> blank(HttpRequest<?> request, String form, Authentication authentication) {
        Actor actor = LoginService.actor(authentication);
        List<String> principals = onBehalf.principals(form, actor);
        boolean self = records.mayCreate(form, actor);
        if (!self && principals.isEmpty()) {
            throw new ForbiddenException(form + " create");
        }
        // someone who may only create for others starts with the first of them, and their defaults
        Actor acting = self ? actor : onBehalf.acting(actor, principals.get(0));
        return render(request, HttpStatus.OK, records.form(form), null, null, records.blank(form, acting),
                EditErrors.NONE, acting, onBehalf.model(form, actor, principals, self ? "" : acting.username(),
                        RequestLocale.of(request)));
    }

    @Get("/{id:[0-9]+}/edit")
    public HttpResponse<?> edit(HttpRequest<?> request, String form, long id, Authentication authentication) {
        Actor actor = LoginService.actor(authentication);
        // a form the user could not save is not worth filling in: 403 (or 404) before, not after
        records.requireAccess(form, id, AccessPolicy.UPDATE, actor);
        Map<String, Object> stored = records.get(form, id, actor);
        return render(request, HttpStatus.OK, records.form(form), id, stored.get(PlatformColumns.VERSION), stored,
                EditErrors.NONE, actor);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> create(HttpRequest<?> request, String form, @Nullable @Body String body,
                                  Authentication authentication) {
        FormBody posted = FormBody.parse(body);
        Actor actor = LoginService.actor(authentication);
        Form f = records.form(form);
        Actor acting = onBehalf.acting(actor, posted.first(OnBehalf.FIELD));
        Map<String, Object> input = PostedRecord.read(f, posted, true, rights(f, acting));
        input.remove(PlatformColumns.VERSION);
        onBehalf.followPrincipal(form, input, actor, acting);
        HttpStatus status;
        EditErrors errors;
        try {
            Map<String, Object> created = records.create(form, input, acting, RequestLocale.of(request));
            return Pages.seeOther("/forms/" + form + "/" + created.get(PlatformColumns.ID));
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
                onBehalf.principals(form, actor), acting == actor ? "" : acting.username(), RequestLocale.of(request)));
    }

    @Post("/{id:[0-9]+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> update(HttpRequest<?> request, String form, long id, @Nullable @Body String body,
                                  Authentication authentication) {
        FormBody posted = FormBody.parse(body);
        Actor actor = LoginService.actor(authentication);
        Locale locale = RequestLocale.of(request);
        Form f = records.form(form);
        Map<String, Object> input = PostedRecord.read(f, posted, false, rights(f, actor));
        try {
            records.update(form, id, input, actor, locale);
            return Pages.seeOther("/forms/" + form + "/" + id);
        } catch (ValidationException e) {
            return render(request, HttpStatus.BAD_REQUEST, f, id, input.get(PlatformColumns.VERSION),
                    resubmitted(form, id, input, actor), new EditErrors(e.errors()), actor);
        } catch (ForbiddenException e) {
            if (e.errors().isEmpty()) {
                throw e;
            }
            return render(request, HttpStatus.FORBIDDEN, f, id, input.get(PlatformColumns.VERSION),
                    resubmitted(form, id, input, actor), new EditErrors(e.errors()), actor);
        } catch (ConflictException e) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("conflict", Texts.get(locale, "problem.conflict", e.currentVersion()));
            model.put("reloadHref", "/forms/" + form + "/" + id + "/edit");
            return render(request, HttpStatus.CONFLICT, f, id, input.get(PlatformColumns.VERSION),
                    resubmitted(form, id, input, actor), EditErrors.NONE, actor, model);
        }
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
                                   Map<String, Object> values, EditErrors errors, Actor actor) {
        return render(request, status, form, id, version, values, errors, actor, Map.of());
    }

    private HttpResponse<?> render(HttpRequest<?> request, HttpStatus status, Form form, Long id, Object version,
                                   Map<String, Object> values, EditErrors errors, Actor actor,
                                   Map<String, Object> extra) {
        Locale locale = RequestLocale.of(request);
        Lookups.Names names = lookups.names(form, List.of(values));
        RecordPresenter presenter = new RecordPresenter(form, names, locale);
        FieldInputs inputs = new FieldInputs(presenter, names, referenceChoices.offer(form, values, actor), errors, locale);
        Map<String, Object> model = new LinkedHashMap<>(new EditView(form, inputs, errors, rights(form, actor), locale)
                .model(id, version, values));
        model.putAll(extra);
        return pages.render(request, status, "edit", model);
    }
}
