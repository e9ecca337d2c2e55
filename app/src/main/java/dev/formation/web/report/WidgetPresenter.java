package dev.formation.web.report;

import dev.formation.i18n.Texts;
import dev.formation.report.DashboardService;
import dev.formation.report.ReportRendering;
import dev.formation.report.ReportResult;
import dev.formation.report.render.ReportLayout;
import dev.formation.report.render.ValueFormat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One dashboard widget as the page draws it, in plain HTML: its heading and period, then a
 * number card, a chart or a table. The chart is an image JasperReports draws at the size the
 * widget's grid width suggests; the page states that size (so it keeps its aspect however it
 * scales) and a text alternative naming the chart and its data. Values read as in the exports.
 */
final class WidgetPresenter {

    /** Points of chart width per grid column of the 12-column grid: a half-width chart is 540 wide. */
    private static final int CHART_POINTS_PER_COLUMN = 90;
    private static final int CHART_MIN_WIDTH = 360;
    private static final int CHART_HEIGHT = 270;
    /** A phone's widget is about 280 CSS pixels wide: its own smaller chart keeps the labels at screen size there. */
    private static final int PHONE_CHART_WIDTH = 300;
    private static final int PHONE_CHART_HEIGHT = 240;
    /** Categories a chart's text alternative names before it says how many more there are. */
    private static final int ALT_ITEMS = 10;

    private final ReportRendering rendering;

    WidgetPresenter(ReportRendering rendering) {
        this.rendering = rendering;
    }

    Map<String, Object> present(DashboardService.WidgetView view, Locale locale) {
        ReportResult result = view.result();
        ReportLayout layout = ReportRendering.layout(result, ReportRendering.Parts.SUMMARY, locale);
        ValueFormat format = rendering.valueFormat(locale);
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("key", view.widget().key());
        w.put("width", view.widget().width());
        w.put("report", result.report().key());
        w.put("type", result.report().presentation().type());
        w.put("title", layout.title());
        w.put("subtitle", ReportRendering.subtitle(result, locale));
        w.put("rows", result.rows().size());
        // a number card always has its figure (a sum of nothing is 0); other widgets say when they have no data
        w.put("empty", result.rows().isEmpty() && layout.card() == null);
        if (layout.card() != null) {
            w.put("card", card(layout.card(), result, format));
        } else if (layout.chart() != null && !result.rows().isEmpty()) {
            w.put("chart", chart(view, layout, result, format, locale));
        } else if (layout.chart() == null) {
            w.put("table", table(layout.columns(), result, format));
        }
        return w;
    }

    private static Map<String, Object> card(ReportLayout.NumberCard card, ReportResult result, ValueFormat format) {
        BigDecimal total = BigDecimal.ZERO;
        for (Map<String, Object> row : result.rows()) {
            Object value = row.get(card.valueKey());
            if (value != null) {
                total = total.add(new BigDecimal(value.toString()));
            }
        }
        return Map.of("label", card.label(), "value", format.format(total, card.type()));
    }

    private Map<String, Object> chart(DashboardService.WidgetView view, ReportLayout layout, ReportResult result,
                                      ValueFormat format, Locale locale) {
        int width = Math.max(CHART_MIN_WIDTH, view.widget().width() * CHART_POINTS_PER_COLUMN);
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("wide", image(result, width, CHART_HEIGHT, locale));
        chart.put("phone", image(result, PHONE_CHART_WIDTH, PHONE_CHART_HEIGHT, locale));
        chart.put("alt", alt(layout, result, format, locale));
        return chart;
    }

    /** One rendition: the PNG as a data URI, with its size in CSS pixels (it has PNG_SCALE pixels per point). */
    private Map<String, Object> image(ReportResult result, int width, int height, Locale locale) {
        byte[] png = rendering.chartImage(result, width, height, locale);
        return Map.of("src", "data:image/png;base64," + Base64.getEncoder().encodeToString(png), "width", width,
                "height", height);
    }

    /** "Customers by source, bar chart of Customers by Source: Trade show 5, Website 3, … and 4 more". */
    private static String alt(ReportLayout layout, ReportResult result, ValueFormat format, Locale locale) {
        ReportLayout.Chart chart = layout.chart();
        List<String> items = new ArrayList<>();
        for (Map<String, Object> row : result.rows().subList(0, Math.min(ALT_ITEMS, result.rows().size()))) {
            List<String> values = new ArrayList<>();
            for (String key : chart.valueKeys()) {
                values.add(format.format(row.get(key), type(result, key)));
            }
            items.add(row.get(chart.categoryKey()) + " " + String.join(" / ", values));
        }
        String list = String.join(Texts.get(locale, "page.dashboard.chart.separator"), items);
        if (result.rows().size() > ALT_ITEMS) {
            list += Texts.get(locale, "page.dashboard.chart.more", result.rows().size() - ALT_ITEMS);
        }
        return Texts.get(locale, "page.dashboard.chart.alt", layout.title(),
                Texts.get(locale, "page.dashboard.chart." + chart.type().name().toLowerCase(Locale.ROOT)),
                String.join(" / ", chart.seriesLabels()), column(result, chart.categoryKey()).label(), list);
    }

    private static Map<String, Object> table(List<ReportLayout.Column> columns, ReportResult result, ValueFormat format) {
        List<Map<String, Object>> head = new ArrayList<>();
        for (ReportLayout.Column c : columns) {
            head.add(Map.of("label", c.label(), "numeric", c.type() != ReportLayout.ColumnType.TEXT));
        }
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, Object> row : result.rows()) {
            List<String> cells = new ArrayList<>();
            for (ReportLayout.Column c : columns) {
                cells.add(format.format(row.get(c.key()), c.type()));
            }
            rows.add(cells);
        }
        return Map.of("columns", head, "rows", rows);
    }

    private static ReportLayout.ColumnType type(ReportResult result, String key) {
        return ReportRendering.columnType(column(result, key).type());
    }

    private static ReportResult.Column column(ReportResult result, String key) {
        return result.columns().stream().filter(c -> c.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no column " + key + " in " + result.report().key()));
    }
}
