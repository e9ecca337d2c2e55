package dev.formation.web.page;

import dev.formation.i18n.Texts;
import dev.formation.record.Actor;
import dev.formation.form.FormCatalog;
import dev.formation.record.ConflictException;
import dev.formation.record.FieldError;
import dev.formation.record.InUseException;
import dev.formation.record.RecordService;
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

import java.util.List;

/** {@code GET /forms/{form}/{id}} shows one record; {@code POST .../delete} deletes it. */
@Controller("/forms/{form}")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class DetailPage {

    private final RecordService records;
    private final DetailRenderer detail;
    private final Pages pages;
    private final FormCatalog forms;

    public DetailPage(RecordService records, DetailRenderer detail, Pages pages, FormCatalog forms) {
        this.forms = forms;
        this.records = records;
        this.detail = detail;
        this.pages = pages;
    }

    @Get("/{id:[0-9]+}")
    public HttpResponse<?> show(HttpRequest<?> request, String form, long id, Authentication authentication) {
        return detail.render(request, HttpStatus.OK, form, id, LoginService.actor(authentication), PageErrors.none());
    }

    @Post("/{id:[0-9]+}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> delete(HttpRequest<?> request, String form, long id, @Nullable @Body String body,
                                  Authentication authentication) {
        FormBody posted = FormBody.parse(body);
        Actor actor = LoginService.actor(authentication);
        records.form(form);
        try {
            records.delete(form, id, version(posted.first("version")), actor);
        } catch (ConflictException e) {
            return pages.error(request, HttpStatus.CONFLICT,
                    Texts.get(RequestLocale.of(request), "problem.conflict", e.currentVersion()),
                    "/forms/" + form + "/" + id);
        } catch (InUseException e) {
            // the record stays; its page says what still refers to it
            String message = e.message(forms, RequestLocale.of(request));
            return detail.render(request, HttpStatus.CONFLICT, form, id, actor,
                    new PageErrors(List.of(new FieldError("", message))));
        }
        return Pages.seeOther("/forms/" + form);
    }

    /** No version (a hand-made post) would delete whatever is there now; refuse to guess and use a stale one. */
    private static Long version(String text) {
        try {
            return text == null ? -1L : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
