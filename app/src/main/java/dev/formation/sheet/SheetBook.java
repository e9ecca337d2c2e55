package dev.formation.sheet;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A workbook of sheets whose cells are all text (the "@" format), so codes, usernames and phone
 * numbers stay exactly as written when a spreadsheet program opens the file and saves it again
 * (no 1.3905918888E10); the header row is bold and frozen, and each column is as wide as its
 * widest value. For organisation-sized sheets (thousands of rows), held in memory.
 */
public final class SheetBook implements AutoCloseable {

    private static final int MAX_WIDTH_CHARS = 60;

    private final XSSFWorkbook book = new XSSFWorkbook();
    private final CellStyle header;
    private final CellStyle text;

    public SheetBook() {
        DataFormat format = book.createDataFormat();
        text = book.createCellStyle();
        text.setDataFormat(format.getFormat("@"));
        header = book.createCellStyle();
        header.cloneStyleFrom(text);
        Font bold = book.createFont();
        bold.setBold(true);
        header.setFont(bold);
    }

    /** Adds a sheet: the header row, then one row per entry; a null value is an empty cell. */
    public SheetBook sheet(String name, List<String> headers, List<List<String>> rows) {
        Sheet sheet = book.createSheet(name);
        int[] widths = new int[headers.size()];
        write(sheet.createRow(0), headers, header, widths);
        for (int r = 0; r < rows.size(); r++) {
            write(sheet.createRow(r + 1), rows.get(r), text, widths);
        }
        for (int c = 0; c < widths.length; c++) {
            sheet.setDefaultColumnStyle(c, text);
            sheet.setColumnWidth(c, (Math.min(widths[c], MAX_WIDTH_CHARS) + 2) * 256);
        }
        sheet.createFreezePane(0, 1);
        return this;
    }

    private static void write(Row row, List<String> values, CellStyle style, int[] widths) {
        for (int c = 0; c < values.size(); c++) {
            Cell cell = row.createCell(c);
            cell.setCellStyle(style);
            String v = values.get(c);
            if (v != null) {
                cell.setCellValue(v);
                if (c < widths.length) {
                    widths[c] = Math.max(widths[c], displayWidth(v));
                }
            }
        }
    }

    /** Chinese characters take two columns' width of a Latin one. */
    private static int displayWidth(String v) {
        return v.codePoints().map(cp -> cp > 0x2E80 ? 2 : 1).sum();
    }

    public byte[] bytes() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a workbook into memory", e);
        }
    }

    @Override
    public void close() {
        try {
            book.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
