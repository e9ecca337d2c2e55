package dev.formation.web.page.records;

import dev.formation.core.Actor;
import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.i18n.Texts;
import dev.formation.imports.ImportService;
import dev.formation.record.RecordService;
import dev.formation.security.Directory;
import dev.formation.web.page.Pages;
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

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The import pages: {@code /forms/{form}/import} (the template, the upload with mode and check
 * only, the form's import history) and {@code /imports/{id}} (a progress bar while it runs, then
 * the counts, the first rows of the file with their problems, the problems, the errors file, and
 * "import for real" after a check or "revert" after an import). The page's script talks to the
 * import API with the page's CSRF token; this controller only shows.
 */
@Controller
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ImportPage {

    private static final int PREVIEW_ROWS = 10;
    private static final int PROBLEMS_SHOWN = 200;

    private final ImportService imports;
    private final RecordService records;
    private final Directory directory;
    private final Pages pages;

    public ImportPage(ImportService imports, RecordService records, Directory directory, Pages pages) {
        this.imports = imports;
        this.records = records;
        this.directory = directory;
        this.pages = pages;
    }

    @Get("/forms/{form}/import")
    public HttpResponse<?> start(HttpRequest<?> request, Locale locale, String form, Actor actor) {
        Form f = records.form(form);
        List<Map<String, Object>> history = imports.history(form, actor, 20);
        Map<String, String> names = directory.userNames();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("formKey", form);
        model.put("formLabel", f.label().in(locale));
        model.put("listHref", "/forms/" + form);
        model.put("templateHref", "/api/forms/" + form + "/import/template");
        model.put("uploadHref", "/api/forms/" + form + "/imports");
        List<Map<String, String>> keys = new ArrayList<>();
        for (Field key : imports.keyFields(form, actor)) {
            keys.add(Map.of("key", key.key(), "label", key.label().in(locale)));
        }
        model.put("keyFields", keys);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> run : history) {
            rows.add(row(run, names, locale));
        }
        model.put("history", rows);
        return pages.ok(request, "import", model);
    }

    @Get("/imports/{id:[0-9]+}")
    public HttpResponse<?> show(HttpRequest<?> request, Locale locale, long id, Actor actor) throws IOException {
        Map<String, Object> run = imports.view(id, actor, PROBLEMS_SHOWN);
        Form f = records.form((String) run.get("form"));
        Map<String, Object> model = new LinkedHashMap<>(row(run, directory.userNames(), locale));
        model.put("formLabel", f.label().in(locale));
        model.put("listHref", "/forms/" + f.key());
        model.put("importHref", "/forms/" + f.key() + "/import");
        model.put("statusHref", "/api/imports/" + id + "?errors=0");
        model.put("errorsHref", "/api/imports/" + id + "/errors.xlsx");
        model.put("runHref", "/api/imports/" + id + "/run");
        model.put("revertHref", "/api/imports/" + id + "/revert");
        String status = (String) run.get("status");
        boolean dryRun = Boolean.TRUE.equals(run.get("dryRun"));
        model.put("underWay", List.of("queued", "running", "reverting").contains(status));
        model.put("canRun", dryRun && "done".equals(status));
        model.put("canRevert", !dryRun && "done".equals(status));
        model.put("message", run.get("message") == null ? "" : run.get("message"));
        model.put("revertedText", "reverted".equals(status) || "reverting".equals(status)
                ? Texts.get(locale, "page.import.revertedCounts", run.get("reverted"), run.get("kept")) : "");
        List<Map<String, Object>> problems = new ArrayList<>();
        for (Object e : (List<?>) run.get("errors")) {
            Map<?, ?> error = (Map<?, ?>) e;
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("sheet", error.get("sheet"));
            p.put("row", error.get("row"));
            p.put("field", fieldLabel(f, (String) error.get("field"), locale));
            p.put("message", error.get("message"));
            problems.add(p);
        }
        model.put("problems", problems);
        int failed = ((Number) run.get("failed")).intValue();
        model.put("moreProblems", problems.size() >= PROBLEMS_SHOWN
                ? Texts.get(locale, "page.import.more", PROBLEMS_SHOWN) : "");
        model.put("hasProblems", failed > 0 || !problems.isEmpty());
        model.put("preview", underWayOrFailed(status) ? Map.of("header", List.of(), "rows", List.of())
                : imports.preview(id, actor, PREVIEW_ROWS));
        model.put("previewTitle", Texts.get(locale, "page.import.preview", PREVIEW_ROWS));
        return pages.ok(request, "import-run", model);
    }

    private static boolean underWayOrFailed(String status) {
        return List.of("queued", "running", "failed").contains(status);
    }

    /** A field path ({@code name}, {@code contacts[0].mobile}) as the person reads it. */
    private static String fieldLabel(Form form, String path, Locale locale) {
        if (path == null) {
            return "";
        }
        String[] parts = path.split("\\[\\d+]\\.", 2);
        Field field = form.field(parts[0]).orElse(null);
        if (field == null) {
            return path;
        }
        if (parts.length == 2 && field.child(parts[1]) != null) {
            return field.label().in(locale) + " · " + field.child(parts[1]).label().in(locale);
        }
        return field.label().in(locale);
    }

    /** An import as a line of the history (and the head of its own page). */
    private static Map<String, Object> row(Map<String, Object> run, Map<String, String> names, Locale locale) {
        Map<String, Object> row = new LinkedHashMap<>();
        String status = (String) run.get("status");
        boolean dryRun = Boolean.TRUE.equals(run.get("dryRun"));
        row.put("id", run.get("id"));
        row.put("href", "/imports/" + run.get("id"));
        row.put("fileName", run.get("fileName"));
        String by = (String) run.get("createdBy");
        row.put("by", names.getOrDefault(by, by));
        row.put("at", String.valueOf(run.get("createdAt")).replace('T', ' '));
        row.put("mode", Texts.get(locale, "page.import.mode." + run.get("mode")));
        row.put("dryRun", dryRun);
        row.put("status", status);
        row.put("statusLabel", Texts.get(locale, "page.import.status." + status)
                + (dryRun ? Texts.get(locale, "page.import.dryRunLabel") : ""));
        row.put("total", run.get("total"));
        row.put("processed", run.get("processed"));
        row.put("counts", Texts.get(locale, dryRun ? "page.import.checkedCounts" : "page.import.counts",
                run.get("total"), run.get("processed"), run.get("inserted"), run.get("updated"), run.get("failed")));
        return row;
    }
}
