package dev.formation.web.page.records;

import dev.formation.core.Actor;
import dev.formation.flow.FlowDefinition;
import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import dev.formation.i18n.Texts;
import dev.formation.record.RecordService;
import dev.formation.record.RecycleBin;
import dev.formation.imports.ImportService;
import dev.formation.security.AccessPolicy;
import dev.formation.store.RecordPage;
import dev.formation.web.page.FieldRights;
import dev.formation.web.page.Lookups;
import dev.formation.web.page.Pages;
import dev.formation.web.page.QueryString;
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

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code GET /forms/{form}}: a form's records, searched, filtered, sorted and paged like the API list. */
@Controller("/forms/{form}")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ListPage {

    private final RecordService records;
    private final Lookups lookups;
    private final AccessPolicy access;
    private final RecordFlows flows;
    private final Pages pages;
    private final RecycleBin recycleBin;
    private final Clock clock;

    public ListPage(RecordService records, Lookups lookups, AccessPolicy access, RecordFlows flows, Pages pages,
                    RecycleBin recycleBin, Clock clock) {
        this.recycleBin = recycleBin;
        this.clock = clock;
        this.records = records;
        this.lookups = lookups;
        this.access = access;
        this.flows = flows;
        this.pages = pages;
    }

    @Get
    public HttpResponse<?> list(HttpRequest<?> request, Locale locale, String form, Actor actor) {
        Form f = records.form(form);
        Map<String, List<String>> params = request.getParameters().asMap();
        QueryString query = QueryString.of("/forms/" + form, params);
        String sort = query.get("sort");
        ListLink link = ListLink.of(f, query, params);
        RecordPage page = records.list(form, link.query(), link.view(), actor);
        Lookups.Names names = lookups.names(f, page.items());
        ListView view = new ListView(f, query, new RecordPresenter(f, names, locale), names,
                new FieldRights(access.fields(actor, f)), locale);
        Map<String, Object> model = new LinkedHashMap<>(view.model(page, sort == null ? f.defaultSort() : sort));
        boolean inBin = link.view() == RecordService.View.DELETED;
        model.put("canCreate", !inBin && records.mayCreate(form, actor));
        model.put("canExport", !inBin && access.can(actor, f, AccessPolicy.EXPORT));
        model.put("canImport", !inBin && access.can(actor, f, ImportService.IMPORT));
        model.put("importHref", "/forms/" + form + "/import");
        model.put("canOpenBin", recycleBin.mayOpen(f, actor));
        if (inBin) {
            model.put("rows", withBinActions(f, page, model.get("rows"), actor, locale));
            model.put("rowActions", true);
            model.put("back", query.href());
            return pages.ok(request, "list", model);
        }
        List<FlowDefinition> rowActions = flows.rowActions(f, actor);
        model.put("rowActions", !rowActions.isEmpty());
        if (!rowActions.isEmpty()) {
            model.put("rows", withRowActions(rowActions, f, page, model.get("rows"), actor, locale));
            model.put("back", query.href());
        }
        return pages.ok(request, "list", model);
    }

    /**
     * In the recycle bin, each row has 恢复 (restore) where the user may restore it and 彻底删除
     * (purge) where they may purge it and the form's days have passed; the server decides again.
     */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> withBinActions(Form form, RecordPage page, Object shown, Actor actor,
                                                     Locale locale) {
        List<Map<String, Object>> rows = new ArrayList<>((List<Map<String, Object>>) shown);
        boolean restores = access.can(actor, form, RecycleBin.RESTORE);
        boolean purges = recycleBin.mayPurge(form, actor);
        LocalDateTime now = LocalDateTime.now(clock);
        for (int i = 0; i < rows.size() && i < page.items().size(); i++) {
            Map<String, Object> record = page.items().get(i);
            String base = "/forms/" + form.key() + "/" + record.get(PlatformColumns.ID);
            Object title = record.get(form.titleField());
            String name = title == null ? "#" + record.get(PlatformColumns.ID) : title.toString();
            List<Map<String, Object>> actions = new ArrayList<>();
            if (restores) {
                actions.add(Map.of("href", base + "/restore", "label", Texts.get(locale, "page.bin.restore"),
                        "trigger", RecycleBin.RESTORE, "confirm", Texts.get(locale, "page.bin.confirmRestore", name)));
            }
            Object from = record.get("purgeable_from");
            if (purges && from != null && !now.isBefore(LocalDateTime.parse(from.toString()))) {
                actions.add(Map.of("href", base + "/purge", "label", Texts.get(locale, "page.bin.purge"),
                        "trigger", RecycleBin.PURGE, "confirm", Texts.get(locale, "page.bin.confirmPurge", name)));
            }
            Map<String, Object> row = new LinkedHashMap<>(rows.get(i));
            row.put("actions", actions);
            rows.set(i, row);
        }
        return rows;
    }

    /**
     * A row the user does not own gets a button for each flow that would give it to them
     * (申请成为负责人, 分配给我) and whose start condition holds for the row; the flow engine
     * decides for good when it is pressed.
     */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> withRowActions(List<FlowDefinition> defs, Form form, RecordPage page,
                                                            Object shown, Actor actor, java.util.Locale locale) {
        List<Map<String, Object>> rows = new ArrayList<>((List<Map<String, Object>>) shown);
        for (int i = 0; i < rows.size() && i < page.items().size(); i++) {
            Map<String, Object> record = page.items().get(i);
            if (flows.ownsAlready(form, record, actor)) {
                continue;
            }
            List<Map<String, Object>> actions = new ArrayList<>();
            for (FlowDefinition def : defs) {
                if (flows.startsOn(def, form, record)) {
                    String label = def.actionLabel().in(locale);
                    actions.add(Map.of("href", "/forms/" + form.key() + "/" + record.get(PlatformColumns.ID)
                            + "/actions/" + def.trigger(), "label", label, "trigger", def.trigger(),
                            "confirm", Texts.get(locale, "page.flow.confirmAction", label)));
                }
            }
            Map<String, Object> row = new LinkedHashMap<>(rows.get(i));
            row.put("actions", actions);
            rows.set(i, row);
        }
        return rows;
    }

}
