package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.metadata.MetadataHolder;
import dev.formation.report.ReportCatalog;
import dev.formation.report.ReportDefinition;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.CsvTable;
import dev.formation.testing.Exports;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values survive every format whole: large amounts are never cut (PDF, XLSX, CSV, JSON and the
 * dashboard's tables), a date-time keeps its time to the second in one representation per
 * format, and a report without rows still has its header (CSV, XLSX) and says so (PDF).
 * The test's records are moved to days of 2001, far from the demo's, so a date range isolates them.
 */
class ReportValuesIT extends AppTestBase {

    private static final BigDecimal BIG = new BigDecimal("1234567890.12");
    private static final BigDecimal BIGGER = new BigDecimal("98765432109.87");
    private static final String DAY = "2001-02-03";
    private static final String ONE_DAY = "period_from=" + DAY + "&period_to=" + DAY;
    private static final LocalDateTime MORNING = LocalDateTime.parse(DAY + "T09:15:00");
    private static final LocalDateTime EVENING = LocalDateTime.parse(DAY + "T17:45:30");
    private static final String NOTHING = "period_from=1990-01-01&period_to=1990-01-01";

    private Exports exports;

    @BeforeAll
    void bigAmountsAndExactTimes() throws Exception {
        exports = new Exports(app, api);
        // the big deal has payments, so the dashboard's contract table shows its amount
        long big = count("SELECT `deal` FROM `f_payment` WHERE `deleted_at` IS NULL AND `deal` IS NOT NULL ORDER BY `id`"
                + " LIMIT 1");
        long bigger = count("SELECT MAX(`id`) FROM `f_deal` WHERE `id` <> ?", big);
        long morning = count("SELECT MIN(`id`) FROM `f_visit`");
        long evening = count("SELECT MAX(`id`) FROM `f_visit`");
        try (Connection c = db.connect()) {
            update(c, "UPDATE `f_deal` SET `amount` = ?, `deal_date` = ?, `status` = 'active' WHERE `id` = ?",
                    BIG, java.sql.Date.valueOf(DAY), big);
            update(c, "UPDATE `f_deal` SET `amount` = ?, `deal_date` = ?, `status` = 'active' WHERE `id` = ?",
                    BIGGER, java.sql.Date.valueOf(DAY), bigger);
            update(c, "UPDATE `f_visit` SET `visit_time` = ? WHERE `id` = ?", MORNING, morning);
            update(c, "UPDATE `f_visit` SET `visit_time` = ? WHERE `id` = ?", EVENING, evening);
        }
    }

    // ---- amounts ----

    @Test
    void jsonCarriesExactAmounts() {
        JsonNode run = api.as("manager1").get("/api/reports/deal_query?" + ONE_DAY).expect(200).json();
        List<BigDecimal> amounts = new ArrayList<>();
        run.get("rows").forEach(r -> amounts.add(r.get("amount").decimalValue()));
        assertTrue(amounts.contains(BIG) && amounts.contains(BIGGER), amounts.toString());
    }

    @Test
    void csvCarriesExactPlainAmounts() throws Exception {
        CsvTable csv = CsvTable.parse(csv("/api/reports/deal_query/export?format=csv&" + ONE_DAY));
        int amount = csv.header().indexOf("成交金额");
        assertTrue(amount >= 0, csv.header().toString());
        List<String> cells = csv.rows().stream().map(r -> r.get(amount)).toList();
        assertEquals(List.of(BIG.toPlainString(), BIGGER.toPlainString()).stream().sorted().toList(),
                cells.stream().sorted().toList());
    }

    @Test
    void pdfShowsWholeAmounts() throws Exception {
        String text = pdf("/api/reports/deal_query/export?format=pdf&" + ONE_DAY);
        assertTrue(text.contains("1,234,567,890.12"), text);
        assertTrue(text.contains("98,765,432,109.87"), text);
    }

    @Test
    void xlsxHasNumericAmountsInColumnsWideEnoughToShowThem() throws Exception {
        try (XSSFWorkbook book = xlsx("/api/reports/deal_query/export?format=xlsx&" + ONE_DAY)) {
            Sheet sheet = book.getSheetAt(0);
            Cell header = find(sheet, "成交金额");
            List<BigDecimal> amounts = new ArrayList<>();
            DataFormatter shown = new DataFormatter(Locale.ROOT);
            for (int r = header.getRowIndex() + 1; r <= sheet.getLastRowNum(); r++) {
                Cell cell = sheet.getRow(r).getCell(header.getColumnIndex());
                assertEquals(CellType.NUMERIC, cell.getCellType());
                amounts.add(new BigDecimal(Double.toString(cell.getNumericCellValue())));
                String text = shown.formatCellValue(cell);
                // Excel shows ##### in a column narrower than the number; POI's widths are in 1/256 of a character
                assertTrue(sheet.getColumnWidth(header.getColumnIndex()) / 256.0 >= text.length(),
                        "column of " + (sheet.getColumnWidth(header.getColumnIndex()) / 256.0) + " chars for " + text);
            }
            assertTrue(amounts.contains(BIG) && amounts.contains(BIGGER), amounts.toString());
        }
    }

    @Test
    void dashboardTablesShowWholeAmounts() {
        String html = api.as("manager1").get("/dashboards/sales_overview").expect(200).body();
        assertTrue(html.contains("1,234,567,890.12"), "the contract table shows the whole amount");
        assertFalse(html.matches("(?s).*1,234,567,890\\.(?!12).*"), "no cut amount");
    }

    // ---- date-times ----

    @Test
    void dateTimeColumnsSayDatetimeAndJsonKeepsSeconds() {
        JsonNode run = api.as("manager1").get("/api/reports/visit_query?" + ONE_DAY).expect(200).json();
        assertEquals("datetime", type(run, "visit_time"));
        List<String> times = new ArrayList<>();
        run.get("rows").forEach(r -> times.add(r.get("visit_time").asText()));
        assertEquals(List.of("2001-02-03T17:45:30", "2001-02-03T09:15:00"), times);

        JsonNode latest = api.as("manager1").get("/api/reports/visits_by_region_this_month?" + ONE_DAY).expect(200).json();
        assertEquals("datetime", type(latest, "last_visit"));
        assertEquals("2001-02-03T17:45:30", latest.get("rows").get(0).get("last_visit").asText(), latest.toString());

        JsonNode customers = api.as("manager1").get("/api/reports/customer_info_query").expect(200).json();
        assertEquals("datetime", type(customers, "updated_at"), "platform time stamps are date-times too");
    }

    @Test
    void csvKeepsTheTimeToTheSecond() throws Exception {
        CsvTable csv = CsvTable.parse(csv("/api/reports/visit_query/export?format=csv&" + ONE_DAY));
        int time = csv.header().indexOf("拜访时间");
        assertEquals(List.of("2001-02-03 17:45:30", "2001-02-03 09:15:00"),
                csv.rows().stream().map(r -> r.get(time)).toList());
    }

    @Test
    void pdfKeepsTheTimeToTheSecond() throws Exception {
        String text = pdf("/api/reports/visit_query/export?format=pdf&" + ONE_DAY);
        assertTrue(text.contains("2001-02-03 09:15:00") && text.contains("2001-02-03 17:45:30"), text);
    }

    @Test
    void xlsxDateTimesAreExactSerialsShownWithSeconds() throws Exception {
        try (XSSFWorkbook book = xlsx("/api/reports/visit_query/export?format=xlsx&" + ONE_DAY)) {
            Sheet sheet = book.getSheetAt(0);
            Cell header = find(sheet, "拜访时间");
            DataFormatter shown = new DataFormatter(Locale.ROOT);
            List<String> texts = new ArrayList<>();
            for (LocalDateTime expected : List.of(EVENING, MORNING)) {
                Cell cell = sheet.getRow(header.getRowIndex() + 1 + texts.size()).getCell(header.getColumnIndex());
                assertEquals(CellType.NUMERIC, cell.getCellType());
                // the serial a spreadsheet computes for the time itself: days since 1899-12-30, the day's fraction
                double exact = ChronoUnit.SECONDS.between(LocalDateTime.parse("1899-12-30T00:00:00"), expected) / 86400.0;
                assertEquals(exact, cell.getNumericCellValue(), 0.0, "serial of " + expected);
                assertEquals(expected, DateUtil.getLocalDateTime(cell.getNumericCellValue()));
                texts.add(shown.formatCellValue(cell));
            }
            assertEquals(List.of("2001-02-03 17:45:30", "2001-02-03 09:15:00"), texts);
        }
    }

    // ---- no rows ----

    @Test
    void everyReportWithoutRowsKeepsItsHeaderInEveryFormat() throws Exception {
        List<String> failures = new ArrayList<>();
        for (ReportDefinition r : app.context().getBean(MetadataHolder.class).current().get(ReportCatalog.class).reports()) {
            String query = emptying(r);
            JsonNode run = api.as("admin").get("/api/reports/" + r.key() + "?" + query).expect(200).json();
            List<String> labels = new ArrayList<>();
            run.get("columns").forEach(c -> labels.add(c.get("label").asText()));
            boolean empty = run.get("rows").isEmpty();
            if (!empty && r.isAggregate() && !r.groups().isEmpty()) {
                failures.add(r.key() + ": " + query + " should leave no rows");
                continue;
            }
            String base = "/api/reports/" + r.key() + "/export?" + query + "&format=";
            Exports.Download csv = exports.download("admin", base + "csv");
            if (csv.status() != 200 || !CsvTable.parse(csv.text()).header().equals(labels)) {
                failures.add(r.key() + ".csv: " + csv.status() + " " + csv.text());
            }
            Exports.Download xlsx = exports.download("admin", base + "xlsx");
            if (xlsx.status() != 200 || !Exports.xlsxRows(xlsx.body()).contains(labels)) {
                failures.add(r.key() + ".xlsx: " + xlsx.status() + " has no header row " + labels);
            }
            Exports.Download pdf = exports.download("admin", base + "pdf", "en");
            String text = pdf.status() == 200 ? Exports.pdfText(pdf.body()) : pdf.text();
            if (pdf.status() != 200 || empty && !text.contains("No data")) {
                failures.add(r.key() + ".pdf: " + pdf.status() + " " + text);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void anEmptyReportSaysSoInChinese() throws Exception {
        String text = pdf("/api/reports/visit_query/export?format=pdf&" + NOTHING);
        assertTrue(text.contains("无数据"), text);
        assertTrue(text.contains("拜访时间"), "the header row is there");
    }

    @Test
    void aDashboardWithoutAnyRowsRenders() {
        String html = api.as("manager1").get("/dashboards/sales_overview?owner=nobody-at-all").expect(200).body();
        assertTrue(html.contains("无数据"), "empty widgets say so");
    }

    // ---- helpers ----

    /** Parameters under which a report has no rows: every date range on a day of 1990, every text a stranger's. */
    private static String emptying(ReportDefinition report) {
        StringJoiner query = new StringJoiner("&");
        for (ReportDefinition.Param p : report.params()) {
            switch (p.type()) {
                case "daterange" -> query.add(p.key() + "_from=1990-01-01").add(p.key() + "_to=1990-01-01");
                case "text", "user" -> query.add(p.key() + "=nobody-at-all");
                default -> {
                }
            }
        }
        return query.toString();
    }

    private String csv(String path) throws Exception {
        Exports.Download d = exports.download("manager1", path);
        assertEquals(200, d.status(), d.text());
        return d.text();
    }

    private String pdf(String path) throws Exception {
        Exports.Download d = exports.download("manager1", path);
        assertEquals(200, d.status(), d.text());
        return Exports.pdfText(d.body());
    }

    private XSSFWorkbook xlsx(String path) throws Exception {
        Exports.Download d = exports.download("manager1", path);
        assertEquals(200, d.status(), d.text());
        return Exports.workbook(d.body());
    }

    private static Cell find(Sheet sheet, String text) {
        for (Row row : sheet) {
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.STRING && text.equals(cell.getStringCellValue())) {
                    return cell;
                }
            }
        }
        throw new AssertionError("no cell '" + text + "'");
    }

    private static String type(JsonNode run, String column) {
        for (JsonNode c : run.get("columns")) {
            if (c.get("key").asText().equals(column)) {
                return c.get("type").asText();
            }
        }
        throw new AssertionError("no column " + column + " in " + run);
    }

    private static void update(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            assertEquals(1, ps.executeUpdate(), sql);
        }
    }
}
