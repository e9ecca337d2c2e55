package dev.formation.web.page.records;

import dev.formation.core.Actor;
import dev.formation.metadata.MetadataHolder;
import dev.formation.form.FormCatalog;
import dev.formation.record.InUseException;
import dev.formation.record.RecordService;
import dev.formation.web.page.PageErrors;
import dev.formation.web.page.Pages;
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

import java.util.Locale;

/** {@code GET /forms/{form}/{id}} shows one record; {@code POST .../delete} deletes it. */
@Controller("/forms/{form}")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class DetailPage {

    private final RecordService records;
    private final DetailRenderer detail;
    private final Landing landing;
    private final Pages pages;
    private final MetadataHolder metadata;

    public DetailPage(RecordService records, DetailRenderer detail, Landing landing, Pages pages, MetadataHolder metadata) {
        this.metadata = metadata;
        this.records = records;
        this.detail = detail;
        this.landing = landing;
        this.pages = pages;
    }

    @Get("/{id:[0-9]+}")
    public HttpResponse<?> show(HttpRequest<?> request, String form, long id, Actor actor) {
        return detail.render(request, HttpStatus.OK, form, id, actor, PageErrors.none());
    }

    @Post("/{id:[0-9]+}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> delete(HttpRequest<?> request, Locale locale, String form, long id, FormBody posted,
                                  Actor actor) {
        Landing.Subject subject = Landing.Subject.of(records.form(form), records.get(form, id, actor), locale);
        // refused (changed meanwhile, under approval, still referred to): the record again, with why
        Refusal refusal;
        try {
            refusal = Refusal.attempt(() -> records.delete(form, id, version(posted.first("version")), actor), locale);
        } catch (InUseException e) {
            refusal = Refusal.message(HttpStatus.CONFLICT, e.message(forms(), locale));
        }
        if (refusal != null) {
            return detail.render(request, refusal.status(), form, id, actor, refusal.page());
        }
        return landing.toList(subject, "deleted");
    }

    /** No version (a hand-made post) would delete whatever is there now; refuse to guess and use a stale one. */
    private static Long version(String text) {
        try {
            return text == null ? -1L : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    private FormCatalog forms() {
        return metadata.current().get(FormCatalog.class);
    }
}
