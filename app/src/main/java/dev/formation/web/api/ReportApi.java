package dev.formation.web.api;

import dev.formation.core.BadRequestException;
import dev.formation.core.Actor;
import dev.formation.report.DateRanges;
import dev.formation.report.ReportRendering;
import dev.formation.report.render.NotSet;
import dev.formation.report.render.ReportRenderer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.QueryValue;
import java.io.ByteArrayOutputStream;
import dev.formation.report.ReportDefinition;
import dev.formation.report.ReportResult;
import dev.formation.report.ReportService;
import dev.formation.security.LoginService;
import dev.formation.web.FirstValues;
import dev.formation.web.RequestLocale;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code GET /api/reports} and {@code GET /api/reports/{report}?param=...} (rows as JSON). */
@Controller("/api/reports")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReportApi {

    private final ReportService reports;
    private final ReportRendering rendering;

    public ReportApi(ReportService reports, ReportRendering rendering) {
        this.reports = reports;
        this.rendering = rendering;
    }

    /**
     * The report as a file: {@code format=pdf|xlsx|csv}. Needs the export permission on the
     * report's form; every export is audited.
     */
    @Get("/{report}/export")
    public HttpResponse<byte[]> export(HttpRequest<?> request, String report, @Nullable @QueryValue String format,
                                       Authentication authentication) {
        Actor actor = LoginService.actor(authentication);
        Locale locale = RequestLocale.of(request);
        ReportRenderer.Format f = format(format);
        ReportDefinition definition = reports.report(report, actor);
        reports.requireExport(definition, actor);
        ReportResult result = reports.run(report, FirstValues.of(request), actor, locale);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        rendering.render(result, f, ReportRendering.Parts.FULL, locale, out);
        reports.audit(actor, definition, f.extension(), result.rows().size());
        return HttpResponse.ok(out.toByteArray()).contentType(f.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + report + "." + f.extension() + "\"");
    }

    private static ReportRenderer.Format format(String format) {
        String name = format == null ? "pdf" : format.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "pdf" -> ReportRenderer.Format.PDF;
            case "xlsx" -> ReportRenderer.Format.XLSX;
            case "csv" -> ReportRenderer.Format.CSV;
            default -> throw new BadRequestException("problem.badParam", "format", "pdf, xlsx, csv");
        };
    }

    @Get
    public List<Map<String, Object>> list(HttpRequest<?> request, Authentication authentication) {
        Locale locale = RequestLocale.of(request);
        return reports.available(LoginService.actor(authentication)).stream().map(r -> summary(r, locale)).toList();
    }

    @Get("/{report}")
    public Map<String, Object> run(HttpRequest<?> request, String report, Authentication authentication) {
        Locale locale = RequestLocale.of(request);
        ReportResult result = reports.run(report, FirstValues.of(request), LoginService.actor(authentication), locale);
        Map<String, Object> out = summary(result.report(), locale);
        Map<String, Object> params = new LinkedHashMap<>();
        result.params().forEach((k, v) -> params.put(k, v instanceof DateRanges.Range r ? range(r) : v));
        out.put("params", params);
        out.put("columns", result.columns());
        out.put("rows", result.rows().stream().map(ReportApi::json).toList());
        return out;
    }

    /** ISO 8601 to the second, seconds always written (LocalDateTime.toString drops ":00"). */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    /**
     * A row for JSON: dates as yyyy-MM-dd, date-times as yyyy-MM-ddTHH:mm:ss, numbers as numbers,
     * the not-set group as its label (in any column, number columns included).
     */
    static Map<String, Object> json(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((k, v) -> out.put(k, v instanceof LocalDateTime t ? DATE_TIME.format(t)
                : v instanceof LocalDate d ? d.toString() : v instanceof NotSet n ? n.label() : v));
        return out;
    }

    /** A half-open day range shown as the inclusive days people read. */
    static Map<String, Object> range(DateRanges.Range r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", r.from() == null ? null : r.from().toString());
        m.put("to", r.to() == null ? null : r.to().minusDays(1).toString());
        return m;
    }

    static Map<String, Object> summary(ReportDefinition r, Locale locale) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", r.key());
        out.put("label", r.label().in(locale));
        out.put("form", r.form().key());
        out.put("type", r.presentation().type());
        out.put("parameters", r.params().stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", p.key());
            m.put("type", p.type());
            m.put("label", p.label().in(locale));
            m.put("default", p.defaultValue());
            return m;
        }).toList());
        return out;
    }
}
