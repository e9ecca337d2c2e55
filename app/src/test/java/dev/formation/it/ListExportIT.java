package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.security.Directory;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.CsvTable;
import dev.formation.testing.Exports;
import dev.formation.testing.ExportedCustomers;
import dev.formation.testing.Resources;
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
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The list export as XLSX, read back with POI: labels instead of keys, codes as text cells,
 * dates and money as numbers with formats, the sub-table on its own sheet keyed by the parent's
 * id, the list's filters and the exporter's row scope, hidden fields left out, audited. The
 * overlay lets salespeople export (their own rows) and hides the mailing address from team leaders.
 */
class ListExportIT extends AppTestBase {

    private static final DataFormatter SHOWN = new DataFormatter(Locale.ROOT);

    private String name;
    private String uscc;
    private long id;

    @Override
    protected Map<String, Object> overrides(Path tempDir) {
        return Map.of("formation.metadata-dir", Resources.folder("overlays/list-export").toString());
    }

    @BeforeAll
    void customer() {
        name = Customers.uniqueName("导出");
        uscc = ExportedCustomers.digitsOnlyUscc(System.nanoTime() % 1_000_000_000L);
        id = ExportedCustomers.create(api, "sales1", name, uscc).get("id").asLong();
    }

    private XSSFWorkbook xlsx(String user, String query, String language) throws Exception {
        Exports.Download d = new Exports(app, api).download(user, RECORDS + "/export?format=xlsx" + query, language);
        assertEquals(200, d.status(), d.text());
        assertTrue(d.contentType().startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                d.contentType());
        return Exports.workbook(d.body());
    }

    @Test
    void codesAreTextDatesAreDatesAndSelectsShowTheirLabels() throws Exception {
        try (XSSFWorkbook book = xlsx("admin", "&q=" + Customers.encode(name), "zh-CN")) {
            Sheet sheet = book.getSheetAt(0);
            assertEquals("客户", sheet.getSheetName());
            List<String> header = header(sheet);
            assertEquals(1, sheet.getLastRowNum(), "the search narrows the export to the one customer");
            Row row = sheet.getRow(1);

            Cell code = row.getCell(header.indexOf("统一社会信用代码"));
            assertEquals(CellType.STRING, code.getCellType(), "the credit code is a text cell");
            assertEquals(uscc, code.getStringCellValue());
            assertEquals("@", code.getCellStyle().getDataFormatString());
            assertEquals(CellType.STRING, row.getCell(header.indexOf("客户编码")).getCellType());

            Cell founded = row.getCell(header.indexOf("成立日期"));
            assertEquals(CellType.NUMERIC, founded.getCellType());
            assertTrue(DateUtil.isCellDateFormatted(founded), founded.getCellStyle().getDataFormatString());
            assertEquals(LocalDate.parse("2015-03-18"), founded.getLocalDateTimeCellValue().toLocalDate());
            assertEquals("2015-03-18", SHOWN.formatCellValue(founded));

            Cell created = row.getCell(header.indexOf("创建时间"));
            assertEquals(CellType.NUMERIC, created.getCellType());
            assertTrue(DateUtil.isCellDateFormatted(created));

            assertEquals("制造业", row.getCell(header.indexOf("工商注册行业")).getStringCellValue());
            assertEquals("新建", row.getCell(header.indexOf("状态")).getStringCellValue());
            String salesName = app.context().getBean(Directory.class).userNames().get("sales1");
            assertNotNull(salesName);
            assertFalse(salesName.equals("sales1"), "the demo's users have names");
            assertEquals(salesName, row.getCell(header.indexOf("销售人员")).getStringCellValue());
            assertEquals(CellType.NUMERIC, row.getCell(header.indexOf("ID")).getCellType());
            assertEquals(id, (long) row.getCell(header.indexOf("ID")).getNumericCellValue());
        }
    }

    @Test
    void theContactsAreOnTheirOwnSheetKeyedByTheCustomer() throws Exception {
        try (XSSFWorkbook book = xlsx("admin", "&q=" + Customers.encode(name), "zh-CN")) {
            Sheet contacts = book.getSheet("联系人");
            assertNotNull(contacts, "a sheet per sub-table");
            List<String> header = header(contacts);
            assertEquals(List.of("ID", "客户编码", "客户名称", "姓名", "部门", "职位", "电话", "手机", "邮箱", "国家", "地区", "地址"),
                    header);
            List<List<String>> rows = rows(contacts);
            assertEquals(2, rows.size(), rows.toString());
            for (List<String> row : rows) {
                assertEquals(String.valueOf(id), row.get(0));
                assertEquals(name, row.get(2));
            }
            assertEquals("林晓峰", rows.get(0).get(3));
            // a leading = stays text, never a formula
            assertEquals("=陈静", rows.get(1).get(3));
            assertEquals(CellType.STRING, contacts.getRow(2).getCell(3).getCellType());
            assertEquals(CellType.STRING, contacts.getRow(1).getCell(header.indexOf("手机")).getCellType());
            assertEquals("13905918888", rows.get(0).get(header.indexOf("手机")));
        }
    }

    @Test
    void headersAndLabelsFollowTheUsersLanguage() throws Exception {
        try (XSSFWorkbook book = xlsx("admin", "&q=" + Customers.encode(name), "en")) {
            Sheet sheet = book.getSheetAt(0);
            List<String> header = header(sheet);
            assertTrue(header.contains("Unified social credit code"), header.toString());
            assertEquals("Draft", sheet.getRow(1).getCell(header.indexOf("Status")).getStringCellValue());
            assertEquals("Manufacturing", sheet.getRow(1).getCell(header.indexOf("Registered industry"))
                    .getStringCellValue());
            assertNotNull(book.getSheet("Contacts"));
        }
    }

    @Test
    void moneyIsANumberWithTwoDecimalsAndReferencesShowTheirTitle() throws Exception {
        Exports.Download d = new Exports(app, api).download("admin", "/api/forms/deal/records/export?format=xlsx");
        assertEquals(200, d.status(), d.text());
        try (XSSFWorkbook book = Exports.workbook(d.body())) {
            Sheet sheet = book.getSheetAt(0);
            List<String> header = header(sheet);
            assertTrue(sheet.getLastRowNum() >= 1, "the demo has deals");
            Row row = sheet.getRow(1);
            long dealId = (long) row.getCell(header.indexOf("ID")).getNumericCellValue();
            JsonNode deal = api.as("admin").get("/api/forms/deal/records/" + dealId).expect(200).json();

            Cell amount = row.getCell(header.indexOf("成交金额"));
            assertEquals(CellType.NUMERIC, amount.getCellType());
            assertEquals("#,##0.00", amount.getCellStyle().getDataFormatString());
            assertEquals(0, new BigDecimal(deal.get("amount").asText()).compareTo(BigDecimal.valueOf(amount.getNumericCellValue())));

            Cell date = row.getCell(header.indexOf("成交日期"));
            assertEquals(CellType.NUMERIC, date.getCellType());
            assertTrue(DateUtil.isCellDateFormatted(date));
            assertEquals(deal.get("deal_date").asText(), SHOWN.formatCellValue(date));

            String customerName = api.as("admin").get("/api/forms/customer/records/" + deal.get("customer").asLong())
                    .expect(200).json().get("name").asText();
            assertEquals(customerName, row.getCell(header.indexOf("成交客户")).getStringCellValue());
        }
    }

    @Test
    void aSalespersonsExportHoldsOnlyTheirOwnRows() throws Exception {
        String theirs = Customers.uniqueName("他人导出");
        long other = ExportedCustomers.create(api, "sales2", theirs, ExportedCustomers.digitsOnlyUscc(
                System.nanoTime() % 1_000_000_000L + 7)).get("id").asLong();
        Set<Long> mine = new HashSet<>();
        for (int page = 1; ; page++) {
            JsonNode list = api.as("sales1").get(RECORDS + "?view=mine&size=200&page=" + page).expect(200).json();
            list.get("items").forEach(i -> mine.add(i.get("id").asLong()));
            if (list.get("items").size() < 200) {
                break;
            }
        }
        try (XSSFWorkbook book = xlsx("sales1", "", "zh-CN")) {
            Sheet sheet = book.getSheetAt(0);
            Set<Long> exported = new HashSet<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                exported.add((long) sheet.getRow(r).getCell(0).getNumericCellValue());
            }
            assertEquals(mine, exported, "the export holds exactly the salesperson's own customers");
            assertTrue(exported.contains(id));
            assertFalse(exported.contains(other), "not another salesperson's customer");
            Set<Long> parents = new HashSet<>();
            Sheet contacts = book.getSheet("联系人");
            for (int r = 1; r <= contacts.getLastRowNum(); r++) {
                parents.add((long) contacts.getRow(r).getCell(0).getNumericCellValue());
            }
            assertTrue(exported.containsAll(parents), "nor the contacts of one");
        }
        int all = api.as("admin").get(RECORDS + "?size=1").expect(200).json().get("total").asInt();
        assertTrue(mine.size() < all, "the admin sees more than the salesperson: " + mine.size() + " of " + all);
    }

    @Test
    void aFieldTheRoleHidesIsNotExported() throws Exception {
        try (XSSFWorkbook book = xlsx("leader1", "", "zh-CN")) {
            List<String> header = header(book.getSheetAt(0));
            assertTrue(header.contains("统一社会信用代码"), header.toString());
            assertFalse(header.contains("通信地址"), "the mailing address is hidden from team leaders: " + header);
        }
        CsvTable csv = CsvTable.parse(new Exports(app, api).download("leader1", RECORDS + "/export?format=csv").text());
        assertFalse(csv.header().contains("通信地址"), csv.header().toString());
    }

    @Test
    void theCsvExportHasTheSameLabelsAndFilters() throws Exception {
        CsvTable csv = CsvTable.parse(new Exports(app, api).download("admin", RECORDS + "/export?q="
                + Customers.encode(name)).text());
        assertEquals(1, csv.size());
        List<String> row = csv.rows().get(0);
        assertEquals(String.valueOf(id), row.get(0));
        assertEquals(uscc, row.get(csv.header().indexOf("统一社会信用代码")));
        assertEquals("新建", row.get(csv.header().indexOf("状态")));
        assertEquals("制造业", row.get(csv.header().indexOf("工商注册行业")));
        assertEquals("2015-03-18", row.get(csv.header().indexOf("成立日期")));
        CsvTable drafts = CsvTable.parse(new Exports(app, api).download("admin", RECORDS + "/export?status=active&q="
                + Customers.encode(name)).text());
        assertEquals(0, drafts.size(), "the status filter applies");
    }

    @Test
    void anExportIsAuditedWithItsFormat() throws Exception {
        try (XSSFWorkbook ignored = xlsx("contract1", "&q=" + Customers.encode(name), "zh-CN")) {
            assertEquals(1, ignored.getSheetAt(0).getLastRowNum());
        }
        JsonNode log = api.as("admin").get("/api/audit?user=contract1&form=customer").expect(200).json();
        JsonNode export = null;
        for (JsonNode e : log.get("items")) {
            if (e.get("action").asText().equals("export")) {
                export = e;
                break;
            }
        }
        assertNotNull(export, log.toString());
        assertEquals("xlsx", export.get("changes").get("format").get("after").asText(), export.toString());
        assertEquals(1, export.get("changes").get("rows").get("after").asInt(), export.toString());
    }

    @Test
    void refusalsAreProblems() {
        var forbidden = api.as("assistant1").get(RECORDS + "/export?format=xlsx").expect(403);
        assertTrue(forbidden.contentType().startsWith("application/problem+json"), forbidden.toString());
        var bad = api.as("admin").get(RECORDS + "/export?format=ods").expect(400);
        assertTrue(bad.contentType().startsWith("application/problem+json"), bad.toString());
        assertTrue(bad.body().contains("format"), bad.toString());
    }

    @Test
    void theListPageOffersBothExportsToThoseWhoMayExport() {
        String page = api.as("admin").get("/forms/customer").expect(200).body();
        assertTrue(page.contains("href=\"/api/forms/customer/records/export?format=xlsx\""), page);
        assertTrue(page.contains("href=\"/api/forms/customer/records/export?format=csv\""), page);
        String searched = api.as("admin").get("/forms/customer?q=" + Customers.encode(name)).expect(200).body();
        assertTrue(searched.contains("/api/forms/customer/records/export?q=" + Customers.encode(name) + "&amp;format=xlsx"),
                "the export link keeps the search");
        assertFalse(api.as("assistant1").get("/forms/customer").expect(200).body().contains("records/export"),
                "no export button without the export permission");
    }

    @Test
    void dashboardWidgetsOfferTheirReportsExportsWhereTheViewerMayExport() throws Exception {
        // the overlay lets salespeople export customers, not visits
        String page = api.as("sales1").get("/dashboards/my_sales").expect(200).body();
        String statuses = widget(page, "customers_by_status");
        for (String format : List.of("pdf", "xlsx", "csv")) {
            assertTrue(statuses.contains("href=\"/api/reports/customers_by_status/export?format=" + format + "\""), statuses);
        }
        assertFalse(widget(page, "visits").contains("/export"), "visits are not the salesperson's to export");
        Exports.Download pdf = new Exports(app, api).download("sales1", "/api/reports/customers_by_status/export?format=pdf");
        assertEquals(200, pdf.status());
        assertEquals("application/pdf", pdf.contentType());
    }

    private static String widget(String page, String key) {
        int start = page.indexOf("id=\"widget-" + key + "\"");
        assertTrue(start >= 0, "no widget " + key);
        int end = page.indexOf("</section>", start);
        return page.substring(start, end);
    }

    private static List<String> header(Sheet sheet) {
        List<String> out = new ArrayList<>();
        Row row = sheet.getRow(0);
        for (int c = 0; c < row.getLastCellNum(); c++) {
            out.add(row.getCell(c).getStringCellValue());
        }
        return out;
    }

    private static List<List<String>> rows(Sheet sheet) {
        List<List<String>> out = new ArrayList<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < row.getLastCellNum(); c++) {
                cells.add(row.getCell(c) == null ? "" : SHOWN.formatCellValue(row.getCell(c)));
            }
            out.add(cells);
        }
        return out;
    }
}
