package dev.formation.web.api;

import dev.formation.core.Actor;
import dev.formation.core.BadRequestException;
import dev.formation.form.Form;
import dev.formation.record.ListQueries;
import dev.formation.record.RecordService;
import dev.formation.record.RecycleBin;
import dev.formation.security.Delegation;
import dev.formation.security.DelegationService;
import dev.formation.security.LoginService;
import dev.formation.store.ListQuery;
import dev.formation.store.RecordPage;
import dev.formation.web.RequestLocale;
import dev.formation.web.export.ExportFormat;
import dev.formation.web.export.ListExport;
import dev.formation.web.export.TemporaryFile;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The records of any form: create, read, patch (with {@code version}), soft delete, search. */
@Controller("/api/forms/{form}/records")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RecordApi {

    private final RecordService records;
    private final DelegationService delegations;
    private final ListExport exports;
    private final RecycleBin bin;

    public RecordApi(RecordService records, DelegationService delegations, ListExport exports, RecycleBin bin) {
        this.records = records;
        this.delegations = delegations;
        this.exports = exports;
        this.bin = bin;
    }

    @Post
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public HttpResponse<Map<String, Object>> create(HttpRequest<?> request, String form, @Body byte[] body,
                                                    @Nullable @QueryValue("on_behalf_of") String onBehalfOf,
                                                    Authentication authentication) {
        Actor actor = LoginService.actor(authentication);
        if (onBehalfOf != null && !onBehalfOf.isBlank() && !onBehalfOf.equals(actor.username())) {
            actor = delegations.actFor(actor, onBehalfOf.trim(), Delegation.CREATE);
        }
        Map<String, Object> created = records.create(form, JsonBodies.object(body), actor, RequestLocale.of(request));
        return HttpResponse.created(created, URI.create("/api/forms/" + form + "/records/" + created.get("id")));
    }

    /**
     * The rows the user may export as a file, {@code format=csv} (default; UTF-8 with BOM so Excel
     * reads Chinese) or {@code xlsx} (typed cells, a sheet per sub-table): the list's search and
     * filters, every row the user may export (not just a page), in id order (oldest first). The file is written
     * to disk first, then streamed, so neither side holds it in memory.
     */
    @Get("/export")
    public HttpResponse<StreamedFile> export(HttpRequest<?> request, String form, @Nullable @QueryValue String q,
                                             @Nullable @QueryValue String sort, @Nullable @QueryValue String format,
                                             Authentication authentication)
            throws IOException {
        ExportFormat type = ExportFormat.of(format);
        Form f = records.form(form);
        // the sort is checked as the list checks it, but a file comes in id order: that is what keeps it streamable
        ListQuery query = ListQueries.parse(f, request.getParameters().asMap(), q, 1, ListQuery.MAX_SIZE, sort);
        Path file = exports.write(form, query, type, LoginService.actor(authentication), RequestLocale.of(request));
        StreamedFile body = new StreamedFile(TemporaryFile.open(file), MediaType.of(type.contentType()), 0,
                Files.size(file));
        body.attach(form + "." + type.extension());
        return HttpResponse.ok(body);
    }

    /**
     * A new record as its page would open: the defaults, and what the form's {@code daySummary}
     * fills in from the user's records of the day ({@code ?day=2026-12-01} for another day than
     * the default); nothing is saved. 403 without create.
     */
    @Get("/new")
    public Map<String, Object> blank(HttpRequest<?> request, String form, @Nullable @QueryValue String day,
                                     Authentication authentication) {
        Actor actor = LoginService.actor(authentication);
        if (!records.mayCreate(form, actor)) {
            throw new dev.formation.core.ForbiddenException(form + " create");
        }
        return records.blankFilled(form, actor, RequestLocale.of(request), day);
    }

    /** The record; with {@code progress} (goal, actual and percent per measure) when its form declares progress. */
    @Get("/{id}")
    public Map<String, Object> get(HttpRequest<?> request, String form, long id, Authentication authentication) {
        Map<String, Object> record = records.get(form, id, LoginService.actor(authentication));
        if (records.form(form).crossRecords().progress() == null) {
            return record;
        }
        Map<String, Object> out = new LinkedHashMap<>(record);
        out.put(Form.PROGRESS, records.progress(form, record, RequestLocale.of(request)));
        return out;
    }

    @Patch("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public Map<String, Object> update(HttpRequest<?> request, String form, long id, @Body byte[] body,
                                      Authentication authentication) {
        return records.update(form, id, JsonBodies.object(body), LoginService.actor(authentication),
                RequestLocale.of(request));
    }

    /** Moves the record to the recycle bin; {@code ?purge=true} removes a record already in the bin for good. */
    @Delete("/{id}")
    public HttpResponse<?> delete(String form, long id, @Nullable @QueryValue Long version,
                                  @Nullable @QueryValue Boolean purge, Authentication authentication) {
        if (Boolean.TRUE.equals(purge)) {
            bin.purge(form, id, LoginService.actor(authentication));
        } else {
            records.delete(form, id, version, LoginService.actor(authentication));
        }
        return HttpResponse.noContent();
    }

    /** Brings a record back from the recycle bin (with what went there with it). */
    @Post("/{id}/restore")
    public Map<String, Object> restore(String form, long id, Authentication authentication) {
        return bin.restore(form, id, LoginService.actor(authentication));
    }

    /** Removes a record in the recycle bin for good, once the form's days have passed. */
    @Post("/{id}/purge")
    public HttpResponse<?> purge(String form, long id, Authentication authentication) {
        bin.purge(form, id, LoginService.actor(authentication));
        return HttpResponse.noContent();
    }

    @Get
    public Map<String, Object> list(HttpRequest<?> request, String form, @Nullable @QueryValue String q,
                                    @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer size,
                                    @Nullable @QueryValue String sort, @Nullable @QueryValue String view,
                                    Authentication authentication) {
        Form f = records.form(form);
        ListQuery query = ListQueries.parse(f, request.getParameters().asMap(), q, page, size, sort);
        RecordPage result = records.list(form, query, view(view), LoginService.actor(authentication));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", result.items());
        out.put("total", result.total());
        out.put("totalExact", result.totalExact());
        out.put("page", result.page());
        out.put("size", result.size());
        return out;
    }

    /** {@code view=mine|shared_by_me|shared_with_me|unowned|all|deleted} (deleted: the recycle bin). */
    public static RecordService.View view(String view) {
        if (view == null || view.isBlank()) {
            return RecordService.View.ALL;
        }
        try {
            return RecordService.View.valueOf(view.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("problem.badParam", "view", "mine, shared_by_me, shared_with_me, unowned, all, deleted");
        }
    }
}
