package dev.formation.plugins.registry;

import dev.formation.plugin.api.CompanyCandidate;
import dev.formation.plugin.api.CompanyRegistryException;
import dev.formation.plugin.api.CompanyRegistryException.Problem;
import dev.formation.plugin.api.Message;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
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
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a registry file's rows as text, by its extension: CSV (UTF-8, a BOM allowed) or XLSX (the first sheet). */
final class RegistryFiles {

    private RegistryFiles() {
    }

    static boolean reads(String fileName) {
        String n = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") || n.endsWith(".xlsx");
    }

    static List<CompanyCandidate> read(String fileName, byte[] content) throws CompanyRegistryException {
        RegistryRows rows = new RegistryRows();
        try {
            if (fileName.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
                xlsx(content, rows);
            } else {
                csv(content, rows);
            }
        } catch (IOException | RuntimeException e) {
            // POI and Commons CSV report a damaged file with unchecked exceptions as well as IOException
            throw new CompanyRegistryException(List.of(new Problem(0, null, Message.of(
                    "无法读取文件（应为 UTF-8 编码的 CSV 或 XLSX）：" + e.getMessage(),
                    "The file cannot be read (it must be a UTF-8 CSV or an XLSX): " + e.getMessage()))));
        }
        return rows.companies();
    }

    private static void csv(byte[] content, RegistryRows rows) throws IOException {
        // a file saved in GBK by an old spreadsheet program is refused rather than read as garbled names
        Reader reader = new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get().parse(reader)) {
            for (CSVRecord record : parser) {
                rows.add(record.toList());
            }
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new IOException("not UTF-8", e);
            }
            throw e;
        }
    }

    private static void xlsx(byte[] content, RegistryRows rows) throws IOException {
        DataFormatter text = new DataFormatter(Locale.ROOT);
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            Sheet sheet = book.getSheetAt(0);
            int last = sheet.getLastRowNum();
            for (int r = 0; r <= last; r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        cells.add(cell(row.getCell(c), text));
                    }
                }
                rows.add(cells);
            }
        }
    }

    /** A cell as text; a date cell as {@code yyyy-MM-dd}, whatever format the sheet shows it in. */
    private static String cell(Cell cell, DataFormatter text) {
        if (cell == null) {
            return null;
        }
        if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            return cell.getLocalDateTimeCellValue().toLocalDate().toString();
        }
        return text.formatCellValue(cell);
    }
}
