package dev.formation.web.page.records;

import dev.formation.core.Actor;
import dev.formation.core.ForbiddenException;
import dev.formation.core.ValidationException;
import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import dev.formation.i18n.Texts;
import dev.formation.ownership.Transfers;
import dev.formation.record.RecordService;
import dev.formation.security.Directory;
import dev.formation.web.RequestLocale;
import dev.formation.web.page.Choices;
import dev.formation.web.page.Lookups;
import dev.formation.web.page.PageErrors;
import dev.formation.web.page.Pages;
import dev.formation.web.page.RecordPresenter;
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
 * {@code /forms/{form}/{id}/transfer} (转移): choose the receiver and give the reason; the
 * transfer service checks and records it. Afterwards the giver is back on the record, or on
 * the list with a message when the record has left their reach.
 */
@Controller("/forms/{form}")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RecordTransferPage {

    private final RecordService records;
    private final Transfers transfers;
    private final Directory directory;
    private final Lookups lookups;
    private final Landing landing;
    private final Pages pages;

    public RecordTransferPage(RecordService records, Transfers transfers, Directory directory, Lookups lookups,
                              Landing landing, Pages pages) {
        this.records = records;
        this.transfers = transfers;
        this.directory = directory;
        this.lookups = lookups;
        this.landing = landing;
        this.pages = pages;
    }

    @Get("/{id:[0-9]+}/transfer")
    public HttpResponse<?> show(HttpRequest<?> request, String form, long id, Actor actor) {
        return render(request, HttpStatus.OK, form, id, actor, PageErrors.none(), "", "");
    }

    @Post("/{id:[0-9]+}/transfer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> transfer(HttpRequest<?> request, Locale locale, String form, long id, FormBody posted,
                                    Actor actor) {
        Form f = records.form(form);
        Landing.Subject subject = Landing.Subject.of(f, records.get(form, id, actor), locale);
        String to = posted.first("to");
        String reason = posted.first("reason");
        Transfers.Transferred done;
        try {
            done = transfers.transfer(form, id, to, reason, actor, locale);
        } catch (ValidationException e) {
            return render(request, HttpStatus.BAD_REQUEST, form, id, actor, new PageErrors(e.errors()),
                    to == null ? "" : to, reason == null ? "" : reason);
        }
        String receiver = lookups.userName(done.owner());
        return done.readable() ? landing.toRecordWith(subject, "transferDone", receiver)
                : landing.toList(subject, "transferred", receiver);
    }

    private HttpResponse<?> render(HttpRequest<?> request, HttpStatus status, String form, long id, Actor actor,
                                   PageErrors errors, String to, String reason) {
        if (!records.may(form, id, Transfers.TRANSFER, actor)) {
            records.get(form, id, actor);
            throw new ForbiddenException(form + " " + id + " transfer");
        }
        Form f = records.form(form);
        Locale locale = RequestLocale.of(request);
        Map<String, Object> record = records.get(form, id, actor);
        RecordPresenter presenter = new RecordPresenter(f, lookups.names(f, List.of(record)), locale);
        Map<String, Object> model = new LinkedHashMap<>(RecordHeader.of(f, record, presenter, locale,
                RecordHeader.DETAIL));
        Map<String, String> users = new LinkedHashMap<>(directory.activeUserNames());
        Object owner = record.get(PlatformColumns.OWNER);
        if (owner != null) {
            users.remove(owner.toString());
        }
        model.put("current", owner == null ? Texts.get(locale, "page.owners.nobody") : lookups.userName(owner.toString()));
        model.put("userChoices", Choices.of(users, Set.of(to)));
        model.put("reason", reason);
        model.put("maxReason", Transfers.MAX_REASON);
        model.put("action", "/forms/" + form + "/" + id + "/transfer");
        model.put("errors", errors.model());
        return pages.render(request, status, "transfer", model);
    }
}
