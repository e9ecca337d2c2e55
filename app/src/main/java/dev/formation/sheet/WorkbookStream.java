package dev.formation.sheet;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * An XLSX read sheet by sheet as a stream of rows of text, without building the workbook in
 * memory (POI's event API): a file of a hundred thousand rows is read in the memory of a few
 * rows plus its shared strings. Cells read as {@link SheetRows} reads them: as the spreadsheet
 * shows them, dates as {@code yyyy-MM-dd} (with a time {@code yyyy-MM-dd HH:mm:ss}), trimmed,
 * an empty cell as null.
 */
public final class WorkbookStream implements AutoCloseable {

    /** Receives a sheet's rows in order; {@code row} is the sheet's row number (1 for the first row). */
    @FunctionalInterface
    public interface RowHandler {
        void row(int row, List<String> cells);
    }

    private final OPCPackage pkg;
    private final XSSFReader reader;
    private final ReadOnlySharedStringsTable strings;
    private final StylesTable styles;
    private final List<String> names = new ArrayList<>();

    private WorkbookStream(OPCPackage pkg) throws Exception {
        this.pkg = pkg;
        this.reader = new XSSFReader(pkg);
        this.strings = new ReadOnlySharedStringsTable(pkg, false);
        this.styles = reader.getStylesTable();
        XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
        while (sheets.hasNext()) {
            try (InputStream ignored = sheets.next()) {
                names.add(sheets.getSheetName());
            }
        }
    }

    public static WorkbookStream open(Path xlsx) throws SheetRows.UnreadableException {
        OPCPackage pkg = null;
        try {
            pkg = OPCPackage.open(xlsx.toFile(), PackageAccess.READ);
            return new WorkbookStream(pkg);
        } catch (Exception e) {
            if (pkg != null) {
                pkg.revert();
            }
            // POI reports a file that is no workbook (or a damaged one) with a variety of exceptions
            throw new SheetRows.UnreadableException(e.getMessage(), e);
        }
    }

    /** The sheets' names, in the workbook's order. */
    public List<String> sheetNames() {
        return Collections.unmodifiableList(names);
    }

    /** Streams the rows of the sheet at {@code index} (in {@link #sheetNames()} order); empty rows are left out. */
    public void rows(int index, RowHandler handler) throws SheetRows.UnreadableException {
        try {
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            for (int i = 0; sheets.hasNext(); i++) {
                try (InputStream sheet = sheets.next()) {
                    if (i == index) {
                        XMLReader xml = XMLHelper.newXMLReader();
                        xml.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings,
                                new Collector(handler), new TextFormatter(), false));
                        xml.parse(new InputSource(sheet));
                        return;
                    }
                }
            }
        } catch (HandlerFailure failure) {
            throw failure.getCause(); // the caller's own refusal, not a damaged file
        } catch (Exception e) {
            throw new SheetRows.UnreadableException(e.getMessage(), e);
        }
    }

    /**
     * How many rows the sheet at {@code index} holds (row elements, empty ones included), counted in
     * its XML as it streams out of the file without parsing it: a fraction of a second for a
     * hundred thousand rows, for showing how far a reader of the rows has got.
     */
    public int rowElements(int index) throws SheetRows.UnreadableException {
        try {
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            for (int i = 0; sheets.hasNext(); i++) {
                try (InputStream sheet = sheets.next()) {
                    if (i == index) {
                        return countRowTags(sheet);
                    }
                }
            }
            return 0;
        } catch (Exception e) {
            throw new SheetRows.UnreadableException(e.getMessage(), e);
        }
    }

    /** Counts {@code <row } and {@code <row>} in the stream (a cell's text cannot hold a raw {@code <}). */
    private static int countRowTags(InputStream in) throws IOException {
        byte[] needle = "<row".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] buffer = new byte[64 * 1024];
        int found = 0;
        int matched = 0;
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (matched == needle.length) {
                    if (b == ' ' || b == '>' || b == '/') {
                        found++;
                    }
                    matched = 0;
                }
                matched = b == needle[matched] ? matched + 1 : (b == needle[0] ? 1 : 0);
            }
        }
        return found;
    }

    /** The first non-empty row of the sheet at {@code index} (empty when the sheet has none), reading no further. */
    public List<String> firstRow(int index) throws SheetRows.UnreadableException {
        List<String> first = new ArrayList<>();
        try {
            rows(index, (row, cells) -> {
                first.addAll(cells);
                throw new FirstRowRead();
            });
        } catch (FirstRowRead enough) {
            // the rest of the sheet is not read
        }
        return first;
    }

    /** Stops reading a sheet once its first row is in. */
    private static final class FirstRowRead extends RuntimeException {
        FirstRowRead() {
            super(null, null, false, false);
        }
    }

    /** Carries what the row handler threw through the XML parser, to be thrown as it was. */
    private static final class HandlerFailure extends RuntimeException {
        HandlerFailure(RuntimeException cause) {
            super(cause);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    @Override
    public void close() {
        // opened read-only: revert closes the file without trying to save it
        pkg.revert();
    }

    /** Gathers the cells of one row at their column, then hands the row on. */
    private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final RowHandler handler;
        private final List<String> cells = new ArrayList<>();
        private int row;

        Collector(RowHandler handler) {
            this.handler = handler;
        }

        @Override
        public void startRow(int rowNum) {
            row = rowNum + 1;
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            int last = cells.size() - 1;
            while (last >= 0 && cells.get(last) == null) {
                last--;
            }
            if (last >= 0) {
                try {
                    handler.row(row, new ArrayList<>(cells.subList(0, last + 1)));
                } catch (RuntimeException e) {
                    throw new HandlerFailure(e);
                }
            }
        }

        @Override
        public void cell(String reference, String formatted, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            while (cells.size() <= column) {
                cells.add(null);
            }
            String v = formatted == null ? null : formatted.strip();
            cells.set(column, v == null || v.isEmpty() ? null : v);
        }
    }

    /** As a spreadsheet shows a cell, but dates in ISO form whatever their display format. */
    private static final class TextFormatter extends DataFormatter {
        private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

        TextFormatter() {
            super(Locale.ROOT);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDateTime at = DateUtil.getLocalDateTime(value, use1904, true);
                return at.toLocalTime().toSecondOfDay() == 0 ? at.toLocalDate().toString() : at.format(DATE_TIME);
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904);
        }
    }
}
