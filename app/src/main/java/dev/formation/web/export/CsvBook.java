package dev.formation.web.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * CSV (RFC 4180, UTF-8 with a byte order mark so Excel reads Chinese), written straight to the
 * stream as rows come. One table only: sub-tables need the XLSX export.
 */
final class CsvBook implements ExportBook {

    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Writer out;
    private boolean started;

    CsvBook(OutputStream out) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        this.out.write('\uFEFF');
    }

    @Override
    public Sheet sheet(String name, List<ExportColumn> columns) throws IOException {
        if (started) {
            return null;
        }
        started = true;
        line(columns.stream().map(c -> Csv.cell(c.label())).toList());
        return cells -> line(cells.stream().map(CsvBook::text).toList());
    }

    private void line(List<String> cells) throws IOException {
        out.write(String.join(",", cells));
        out.write("\r\n");
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Cell.Text t) {
            return Csv.cell(t.text());
        }
        if (cell instanceof Cell.Decimal d) {
            return d.value().toPlainString();
        }
        if (cell instanceof Cell.Day d) {
            return d.date().toString();
        }
        return MOMENT.format(((Cell.Moment) cell).time());
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
