package dev.formation.web.report;

import dev.formation.core.Actor;
import dev.formation.i18n.Texts;
import dev.formation.report.DashboardService;
import dev.formation.report.ReportRendering;
import dev.formation.security.Directory;
import dev.formation.security.UserAdministration;
import dev.formation.web.FirstValues;
import dev.formation.web.page.Pages;
import dev.formation.web.page.QueryString;
import freemarker.template.TemplateModelException;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /dashboards/{dashboard}}: the page, with shared filters (period, team, owner). Each
 * widget is plain HTML ({@link WidgetPresenter}): a number, a chart image or a table.
 */
@Controller("/dashboards")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class DashboardPage {

    static final List<String> PERIODS = List.of("this_month", "last_month", "this_quarter", "this_year", "last_year",
            "last_12_months", "all");

    private final DashboardService dashboards;
    private final WidgetPresenter presenter;
    private final Directory directory;
    private final Pages pages;
    private final UserAdministration teams;

    public DashboardPage(DashboardService dashboards, ReportRendering rendering, Directory directory, Pages pages,
                         UserAdministration teams) {
        this.teams = teams;
        this.dashboards = dashboards;
        this.presenter = new WidgetPresenter(rendering);
        this.directory = directory;
        this.pages = pages;
    }

    @Get("/{dashboard}")
    public HttpResponse<?> show(HttpRequest<?> request, Locale locale, String dashboard, Actor actor)
            throws TemplateModelException {
        Map<String, String> filters = FirstValues.of(request);
        var definition = dashboards.dashboard(dashboard);
        List<Map<String, Object>> widgets = new ArrayList<>();
        for (DashboardService.WidgetView view : dashboards.widgets(dashboard, filters, actor, locale)) {
            Map<String, Object> w = presenter.present(view, locale);
            w.put("drill", drillLinks(view, locale));
            w.put("exports", exportLinks(view, locale));
            widgets.add(w);
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("dashboard", Map.of("key", definition.key(), "label", definition.label().in(locale)));
        model.put("widgets", widgets);
        model.put("periods", PERIODS.stream().map(p -> Map.of("key", p, "label", Texts.get(locale, "page.period." + p)))
                .toList());
        model.put("period", filters.getOrDefault("period", ""));
        model.put("owner", filters.getOrDefault("owner", ""));
        model.put("users", directory.userNames());
        model.put("team", filters.getOrDefault("team", ""));
        model.put("teams", teams.teams(actor));
        return pages.ok(request, "dashboard", model);
    }

    /** The widget's report as PDF, XLSX and CSV with the parameters it ran with, for viewers who may export it. */
    private static List<Map<String, String>> exportLinks(DashboardService.WidgetView view, Locale locale) {
        List<Map<String, String>> links = new ArrayList<>();
        if (!view.exportable()) {
            return links;
        }
        String report = view.result().report().key();
        for (String format : List.of("pdf", "xlsx", "csv")) {
            QueryString href = QueryString.of("/api/reports/" + report + "/export", Map.of()).with("format", format);
            for (Map.Entry<String, String> param : new java.util.TreeMap<>(view.params()).entrySet()) {
                href = href.with(param.getKey(), param.getValue());
            }
            links.add(Map.of("label", Texts.get(locale, "page.report.export." + format), "href", href.href()));
        }
        return links;
    }

    /** Categories of a chart or table as links to the filtered list, when the report allows drilling. */
    private static List<Map<String, String>> drillLinks(DashboardService.WidgetView view, Locale locale) {
        List<Map<String, String>> links = new ArrayList<>();
        var p = view.result().report().presentation();
        if (!p.drill() || view.result().report().groups().isEmpty()) {
            return links;
        }
        String category = view.result().report().groups().get(0).key();
        for (Map<String, Object> row : view.result().rows()) {
            Object href = row.get("_drill");
            if (href != null) {
                links.add(Map.of("label", String.valueOf(row.get(category)), "href", href.toString()));
            }
        }
        return links;
    }
}
