package dev.formation.web.page.records;

import dev.formation.core.Actor;
import dev.formation.form.Form;
import dev.formation.record.RecordService;
import dev.formation.record.RecycleBin;
import dev.formation.web.page.Flash;
import dev.formation.web.page.Pages;
import dev.formation.web.page.Refusal;
import dev.formation.web.protection.FormBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.Locale;
import java.util.Map;

/**
 * The buttons of the recycle bin's list ({@code /forms/{form}?view=deleted}): restore and purge
 * post here (with the page's CSRF token, as every post) and land back on the bin with what
 * happened, or on the error page with why not and the way back.
 */
@Controller("/forms/{form}/{id:[0-9]+}")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RecycleBinPage {

    private final RecordService records;
    private final RecycleBin bin;
    private final Flash flash;
    private final Pages pages;

    public RecycleBinPage(RecordService records, RecycleBin bin, Flash flash, Pages pages) {
        this.records = records;
        this.bin = bin;
        this.flash = flash;
        this.pages = pages;
    }

    @Post("/restore")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> restore(HttpRequest<?> request, Locale locale, String form, long id, FormBody posted,
                                   Actor actor) {
        Form f = records.form(form);
        Map<String, Object>[] restored = new Map[1];
        Refusal refusal = Refusal.attempt(() -> restored[0] = bin.restore(form, id, actor), locale);
        String back = back(form, posted);
        if (refusal != null) {
            return refused(request, refusal, back);
        }
        Object title = restored[0].get(f.titleField());
        return flash.redirect(back, "restored", f.label().in(locale), title == null ? "#" + id : title.toString());
    }

    @Post("/purge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> purge(HttpRequest<?> request, Locale locale, String form, long id, FormBody posted,
                                 Actor actor) {
        Form f = records.form(form);
        Refusal refusal = Refusal.attempt(() -> bin.purge(form, id, actor), locale);
        String back = back(form, posted);
        if (refusal != null) {
            return refused(request, refusal, back);
        }
        return flash.redirect(back, "purged", f.label().in(locale), "#" + id);
    }

    private HttpResponse<?> refused(HttpRequest<?> request, Refusal refusal, String back) {
        String message = String.join(" ", refusal.errors().stream().map(e -> e.message()).toList());
        return pages.error(request, refusal.status(), message, back);
    }

    private static String back(String form, FormBody posted) {
        String back = posted.first("back");
        return back == null ? "/forms/" + form + "?view=deleted" : Pages.localPath(back);
    }
}
