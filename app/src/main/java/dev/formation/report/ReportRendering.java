package dev.formation.report;

import dev.formation.config.FormationSettings;
import dev.formation.i18n.Texts;
import dev.formation.report.render.ColumnSizer;
import dev.formation.report.render.ReportLayout;
import dev.formation.report.render.ReportRenderer;
import dev.formation.report.render.TemplateCache;
import dev.formation.report.render.TemplateGenerator;
import dev.formation.report.render.ValueFormat;
import jakarta.inject.Singleton;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperReport;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a report result into files and images. Templates are generated from the report's
 * definition (a layout whose columns are measured over the rows, so every value fits), or read
 * from a hand-made {@code reports/*.jrxml} ({@link TemplateFiles}); either way they are compiled in
 * memory and cached by content hash. CSV is the table's data, written from the rows. A record's
 * printable document ({@link #print}) is a hand-made template filled with that one record.
 */
@Singleton
public class ReportRendering {

    /** Which parts of a report to draw: a dashboard shows the chart alone, an export the chart and the table. */
    public enum Parts { SUMMARY, FULL }

    private final TemplateGenerator generator = new TemplateGenerator();
    /** Keyed by the template's content, not the report's key, so a swapped metadata snapshot needs no flush. */
    private final TemplateCache templates = new TemplateCache(256);
    private final ZoneId zone = ZoneId.systemDefault();
    private final ReportRenderer renderer;
    private final TemplateFiles files;

    public ReportRendering(FormationSettings settings, TemplateFiles files) {
        this.files = files;
        this.renderer = new ReportRenderer(zone, Texts.ZH_CN, settings.dataPath().resolve("report-swap"));
    }

    /** The whole report as a file: PDF, XLSX or CSV. */
    public void render(ReportResult result, ReportRenderer.Format format, Parts parts, Locale locale, OutputStream out) {
        if (format == ReportRenderer.Format.CSV) {
            renderer.renderCsv(layout(result, Parts.FULL, locale).columns(), result.rows().iterator(), out);
            return;
        }
        ReportLayout layout = layout(result, parts, locale);
        String handMade = result.report().presentation().template();
        JasperReport template = handMade != null ? templates.compile(files.read(handMade))
                : templates.compile(generator.jrxml(measured(layout, result, format, locale), format));
        renderer.render(template, result.rows(), parameters(result, locale), format, out);
    }

    /**
     * A hand-made template filled with one row (a record's values) as PDF. The parameters carry
     * the rest: labels, sub-tables and related lists, each a {@code List<Map<String, ?>>}.
     */
    public void print(String template, Map<String, ?> row, Map<String, Object> parameters, Locale locale,
                      OutputStream out) {
        Map<String, Object> values = new HashMap<>(parameters);
        values.put(JRParameter.REPORT_LOCALE, locale);
        renderer.render(templates.compile(files.read(template)), List.of(row), values, ReportRenderer.Format.PDF, out);
    }

    /**
     * The report's chart alone as a PNG of {@code width} x {@code height} points (at
     * {@link ReportRenderer#PNG_SCALE} pixels per point), or null when the report has no chart.
     */
    public byte[] chartImage(ReportResult result, int width, int height, Locale locale) {
        ReportLayout.Chart chart = layout(result, Parts.SUMMARY, locale).chart();
        if (chart == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.render(templates.compile(generator.chartJrxml(chart, width, height)), result.rows(),
                parameters(result, locale), ReportRenderer.Format.PNG, out);
        return out.toByteArray();
    }

    /** Values as this report shows them in the viewer's language (for a web page). */
    public ValueFormat valueFormat(Locale locale) {
        return new ValueFormat(locale, zone);
    }

    private Map<String, Object> parameters(ReportResult result, Locale locale) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put(JRParameter.REPORT_LOCALE, locale);
        parameters.put(TemplateGenerator.SUBTITLE_PARAMETER, subtitle(result, locale));
        parameters.put(TemplateGenerator.NO_DATA_PARAMETER, Texts.get(locale, "report.noData"));
        parameters.put(TemplateGenerator.NOT_SET_PARAMETER, Texts.get(locale, "report.notSet"));
        return parameters;
    }

    /** The layout with each column as wide as its values need in this format. */
    private ReportLayout measured(ReportLayout layout, ReportResult result, ReportRenderer.Format format, Locale locale) {
        return layout.withColumns(ColumnSizer.measure(layout.columns(), result.rows(), valueFormat(locale),
                format == ReportRenderer.Format.XLSX));
    }

    /** What a report shows: its table's columns, its chart or number card, by its presentation. */
    public static ReportLayout layout(ReportResult result, Parts parts, Locale locale) {
        ReportDefinition.Presentation p = result.report().presentation();
        String title = result.report().label().in(locale);
        List<ReportLayout.Column> columns = new ArrayList<>();
        for (ReportResult.Column c : result.columns()) {
            columns.add(new ReportLayout.Column(c.key(), c.label(), columnType(c.type())));
        }
        return switch (p.type()) {
            case "number" -> {
                ReportResult.Column value = result.columns().stream()
                        .filter(c -> p.values().isEmpty() || c.key().equals(p.values().get(0)))
                        .filter(c -> columnType(c.type()).isNumeric()).findFirst().orElse(result.columns().get(0));
                yield new ReportLayout(title, parts == Parts.FULL ? columns : List.of(), null,
                        new ReportLayout.NumberCard(value.key(), value.label(), columnType(value.type())));
            }
            case "bar", "line", "pie" -> {
                List<String> labels = p.values().stream().map(v -> result.columns().stream()
                        .filter(c -> c.key().equals(v)).map(ReportResult.Column::label).findFirst().orElse(v)).toList();
                ReportLayout.Chart chart = new ReportLayout.Chart(ReportLayout.ChartType.valueOf(p.type().toUpperCase(
                        Locale.ROOT)), null, p.category(), "pie".equals(p.type()) ? p.values().subList(0, 1) : p.values(),
                        "pie".equals(p.type()) ? labels.subList(0, 1) : labels);
                yield new ReportLayout(title, parts == Parts.FULL ? columns : List.of(), chart, null);
            }
            default -> ReportLayout.table(title, columns);
        };
    }

    /**
     * The renderer's type of a result column's type. Our percent fields hold 0–100; the
     * renderer's PERCENT means a fraction, so they show as numbers.
     */
    public static ReportLayout.ColumnType columnType(String type) {
        return "percent".equals(type) ? ReportLayout.ColumnType.NUMBER : ReportLayout.ColumnType.of(type);
    }

    /** The parameters the report ran with, as a line under its title (say, the period it covers). */
    public static String subtitle(ReportResult result, Locale locale) {
        List<String> parts = new ArrayList<>();
        for (ReportDefinition.Param p : result.report().params()) {
            Object value = result.params().get(p.key());
            if (value instanceof DateRanges.Range r) {
                if (r.from() != null || r.to() != null) {
                    parts.add(p.label().in(locale) + ": " + (r.from() == null ? "…" : r.from()) + " ~ "
                            + (r.to() == null ? "…" : r.to().minusDays(1)));
                }
            } else if (value != null && !String.valueOf(value).isBlank()) {
                parts.add(p.label().in(locale) + ": " + value);
            }
        }
        return String.join("    ", parts);
    }
}
