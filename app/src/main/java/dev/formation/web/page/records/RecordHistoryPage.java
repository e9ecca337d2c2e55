package dev.formation.web.page.records;

import dev.formation.core.Actor;
import dev.formation.form.Form;
import dev.formation.record.RecordHistory;
import dev.formation.record.RecordService;
import dev.formation.web.page.Lookups;
import dev.formation.web.page.Pages;
import dev.formation.web.page.RecordPresenter;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code GET /forms/{form}/{id}/history}: who changed what on a record, newest first. */
@Controller("/forms/{form}")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RecordHistoryPage {

    private final RecordService records;
    private final RecordHistory history;
    private final AuditPresenter presenter;
    private final Lookups lookups;
    private final Pages pages;

    public RecordHistoryPage(RecordService records, RecordHistory history, AuditPresenter presenter, Lookups lookups,
                             Pages pages) {
        this.records = records;
        this.history = history;
        this.presenter = presenter;
        this.lookups = lookups;
        this.pages = pages;
    }

    @Get("/{id:[0-9]+}/history")
    public HttpResponse<?> history(HttpRequest<?> request, Locale locale, String form, long id, Actor actor) {
        Form f = records.form(form);
        // reading the record is the right to read its history (404 for anyone who may not)
        Map<String, Object> record = records.get(form, id, actor);
        RecordPresenter recordPresenter = new RecordPresenter(f, lookups.names(f, List.of(record)), locale);
        Map<String, Object> model = new LinkedHashMap<>(RecordHeader.of(f, record, recordPresenter, locale,
                RecordHeader.HISTORY));
        model.put("entries", presenter.present(history.of(form, id, actor), actor, locale));
        return pages.ok(request, "history", model);
    }
}
