package dev.formation.report.render;

import dev.formation.report.render.ReportLayout.Column;
import dev.formation.report.render.ReportLayout.ColumnType;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A table as CSV (RFC 4180): UTF-8 with a byte order mark (so Excel reads Chinese), a header row
 * of the column labels even when there are no rows, CRLF line ends. CSV is data for another
 * program, not a print: values are exact and plain, whatever the report's display formats:
 * numbers in plain digits with every decimal (1234567890.12, never "1,234,567,890.12" nor a cut
 * "1,234,567,890."), dates as yyyy-MM-dd, date-times as yyyy-MM-dd HH:mm:ss.
 * <p>
 * A text cell starting with = + - @ (or a tab or carriage return) is prefixed with ' so that a
 * spreadsheet never runs it as a formula, as the app's other CSV exports do; numbers are numbers
 * and stay as they are, negative ones included.
 */
final class CsvExport {

    private CsvExport() {
    }

    static void write(List<Column> columns, Iterator<? extends Map<String, ?>> rows, ZoneId zone, OutputStream out)
            throws IOException {
        Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        csv.write('\uFEFF');
        line(csv, columns.stream().map(c -> quote(neutralize(c.label()))).toList());
        while (rows.hasNext()) {
            Map<String, ?> row = rows.next();
            line(csv, columns.stream().map(c -> cell(row == null ? null : row.get(c.key()), c.type(), zone)).toList());
        }
        csv.flush();
    }

    private static void line(Writer csv, List<String> cells) throws IOException {
        csv.write(String.join(",", cells));
        csv.write("\r\n");
    }

    static String cell(Object value, ColumnType type, ZoneId zone) {
        if (value == null) {
            return "";
        }
        if (value instanceof NotSet n) {
            return quote(n.label());
        }
        String text = switch (type) {
            case TEXT -> neutralize(Values.text(value, zone));
            case DATE -> Values.DATE.format(Values.date(value, zone));
            case DATETIME -> Values.DATE_TIME.format(Values.dateTime(value, zone));
            // a whole number as the PDF shows it (rounded, as its Long field does); others with every decimal
            case INTEGER -> Values.decimal(value).setScale(0, java.math.RoundingMode.HALF_UP).toPlainString();
            case NUMBER, MONEY, PERCENT -> Values.decimal(value).toPlainString();
        };
        return quote(text);
    }

    static String neutralize(String text) {
        if (text.isEmpty() || "=+-@\t\r".indexOf(text.charAt(0)) < 0) {
            return text;
        }
        return "'" + text;
    }

    private static String quote(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
