package dev.formation.report.render;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a generated report shows: a title, then a number card and/or a chart, then a table of
 * columns. Any part may be absent, but not all of them. Keys name the entries of the rows the
 * renderer is given ({@code Map<String, Object>} per row).
 *
 * @param title   shown at the top of the report (and the PDF's document title)
 * @param columns the table, left to right; empty for a chart or card alone
 * @param chart   a chart above the table, or null
 * @param card    a number card above the chart, or null
 */
public record ReportLayout(String title, List<Column> columns, Chart chart, NumberCard card) {

    /** Row keys become JasperReports field names: letters first, so they cannot clash with the generator's own {@code __} fields. */
    private static final Pattern KEY = Pattern.compile("\\p{L}[\\p{L}\\p{N}_]{0,63}");

    public ReportLayout {
        Objects.requireNonNull(title, "title");
        columns = List.copyOf(columns == null ? List.of() : columns);
        if (columns.isEmpty() && chart == null && card == null) {
            throw new IllegalArgumentException("a report needs columns, a chart or a number card");
        }
        Set<String> seen = new HashSet<>();
        for (Column c : columns) {
            if (!seen.add(c.key())) {
                throw new IllegalArgumentException("column '" + c.key() + "' appears twice");
            }
        }
    }

    /** A chart alone, without a title (an image under a heading of its page). */
    public static ReportLayout chartOnly(Chart chart) {
        return new ReportLayout("", List.of(), Objects.requireNonNull(chart, "chart"), null);
    }

    /** A table alone. */
    public static ReportLayout table(String title, List<Column> columns) {
        return new ReportLayout(title, columns, null, null);
    }

    /** The value type of a column; it picks the alignment and the number or date format. */
    public enum ColumnType {
        TEXT, INTEGER, NUMBER, MONEY,
        /** A fraction: 0.25 shows as 25.0%. */
        PERCENT,
        /** A calendar date (java.time or java.util values; a date-time shows its date). */
        DATE,
        /** A date and a time of day, to the second. */
        DATETIME;

        /** Parses the lower-case names report metadata uses (text, integer, number, money, percent, date, datetime). */
        public static ColumnType of(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }

        public boolean isNumeric() {
            return this != TEXT && !isTemporal();
        }

        public boolean isTemporal() {
            return this == DATE || this == DATETIME;
        }
    }

    /**
     * One column of the table.
     *
     * @param width the width its values need, in points ({@link ColumnSizer} measures it), or 0 when
     *              unknown: the generator then gives it a share of the page by its type
     */
    public record Column(String key, String label, ColumnType type, int width) {
        public Column {
            requireKey(key);
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(type, "type");
            if (width < 0) {
                throw new IllegalArgumentException("a column's width cannot be negative");
            }
        }

        public Column(String key, String label, ColumnType type) {
            this(key, label, type, 0);
        }

        public Column withWidth(int points) {
            return new Column(key, label, type, points);
        }
    }

    /** The same report with these columns (say, measured ones). */
    public ReportLayout withColumns(List<Column> sized) {
        return new ReportLayout(title, sized, chart, card);
    }

    public enum ChartType { BAR, LINE, PIE }

    /**
     * A chart over all rows: one category per row, one series per value key.
     *
     * @param title        shown above the plot, or null
     * @param seriesLabels legend labels, one per value key (null or empty: the keys themselves)
     */
    public record Chart(ChartType type, String title, String categoryKey, List<String> valueKeys,
                        List<String> seriesLabels) {
        public Chart {
            Objects.requireNonNull(type, "type");
            requireKey(categoryKey);
            valueKeys = List.copyOf(valueKeys);
            if (valueKeys.isEmpty()) {
                throw new IllegalArgumentException("a chart needs at least one value key");
            }
            if (type == ChartType.PIE && valueKeys.size() != 1) {
                throw new IllegalArgumentException("a pie chart shows exactly one value key");
            }
            valueKeys.forEach(ReportLayout::requireKey);
            if (seriesLabels == null || seriesLabels.isEmpty()) {
                seriesLabels = valueKeys;
            } else if (seriesLabels.size() != valueKeys.size()) {
                throw new IllegalArgumentException("a chart needs one series label per value key");
            }
            seriesLabels = List.copyOf(seriesLabels);
        }
    }

    /**
     * A single figure: the sum of {@code valueKey} over all rows, which is the value itself for the
     * usual one-row result of an aggregate query.
     *
     * @param type how the figure is formatted (a numeric type)
     */
    public record NumberCard(String valueKey, String label, ColumnType type) {
        public NumberCard {
            requireKey(valueKey);
            Objects.requireNonNull(label, "label");
            if (type == null) {
                type = ColumnType.NUMBER;
            } else if (!type.isNumeric()) {
                throw new IllegalArgumentException("a number card shows a number, not " + type);
            }
        }
    }

    private static void requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("'" + key + "' is not a usable row key (a letter, then letters, digits or _)");
        }
    }
}
