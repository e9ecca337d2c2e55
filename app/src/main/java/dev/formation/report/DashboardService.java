package dev.formation.report;

import dev.formation.core.Actor;
import dev.formation.core.NotFoundException;
import dev.formation.metadata.MetadataHolder;
import dev.formation.security.AccessPolicy;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A dashboard for one viewer: each widget's report run with the dashboard's shared filters
 * (passed to the reports that declare them) and the viewer's scope. Widgets over forms the
 * viewer may not read are left out rather than shown empty.
 */
@Singleton
public class DashboardService {

    /**
     * One widget with its result, the parameters it ran with (its export link repeats them) and
     * whether the viewer may export its report.
     */
    public record WidgetView(ReportCatalog.Widget widget, ReportResult result, Map<String, String> params,
                             boolean exportable) {
    }

    /** A table on a dashboard shows its top rows; the whole report is one export away. */
    public static final int WIDGET_ROWS = 50;

    private final MetadataHolder metadata;
    private final ReportService reports;
    private final AccessPolicy access;

    public DashboardService(MetadataHolder metadata, ReportService reports, AccessPolicy access) {
        this.metadata = metadata;
        this.reports = reports;
        this.access = access;
    }

    public ReportCatalog.Dashboard dashboard(String key) {
        return catalog().dashboard(key).orElseThrow(() -> new NotFoundException("dashboard " + key));
    }

    /** Dashboards for the viewer's menu: those naming one of their roles (all, for admins). */
    public List<ReportCatalog.Dashboard> forMenu(Actor actor) {
        boolean admin = access.isAdmin(actor);
        return catalog().dashboards().stream()
                .filter(d -> admin || d.roles().isEmpty() || d.roles().stream().anyMatch(actor.roles()::contains))
                .toList();
    }

    public List<WidgetView> widgets(String key, Map<String, String> filters, Actor actor, Locale locale) {
        ReportCatalog.Dashboard dashboard = dashboard(key);
        List<WidgetView> out = new ArrayList<>();
        for (ReportCatalog.Widget widget : dashboard.widgets()) {
            ReportDefinition report = catalog().report(widget.report()).orElseThrow();
            if (!reports.mayRun(report, actor)) {
                continue;
            }
            Map<String, String> params = new HashMap<>();
            copy(filters, params, "team");
            for (ReportDefinition.Param p : report.params()) {
                copy(filters, params, p.key());
                copy(filters, params, p.key() + "_from");
                copy(filters, params, p.key() + "_to");
            }
            out.add(new WidgetView(widget, reports.run(report.key(), params, actor, locale, WIDGET_ROWS), Map.copyOf(params),
                    reports.mayExport(report, actor)));
        }
        return out;
    }

    private static void copy(Map<String, String> from, Map<String, String> to, String key) {
        String value = from.get(key);
        if (value != null && !value.isBlank()) {
            to.put(key, value);
        }
    }

    private ReportCatalog catalog() {
        return metadata.current().get(ReportCatalog.class);
    }
}
