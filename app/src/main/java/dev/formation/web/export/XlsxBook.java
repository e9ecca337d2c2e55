package dev.formation.web.export;

import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;

/**
 * XLSX through POI's SXSSF: only the last {@link #WINDOW} rows of each sheet stay in memory, the
 * rest are flushed to temporary files that {@link #close} deletes. Strings are inline (no shared
 * string table growing with the rows). Text columns carry the text format too, so a code typed
 * over in the spreadsheet stays text.
 */
final class XlsxBook implements ExportBook {

    static final int WINDOW = 100;
    /** Rows a sheet may hold besides its header (the XLSX limit is 1,048,576). */
    static final int MAX_ROWS = 1_048_575;

    private final SXSSFWorkbook book = new FastDeflating(WINDOW);
    private final OutputStream out;
    private final CellStyle header;
    private final CellStyle text;
    private final CellStyle day;
    private final CellStyle moment;
    private final Map<Cell.NumberKind, CellStyle> numbers = new EnumMap<>(Cell.NumberKind.class);
    private final Set<String> names = new HashSet<>();

    XlsxBook(OutputStream out) {
        this.out = out;
        DataFormat formats = book.createDataFormat();
        Font bold = book.createFont();
        bold.setBold(true);
        header = book.createCellStyle();
        header.setFont(bold);
        text = style(formats, "@");
        day = style(formats, "yyyy-mm-dd");
        moment = style(formats, "yyyy-mm-dd hh:mm:ss");
        numbers.put(Cell.NumberKind.INTEGER, style(formats, "0"));
        numbers.put(Cell.NumberKind.DECIMAL, style(formats, "General"));
        numbers.put(Cell.NumberKind.MONEY, style(formats, "#,##0.00"));
        numbers.put(Cell.NumberKind.PERCENT, style(formats, "0.##\"%\""));
    }

    private CellStyle style(DataFormat formats, String format) {
        CellStyle style = book.createCellStyle();
        style.setDataFormat(formats.getFormat(format));
        return style;
    }

    @Override
    public Sheet sheet(String name, List<ExportColumn> columns) {
        SXSSFSheet sheet = book.createSheet(uniqueName(name));
        SXSSFRow head = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            org.apache.poi.ss.usermodel.Cell cell = head.createCell(i);
            cell.setCellValue(columns.get(i).label());
            cell.setCellStyle(header);
            // about two characters per CJK letter of the header, at least a date's width; 256ths of a character
            sheet.setColumnWidth(i, Math.min(60, Math.max(12, columns.get(i).label().length() * 2 + 4)) * 256);
        }
        sheet.createFreezePane(0, 1);
        int[] next = {1};
        return cells -> {
            if (next[0] > MAX_ROWS) {
                return;
            }
            SXSSFRow row = sheet.createRow(next[0]++);
            for (int i = 0; i < cells.size(); i++) {
                write(row, i, cells.get(i));
            }
        };
    }

    private void write(SXSSFRow row, int index, Cell value) {
        if (value == null) {
            return;
        }
        org.apache.poi.ss.usermodel.Cell cell = row.createCell(index);
        if (value instanceof Cell.Text t) {
            cell.setCellValue(t.text());
            cell.setCellStyle(text);
        } else if (value instanceof Cell.Decimal d) {
            cell.setCellValue(d.value().doubleValue());
            cell.setCellStyle(numbers.get(d.kind()));
        } else if (value instanceof Cell.Day d) {
            cell.setCellValue(d.date());
            cell.setCellStyle(day);
        } else {
            cell.setCellValue(((Cell.Moment) value).time());
            cell.setCellStyle(moment);
        }
    }

    /** Sheet names: at most 31 characters, none of []:*?/\, unique regardless of case. */
    private String uniqueName(String wanted) {
        String base = WorkbookUtil.createSafeSheetName(wanted == null || wanted.isBlank() ? "Sheet" : wanted);
        String name = base;
        for (int n = 2; !names.add(name.toLowerCase(Locale.ROOT)); n++) {
            String suffix = " (" + n + ")";
            name = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
        }
        return name;
    }

    /**
     * Deflating the sheets' XML into the zip is most of an export's time at POI's default level;
     * the fastest level makes the file about a fifth larger and the export markedly faster, and a
     * download is smaller than the XML either way.
     */
    private static final class FastDeflating extends SXSSFWorkbook {

        FastDeflating(int window) {
            super(window);
        }

        @Override
        protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
            ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
            zip.setLevel(Deflater.BEST_SPEED);
            return zip;
        }
    }

    @Override
    public void finish() throws IOException {
        book.write(out);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        // the temporary sheet files go whatever happened, finished or not
        book.dispose();
        book.close();
    }
}
