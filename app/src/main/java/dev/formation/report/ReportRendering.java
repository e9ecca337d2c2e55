package dev.formation.report;

import dev.formation.config.FormationSettings;
import dev.formation.i18n.Texts;
import dev.formation.report.render.ReportLayout;
import dev.formation.report.render.ReportRenderer;
import dev.formation.report.render.TemplateCache;
import dev.formation.report.render.TemplateGenerator;
import jakarta.inject.Singleton;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperReport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a report result into JasperReports output. Templates are generated from the report's
 * definition (a layout), or read from a hand-made {@code reports/*.jrxml} packaged in the app;
 * either way they are compiled in memory and cached by content hash.
 */
@Singleton
public class ReportRendering {

    /** Which parts of a report to draw: a dashboard shows the chart alone, an export the chart and the table. */
    public enum Parts { SUMMARY, FULL }

    private final TemplateGenerator generator = new TemplateGenerator();
    private final TemplateCache templates = new TemplateCache(256);
    private final ReportRenderer renderer;

    public ReportRendering(FormationSettings settings) {
        this.renderer = new ReportRenderer(ZoneId.systemDefault(), Texts.ZH_CN,
                settings.dataPath().resolve("report-swap"));
    }

    public void render(ReportResult result, ReportRenderer.Format format, Parts parts, Locale locale, OutputStream out) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put(JRParameter.REPORT_LOCALE, locale);
        parameters.put(TemplateGenerator.SUBTITLE_PARAMETER, subtitle(result, locale));
        renderer.render(template(result, parts, locale), result.rows(), parameters, format, out);
    }

    /** An HTML fragment for a page (charts are inline images). */
    public String html(ReportResult result, Parts parts, Locale locale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        render(result, ReportRenderer.Format.HTML, parts, locale, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private JasperReport template(ReportResult result, Parts parts, Locale locale) {
        String handMade = result.report().presentation().template();
        if (handMade != null) {
            return templates.compile(packagedTemplate(handMade));
        }
        return templates.compile(generator.jrxml(layout(result, parts, locale)));
    }

    /** Only templates packaged in the app are used; none is ever read from outside it. */
    private static String packagedTemplate(String name) {
        try (InputStream in = ReportRendering.class.getClassLoader().getResourceAsStream("reports/" + name)) {
            if (in == null) {
                throw new IllegalStateException("report template reports/" + name + " is not packaged in the app");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReportLayout layout(ReportResult result, Parts parts, Locale locale) {
        ReportDefinition.Presentation p = result.report().presentation();
        String title = result.report().label().in(locale);
        List<ReportLayout.Column> columns = new ArrayList<>();
        for (ReportResult.Column c : result.columns()) {
            columns.add(new ReportLayout.Column(c.key(), c.label(), type(c.type())));
        }
        return switch (p.type()) {
            case "number" -> {
                ReportResult.Column value = result.columns().stream()
                        .filter(c -> p.values().isEmpty() || c.key().equals(p.values().get(0)))
                        .filter(c -> type(c.type()).isNumeric()).findFirst().orElse(result.columns().get(0));
                yield new ReportLayout(title, parts == Parts.FULL ? columns : List.of(), null,
                        new ReportLayout.NumberCard(value.key(), value.label(), type(value.type())));
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

    /** Our percent fields hold 0–100; the renderer's PERCENT means a fraction, so they show as numbers. */
    private static ReportLayout.ColumnType type(String type) {
        return "percent".equals(type) ? ReportLayout.ColumnType.NUMBER : ReportLayout.ColumnType.of(type);
    }

    private static String subtitle(ReportResult result, Locale locale) {
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
