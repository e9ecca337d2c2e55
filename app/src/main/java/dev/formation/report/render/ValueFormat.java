package dev.formation.report.render;

import dev.formation.report.render.ReportLayout.ColumnType;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a value of each column type reads in a report, the same in the PDF and XLSX templates
 * (through {@link #pattern}) and on a web page ({@link #format}): thousands separators, money
 * with two decimals, other numbers with every decimal they have, dates as yyyy-MM-dd and
 * date-times to the second. Not thread-safe (the number formats are not): one per render.
 */
public final class ValueFormat {

    private final Locale locale;
    private final ZoneId zone;
    private final Map<ColumnType, DecimalFormat> numbers = new EnumMap<>(ColumnType.class);

    public ValueFormat(Locale locale, ZoneId zone) {
        this.locale = locale;
        this.zone = zone;
    }

    /**
     * The Java format pattern of a type (null for text); JasperReports applies it in PDF and
     * turns it into the Excel number format of XLSX cells.
     */
    public static String pattern(ColumnType type) {
        return switch (type) {
            case TEXT -> null;
            case INTEGER -> "#,##0";
            // as many decimals as the value has: a number field's scale is its own, never cut to two
            case NUMBER -> "#,##0.##########";
            case MONEY -> "#,##0.00";
            case PERCENT -> "0.0%";
            case DATE -> "yyyy-MM-dd";
            case DATETIME -> "yyyy-MM-dd HH:mm:ss";
        };
    }

    /** The Excel number format of a date or date-time cell. */
    static String excelPattern(ColumnType type) {
        return type == ColumnType.DATETIME ? "yyyy-mm-dd hh:mm:ss" : "yyyy-mm-dd";
    }

    /** The value as the report shows it; "" for null. */
    public String format(Object value, ColumnType type) {
        if (value == null) {
            return "";
        }
        if (value instanceof NotSet n) {
            return n.label();
        }
        return switch (type) {
            case TEXT -> Values.text(value, zone);
            case DATE -> Values.DATE.format(Values.date(value, zone));
            case DATETIME -> Values.DATE_TIME.format(Values.dateTime(value, zone));
            // the rounding JasperReports' own number formats use (half even), so the page and the PDF agree
            default -> numbers.computeIfAbsent(type, t -> new DecimalFormat(pattern(t),
                    DecimalFormatSymbols.getInstance(locale))).format(Values.decimal(value));
        };
    }
}
