package dev.formation.imports;

import dev.formation.form.Form;
import dev.formation.i18n.Texts;
import dev.formation.sheet.SheetRows;
import dev.formation.sheet.WorkbookStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rows an import refused, as a workbook to fix and import again: the uploaded sheets with only
 * the refused records (and their sub-table rows), each failing cell filled red, and two columns
 * added: the row it had in the uploaded file and what was wrong. The sub-table sheets' first
 * column is renumbered to the rows of this file, so importing it again after the fixes keeps
 * each record with its rows. Streamed (POI's SXSSF), so it costs little memory however many
 * rows failed.
 */
final class ErrorWorkbook {

    private ErrorWorkbook() {
    }

    /** Writes the workbook of {@code upload}'s refused rows to {@code out}. */
    static void write(Path upload, Form form, List<ImportProblem> problems, Locale locale, OutputStream out)
            throws IOException, SheetRows.UnreadableException {
        Map<String, Map<Integer, List<ImportProblem>>> bySheet = new HashMap<>();
        Set<Integer> failedRecords = new HashSet<>();
        for (ImportProblem p : problems) {
            bySheet.computeIfAbsent(p.sheet(), k -> new HashMap<>()).computeIfAbsent(p.sheetRow(),
                    k -> new ArrayList<>()).add(p);
            if (p.recordRow() > 0) {
                failedRecords.add(p.recordRow());
            }
        }
        SXSSFWorkbook book = new SXSSFWorkbook(200);
        try (WorkbookStream in = WorkbookStream.open(upload)) {
            Styles styles = new Styles(book);
            List<String> names = in.sheetNames();
            Map<Integer, Integer> newRows = new HashMap<>();
            Sheet main = book.createSheet(names.get(0));
            int[] next = {1};
            in.rows(0, (row, cells) -> {
                if (row == 1) {
                    writeRow(main, 0, withNotes(cells, locale), Map.of(), styles.header, styles);
                    return;
                }
                if (!failedRecords.contains(row)) {
                    return;
                }
                List<ImportProblem> found = bySheet.getOrDefault(names.get(0), Map.of()).getOrDefault(row, List.of());
                newRows.put(row, next[0] + 1);
                writeRow(main, next[0]++, noted(cells, row, messages(found, problemsOfRecord(bySheet, row, names)),
                        width(main)), marks(found), null, styles);
            });
            for (int i = 1; i < names.size(); i++) {
                String name = names.get(i);
                Map<Integer, List<ImportProblem>> sheetProblems = bySheet.getOrDefault(name, Map.of());
                Sheet[] sheet = {null};
                int[] parentColumn = {-1};
                int[] at = {1};
                in.rows(i, (row, cells) -> {
                    if (row == 1) {
                        for (int c = 0; c < cells.size(); c++) {
                            if (cells.get(c) != null && ImportLayout.isParentRow(cells.get(c), form)) {
                                parentColumn[0] = c;
                                break;
                            }
                        }
                        if (parentColumn[0] >= 0) {
                            sheet[0] = book.createSheet(name);
                            writeRow(sheet[0], 0, withNotes(cells, locale), Map.of(), styles.header, styles);
                        }
                        return;
                    }
                    if (sheet[0] == null) {
                        return;
                    }
                    Integer parent = parentRow(cells, parentColumn[0]);
                    List<ImportProblem> found = sheetProblems.getOrDefault(row, List.of());
                    boolean ofFailedRecord = parent != null && newRows.containsKey(parent);
                    if (!ofFailedRecord && found.isEmpty()) {
                        return;
                    }
                    List<String> copy = new ArrayList<>(cells);
                    if (ofFailedRecord) {
                        copy.set(parentColumn[0], String.valueOf(newRows.get(parent)));
                    }
                    writeRow(sheet[0], at[0]++, noted(copy, row, messages(found, List.of()), width(sheet[0])),
                            marks(found), null, styles);
                });
            }
        }
        try {
            book.write(out);
        } finally {
            book.close();
        }
    }

    /** The messages of a sub-table's rows are on their own sheet; the record's row names the others. */
    private static List<ImportProblem> problemsOfRecord(Map<String, Map<Integer, List<ImportProblem>>> bySheet,
                                                        int recordRow, List<String> names) {
        List<ImportProblem> out = new ArrayList<>();
        bySheet.forEach((sheet, rows) -> {
            if (!sheet.equals(names.get(0))) {
                rows.values().forEach(list -> list.stream().filter(p -> p.recordRow() == recordRow).forEach(out::add));
            }
        });
        return out;
    }

    private static String messages(List<ImportProblem> own, List<ImportProblem> elsewhere) {
        List<String> texts = new ArrayList<>();
        own.forEach(p -> texts.add(p.message()));
        elsewhere.forEach(p -> texts.add(p.sheet() + " " + p.sheetRow() + ": " + p.message()));
        return String.join("\n", texts);
    }

    private static Map<Integer, String> marks(List<ImportProblem> found) {
        Map<Integer, String> marks = new LinkedHashMap<>();
        found.stream().filter(p -> p.columnIndex() != null).forEach(p -> marks.merge(p.columnIndex(), p.message(),
                (a, b) -> a + "\n" + b));
        return marks;
    }

    private static Integer parentRow(List<String> cells, int column) {
        String v = column >= 0 && column < cells.size() ? cells.get(column) : null;
        if (v == null) {
            return null;
        }
        String t = v.endsWith(".0") ? v.substring(0, v.length() - 2) : v;
        return t.matches("\\d{1,7}") ? Integer.parseInt(t) : null;
    }

    /** The header row with the two note columns after the widest header. */
    private static List<String> withNotes(List<String> header, Locale locale) {
        List<String> out = new ArrayList<>(header);
        out.add(Texts.get(locale, "import.column.sourceRow"));
        out.add(Texts.get(locale, "import.column.errors"));
        return out;
    }

    /** A row padded to the sheet's header width, then its source row and messages. */
    private static List<String> noted(List<String> cells, int sourceRow, String messages, int width) {
        List<String> out = new ArrayList<>(cells);
        while (out.size() < width - 2) {
            out.add(null);
        }
        out.add(String.valueOf(sourceRow));
        out.add(messages);
        return out;
    }

    private static int width(Sheet sheet) {
        Row header = sheet.getRow(0);
        return header == null ? 0 : header.getLastCellNum();
    }

    private static void writeRow(Sheet sheet, int index, List<String> cells, Map<Integer, String> marks,
                                 CellStyle style, Styles styles) {
        Row row = sheet.createRow(index);
        for (int c = 0; c < cells.size(); c++) {
            String v = cells.get(c);
            boolean marked = marks.containsKey(c);
            if (v == null && !marked) {
                continue;
            }
            Cell cell = row.createCell(c);
            cell.setCellStyle(marked ? styles.bad : style == null ? styles.text : style);
            if (v != null) {
                cell.setCellValue(v);
            }
        }
    }

    /** Text cells (codes keep their zeros), the header bold, failing cells filled red. */
    private static final class Styles {
        final CellStyle text;
        final CellStyle header;
        final CellStyle bad;

        Styles(SXSSFWorkbook book) {
            text = book.createCellStyle();
            text.setDataFormat(book.createDataFormat().getFormat("@"));
            header = book.createCellStyle();
            header.cloneStyleFrom(text);
            Font bold = book.createFont();
            bold.setBold(true);
            header.setFont(bold);
            bad = book.createCellStyle();
            bad.cloneStyleFrom(text);
            bad.setFillForegroundColor(IndexedColors.RED.getIndex());
            bad.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        }
    }

    static Path temporary() throws IOException {
        return Files.createTempFile("formation-import-errors-", ".xlsx");
    }
}
