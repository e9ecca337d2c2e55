package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.ImportSheets;
import dev.formation.testing.ImportSheets.SheetData;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Importing customers with their contacts from a spreadsheet (seed 001 历史数据导入): 10,000 rows of
 * which 37 are bad in six ways; each bad row is refused with its row and field and the others are
 * all stored; the errors workbook marks exactly the failing cells; an upsert by credit code
 * updates instead of duplicating; reverting removes exactly what an import added (and keeps what
 * someone changed since); a dry run saves nothing; only roles with {@code import} may import.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustomerImportIT extends AppTestBase {

    private static final int ROWS = 10_000;
    private static final Duration LIMIT = Duration.ofMinutes(10);
    private static final List<String> MAIN_HEADER = List.of("客户名称 *", "统一社会信用代码", "成立日期 *",
            "注册地址(住所) *", "通信地址 *", "客户类型", "销售人员", "法定代表人");
    private static final List<String> CONTACT_HEADER = List.of("所属客户行号", "姓名", "部门", "职位", "手机");

    private final String tag = Long.toString(System.nanoTime(), 36).toUpperCase();
    /** sheet|row|field of every bad cell the big file holds. */
    private final Set<String> expectedErrors = new TreeSet<>();
    private final List<String> usccs = new ArrayList<>();
    private long bigImport;
    private int customersBefore;

    private String name(int i) {
        return "导入" + tag + "客户" + i + "有限公司";
    }

    private static String badUscc(String valid) {
        char check = valid.charAt(17);
        return valid.substring(0, 17) + (check == '0' ? '1' : '0');
    }

    private int customers(String q) {
        return api.as("admin").get("/api/forms/customer/records?size=1&q=" + Customers.encode(q)).expect(200).json()
                .get("total").asInt();
    }

    /** The 10,000-row file: bad rows at 100 + 270k, of kind k mod 6. */
    private byte[] bigFile() throws IOException {
        List<List<String>> main = new ArrayList<>();
        List<List<String>> contacts = new ArrayList<>();
        main.add(MAIN_HEADER);
        contacts.add(CONTACT_HEADER);
        Map<Integer, Integer> bad = new java.util.HashMap<>();
        for (int k = 0; k < 37; k++) {
            bad.put(100 + 270 * k, k % 6);
        }
        String[] owners = {"张伟", "sales2", null};
        String[] types = {"企业客户", "government", "Individual"};
        for (int i = 0; i < ROWS; i++) {
            int row = i + 2;
            String uscc = Customers.uscc();
            usccs.add(uscc);
            List<String> cells = new ArrayList<>(Arrays.asList(name(i), uscc, "2015-03-18",
                    "福建省福州市鼓楼区五四路" + i + "号", "福建省福州市鼓楼区五四路" + i + "号", types[i % 3], owners[i % 3],
                    "法人" + i));
            int contactRow = contacts.size() + 1;
            String mobile = Customers.mobile(i);
            Integer kind = bad.get(i);
            if (kind != null) {
                switch (kind) {
                    case 0 -> { cells.set(1, badUscc(uscc)); expectedErrors.add("客户|" + row + "|uscc"); }
                    case 1 -> { cells.set(2, null); expectedErrors.add("客户|" + row + "|founded_on"); }
                    case 2 -> { cells.set(5, "外星客户"); expectedErrors.add("客户|" + row + "|customer_type"); }
                    case 3 -> { cells.set(0, name(i - 1)); expectedErrors.add("客户|" + row + "|name"); }
                    case 4 -> { mobile = "12345"; expectedErrors.add("联系人|" + contactRow + "|contacts[0].mobile"); }
                    default -> { cells.set(6, "不存在的人"); expectedErrors.add("客户|" + row + "|owner"); }
                }
            }
            main.add(cells);
            contacts.add(Arrays.asList(String.valueOf(row), "联系人" + i, "采购部", "经理", mobile));
            if (i % 3 == 0) {
                contacts.add(Arrays.asList(String.valueOf(row), "副联系人" + i, "财务部", "主管", Customers.mobile(i + 50_000)));
            }
        }
        return ImportSheets.workbook(new SheetData("客户", main), new SheetData("联系人", contacts));
    }

    @Test
    @Order(1)
    void theTemplateHasAColumnPerFieldASheetPerSubTableDropDownsAndAGuide() throws IOException {
        byte[] template = api.as("admin").download("/api/forms/customer/import/template").expect(200).body();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(template))) {
            Sheet main = book.getSheet("客户");
            List<String> header = new ArrayList<>();
            main.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            assertTrue(header.containsAll(List.of("客户名称 *", "统一社会信用代码", "客户类型", "销售人员", "成立日期 *")), header.toString());
            assertFalse(header.contains("客户编码"), "a generated number is not imported");
            assertFalse(header.stream().anyMatch(h -> h.startsWith("拜访次数")), "rollups are not imported");
            Sheet contacts = book.getSheet("联系人");
            assertEquals("所属客户行号", contacts.getRow(0).getCell(0).getStringCellValue());
            assertEquals("手机 *", contacts.getRow(0).getCell(5).getStringCellValue());
            assertTrue(main.getDataValidations().size() >= 3, "drop-downs for the selects");
            assertTrue(book.getSheet("填写说明").getPhysicalNumberOfRows() > header.size(), "a line per column");
        }
        byte[] english = api.as("admin").english().download("/api/forms/customer/import/template").expect(200).body();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(english))) {
            assertEquals("Customer name *", book.getSheet("Customer").getRow(0).getCell(0).getStringCellValue());
        }
    }

    @Test
    @Order(2)
    void tenThousandRowsWith37BadOnesInsert9963AndNameEachBadCell() throws IOException {
        customersBefore = customers("导入" + tag);
        byte[] file = bigFile();
        JsonNode started = ImportSheets.start(api.as("admin"), "customer", file, null, null, false).expect(202).json();
        bigImport = started.get("id").asLong();
        JsonNode done = ImportSheets.awaitFinished(api.as("admin"), bigImport, LIMIT);
        assertEquals("done", done.get("status").asText(), done.toString());
        assertEquals(ROWS, done.get("total").asInt());
        assertEquals(ROWS, done.get("processed").asInt());
        assertEquals(9963, done.get("inserted").asInt());
        assertEquals(37, done.get("failed").asInt());
        Set<String> errors = new TreeSet<>();
        done.get("errors").forEach(e -> errors.add(e.get("sheet").asText() + "|" + e.get("row").asInt() + "|"
                + e.get("field").asText()));
        assertEquals(expectedErrors, errors);
        assertEquals(9963, customers("导入" + tag));
        // a contact's bad mobile refused its customer: none of its rows is stored
        JsonNode stored = api.as("admin").get("/api/forms/customer/records?size=5&q=" + Customers.encode(name(3)))
                .expect(200).json().get("items");
        assertEquals(1, stored.size());
        JsonNode customer = api.as("admin").get("/api/forms/customer/records/" + stored.get(0).get("id").asLong())
                .expect(200).json();
        assertEquals(2, customer.get("contacts").size(), "both contacts of row 5");
        assertEquals("sales1", customer.get("owner").asText(), "张伟 by name");
        assertEquals("enterprise", customer.get("customer_type").asText(), "企业客户 by label");
        JsonNode audit = api.as("admin").get("/api/audit?form=customer&record=" + customer.get("id").asLong())
                .expect(200).json().get("items");
        assertEquals("import", audit.get(0).get("action").asText());
        assertEquals("import:" + bigImport, audit.get(0).get("batch").asText());
    }

    /** Ten export pages of the imported customers: every one once, with its contacts on their sheet. */
    @Test
    @Order(3)
    void whatWasImportedIsExportedAgainWholeAndOnce() throws IOException {
        Set<Integer> bad = new java.util.HashSet<>();
        for (int k = 0; k < 37; k++) {
            bad.add(100 + 270 * k);
        }
        List<String> expected = new ArrayList<>();
        int contacts = 0;
        for (int i = 0; i < ROWS; i++) {
            if (!bad.contains(i)) {
                expected.add(name(i));
                contacts += i % 3 == 0 ? 2 : 1;
            }
        }
        byte[] xlsx = api.as("admin").download("/api/forms/customer/records/export?format=xlsx&q="
                + Customers.encode("导入" + tag)).expect(200).body();
        try (XSSFWorkbook book = dev.formation.testing.Exports.workbook(xlsx)) {
            Sheet main = book.getSheetAt(0);
            int nameColumn = column(main.getRow(0), "客户名称");
            List<String> names = new ArrayList<>();
            for (int r = 1; r <= main.getLastRowNum(); r++) {
                names.add(main.getRow(r).getCell(nameColumn).getStringCellValue());
            }
            assertEquals(new TreeSet<>(expected), new TreeSet<>(names), "every imported customer");
            assertEquals(expected.size(), names.size(), "each once");
            assertEquals(contacts, book.getSheet("联系人").getLastRowNum(), "their contacts, one row each");
        }
    }

    private static int column(Row header, String label) {
        for (Cell cell : header) {
            if (cell.getStringCellValue().equals(label)) {
                return cell.getColumnIndex();
            }
        }
        throw new AssertionError("no column " + label);
    }

    @Test
    @Order(3)
    void theErrorsWorkbookHoldsTheRefusedRowsWithExactlyTheFailingCellsMarked() throws IOException {
        byte[] errors = api.as("admin").download("/api/imports/" + bigImport + "/errors.xlsx").expect(200).body();
        Set<String> marked = new TreeSet<>();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(errors))) {
            Sheet main = book.getSheet("客户");
            assertEquals(38, main.getPhysicalNumberOfRows(), "the header and the 37 refused records");
            int sourceColumn = MAIN_HEADER.size();
            assertEquals("原行号", main.getRow(0).getCell(sourceColumn).getStringCellValue());
            assertEquals("错误信息", main.getRow(0).getCell(sourceColumn + 1).getStringCellValue());
            Map<Integer, Integer> sourceOfNewRow = new java.util.HashMap<>();
            for (Row row : main) {
                if (row.getRowNum() == 0) {
                    continue;
                }
                int source = Integer.parseInt(row.getCell(sourceColumn).getStringCellValue());
                sourceOfNewRow.put(row.getRowNum() + 1, source);
                assertFalse(row.getCell(sourceColumn + 1).getStringCellValue().isBlank(), "a message");
                redCells(row).forEach(c -> marked.add("客户|" + source + "|" + MAIN_HEADER.get(c)));
            }
            Sheet contacts = book.getSheet("联系人");
            int contactSource = CONTACT_HEADER.size();
            for (Row row : contacts) {
                if (row.getRowNum() == 0) {
                    continue;
                }
                int parent = Integer.parseInt(row.getCell(0).getStringCellValue());
                assertTrue(sourceOfNewRow.containsKey(parent), "renumbered to a row of this file: " + parent);
                int source = Integer.parseInt(row.getCell(contactSource).getStringCellValue());
                redCells(row).forEach(c -> marked.add("联系人|" + source + "|" + CONTACT_HEADER.get(c)));
            }
        }
        Set<String> expected = new TreeSet<>();
        Map<String, String> headerOf = Map.of("uscc", "统一社会信用代码", "founded_on", "成立日期 *",
                "customer_type", "客户类型", "name", "客户名称 *", "owner", "销售人员", "contacts[0].mobile", "手机");
        expectedErrors.forEach(e -> {
            String[] p = e.split("\\|");
            expected.add(p[0] + "|" + p[1] + "|" + headerOf.get(p[2]));
        });
        assertEquals(expected, marked);
    }

    private static List<Integer> redCells(Row row) {
        List<Integer> out = new ArrayList<>();
        for (Cell cell : row) {
            if (cell.getCellStyle().getFillPattern() == FillPatternType.SOLID_FOREGROUND
                    && cell.getCellStyle().getFillForegroundColor() == IndexedColors.RED.getIndex()) {
                out.add(cell.getColumnIndex());
            }
        }
        return out;
    }

    @Test
    @Order(4)
    void anUpsertByCreditCodeUpdatesInsteadOfDuplicatingAndItsRevertPutsTheOldValuesBack() throws IOException {
        String newUscc = Customers.uscc();
        List<List<String>> main = List.of(List.of("统一社会信用代码", "法定代表人", "客户名称", "成立日期", "注册地址(住所)", "通信地址"),
                Arrays.asList(usccs.get(0), "新法人甲", null, null, null, null),
                Arrays.asList(usccs.get(1), "新法人乙", null, null, null, null),
                Arrays.asList(newUscc, "新法人丙", "导入" + tag + "新客户有限公司", "2020-01-01", "上海市", "上海市"));
        List<List<String>> contacts = List.of(CONTACT_HEADER, List.of("4", "新联系人", "采购部", "经理", "13900000001"));
        byte[] file = ImportSheets.workbook(new SheetData("客户", main), new SheetData("联系人", contacts));
        long id = ImportSheets.start(api.as("admin"), "customer", file, "upsert", "uscc", false).expect(202).json()
                .get("id").asLong();
        JsonNode done = ImportSheets.awaitFinished(api.as("admin"), id, LIMIT);
        assertEquals(1, done.get("inserted").asInt(), done.toString());
        assertEquals(2, done.get("updated").asInt(), done.toString());
        assertEquals(0, done.get("failed").asInt(), done.toString());
        JsonNode first = one(usccs.get(0));
        assertEquals("新法人甲", first.get("legal_rep").asText());
        assertEquals(name(0), first.get("name").asText(), "an empty cell leaves the value as it was");
        assertEquals(2, first.get("contacts").size(), "no contact rows in the file: its contacts stay as they were");
        assertEquals(9963 + 1, customers("导入" + tag));

        api.as("admin").post("/api/imports/" + id + "/revert", Map.of()).expect(202);
        JsonNode reverted = ImportSheets.awaitFinished(api.as("admin"), id, LIMIT);
        assertEquals("reverted", reverted.get("status").asText());
        assertEquals(3, reverted.get("reverted").asInt());
        assertEquals("法人0", one(usccs.get(0)).get("legal_rep").asText());
        assertEquals("法人1", one(usccs.get(1)).get("legal_rep").asText());
        assertEquals(9963, customers("导入" + tag));
        api.as("admin").post("/api/imports/" + id + "/revert", Map.of()).expect(409);
    }

    private JsonNode one(String uscc) {
        JsonNode items = api.as("admin").get("/api/forms/customer/records?size=5&q=" + uscc).expect(200).json()
                .get("items");
        assertEquals(1, items.size(), uscc);
        return api.as("admin").get("/api/forms/customer/records/" + items.get(0).get("id").asLong()).expect(200).json();
    }

    @Test
    @Order(5)
    void revertingRemovesExactlyWhatTheImportAddedAndKeepsARecordChangedSince() {
        JsonNode changed = one(usccs.get(2));
        api.as("admin").patch("/api/forms/customer/records/" + changed.get("id").asLong(),
                Map.of("version", changed.get("version").asLong(), "legal_rep", "后来改的")).expect(200);
        api.as("admin").post("/api/imports/" + bigImport + "/revert", Map.of()).expect(202);
        JsonNode reverted = ImportSheets.awaitFinished(api.as("admin"), bigImport, LIMIT);
        assertEquals("reverted", reverted.get("status").asText());
        // rows 0 and 1 were changed (and changed back) by the upsert and its revert, row 2 by hand: kept
        assertEquals(9963 - 3, reverted.get("reverted").asInt());
        assertEquals(3, reverted.get("kept").asInt());
        assertEquals(customersBefore + 3, customers("导入" + tag));
        assertEquals("后来改的", one(usccs.get(2)).get("legal_rep").asText());
    }

    @Test
    @Order(6)
    void aDryRunSavesNothingAndCanThenBeRunForReal() throws IOException {
        List<List<String>> main = new ArrayList<>();
        main.add(MAIN_HEADER);
        List<List<String>> contacts = new ArrayList<>();
        contacts.add(CONTACT_HEADER);
        for (int i = 0; i < 5; i++) {
            String n = "检查" + tag + "客户" + i + "有限公司";
            main.add(Arrays.asList(n, Customers.uscc(), i == 4 ? "去年" : "2015-03-18", "上海市", "上海市", "企业客户", null, null));
            contacts.add(List.of(String.valueOf(i + 2), "联系人", "采购部", "经理", Customers.mobile(i)));
        }
        byte[] file = ImportSheets.workbook(new SheetData("客户", main), new SheetData("联系人", contacts));
        long id = ImportSheets.start(api.as("admin"), "customer", file, "insert", null, true).expect(202).json()
                .get("id").asLong();
        JsonNode checked = ImportSheets.awaitFinished(api.as("admin"), id, LIMIT);
        assertEquals("done", checked.get("status").asText(), checked.toString());
        assertEquals(4, checked.get("inserted").asInt(), checked.toString());
        assertEquals(1, checked.get("failed").asInt());
        assertEquals("founded_on", checked.get("errors").get(0).get("field").asText());
        assertEquals(0, customers("检查" + tag));
        api.as("admin").post("/api/imports/" + id + "/revert", Map.of()).expect(409);

        assertTrue(checked.get("dryRun").asBoolean(), checked.toString());
        long real = api.as("admin").post("/api/imports/" + id + "/run", Map.of()).expect(202).json().get("id").asLong();
        JsonNode done = ImportSheets.awaitFinished(api.as("admin"), real, LIMIT);
        assertEquals(4, done.get("inserted").asInt());
        assertEquals(4, customers("检查" + tag));
        JsonNode history = api.as("admin").get("/api/forms/customer/imports").expect(200).json();
        assertEquals(real, history.get(0).get("id").asLong(), "newest first");
        assertTrue(history.get(1).get("dryRun").asBoolean());
    }

    @Test
    @Order(7)
    void aFileThatCannotBeImportedIsRefusedWithWhy() throws IOException {
        Api.Response text = ImportSheets.start(api.as("admin"), "customer", "名称\n甲".getBytes(), null, null, false);
        text.expect(400);
        assertEquals("file", text.json().get("errors").get(0).get("field").asText());
        ImportSheets.start(api.as("admin"), "customer", new byte[]{1}, "sideways", null, false).expect(400);
        assertEquals("key", ImportSheets.start(api.as("admin"), "customer", new byte[]{1}, "upsert", "legal_rep", false)
                .expect(400).json().get("errors").get(0).get("field").asText());

        byte[] unknown = ImportSheets.workbook(new SheetData("客户", List.of(List.of("客户名称", "星座"),
                List.of("甲公司", "白羊"))));
        long id = ImportSheets.start(api.as("admin"), "customer", unknown, null, null, false).expect(202).json()
                .get("id").asLong();
        JsonNode failed = ImportSheets.awaitFinished(api.as("admin"), id, LIMIT);
        assertEquals("failed", failed.get("status").asText());
        assertTrue(failed.get("message").asText().contains("星座"), failed.toString());
    }

    @Test
    @Order(8)
    void onlyRolesThatMayImportSeeTheTemplateOrStartOne() throws IOException {
        api.as("sales1").download("/api/forms/customer/import/template").expect(403);
        byte[] file = ImportSheets.workbook(new SheetData("客户", List.of(MAIN_HEADER)));
        ImportSheets.start(api.as("sales1"), "customer", file, null, null, false).expect(403);
        api.as("sales1").get("/api/imports/" + bigImport).expect(403);
        api.as("sales1").post("/api/imports/" + bigImport + "/revert", Map.of()).expect(403);
        api.anonymous().get("/api/imports/" + bigImport).expect(401);
    }
}
