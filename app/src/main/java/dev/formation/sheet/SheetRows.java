package dev.formation.sheet;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rows of an uploaded XLSX's first sheet as text: each cell as the spreadsheet shows it
 * (a number typed as 13905918888 stays that, not 1.39E10; a date as yyyy-MM-dd), trimmed, an
 * empty cell as null. Rows keep their place: index 0 is the sheet's row 1.
 */
public final class SheetRows {

    private SheetRows() {
    }

    /** Thrown for a file that is not an XLSX workbook, or a damaged one. */
    public static final class UnreadableException extends Exception {
        public UnreadableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static List<List<String>> read(byte[] xlsx) throws UnreadableException {
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            List<List<String>> rows = new ArrayList<>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < Math.max(row.getLastCellNum(), 0); c++) {
                        cells.add(text(row.getCell(c), formatter));
                    }
                }
                rows.add(cells);
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            // POI reports a file that is no workbook (or a damaged one) with unchecked exceptions as well
            throw new UnreadableException(e.getMessage(), e);
        }
    }

    private static String text(Cell cell, DataFormatter formatter) {
        if (cell == null) {
            return null;
        }
        String v;
        if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            v = cell.getLocalDateTimeCellValue().toLocalDate().toString();
        } else {
            v = formatter.formatCellValue(cell);
        }
        v = v.strip();
        return v.isEmpty() ? null : v;
    }
}
