package dev.formation.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 CSV body (as the export sends it: UTF-8 with a BOM, CRLF rows, quoted cells that
 * may hold commas, quotes and line breaks) read back into a header and rows.
 */
public record CsvTable(List<String> header, List<List<String>> rows) {

    public static CsvTable parse(String body) {
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        List<List<String>> lines = new ArrayList<>();
        List<String> line = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                any = true;
            } else if (ch == ',') {
                line.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (ch == '\r' || ch == '\n') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                line.add(cell.toString());
                cell.setLength(0);
                lines.add(line);
                line = new ArrayList<>();
                any = false;
            } else {
                cell.append(ch);
                any = true;
            }
        }
        if (any || cell.length() > 0 || !line.isEmpty()) {
            line.add(cell.toString());
            lines.add(line);
        }
        if (lines.isEmpty()) {
            throw new AssertionError("CSV without a header row: " + body);
        }
        return new CsvTable(lines.get(0), List.copyOf(lines.subList(1, lines.size())));
    }

    public int size() {
        return rows.size();
    }

    /** The values of one column by its position. */
    public List<String> column(int index) {
        return rows.stream().map(r -> index < r.size() ? r.get(index) : null).toList();
    }

    /** The first column (the export starts with the record id) as ids. */
    public List<Long> ids() {
        return column(0).stream().map(Long::valueOf).toList();
    }
}
