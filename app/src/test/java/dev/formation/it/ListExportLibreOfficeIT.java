package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.CsvTable;
import dev.formation.testing.Exports;
import dev.formation.testing.ExportedCustomers;
import dev.formation.testing.LibreOffice;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LibreOffice opens the customers' XLSX export as its users would: every credit code exactly as
 * stored (an all-digit one too, never 9.11E+17), selects as their labels, dates as dates, and the
 * contacts on their own sheet. The test converts each sheet to CSV with headless LibreOffice and
 * compares it with the records the API returns.
 */
class ListExportLibreOfficeIT extends AppTestBase {

    private static final Map<String, String> STATUS_LABELS = Map.of("draft", "新建", "pending", "审批中",
            "active", "正常", "inactive", "失效");

    @Test
    void libreOfficeReadsEveryCreditCodeTheLabelsAndTheContacts() throws Exception {
        List<String> names = new ArrayList<>();
        Map<String, String> codes = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            String name = Customers.uniqueName("办公导出");
            String uscc = ExportedCustomers.digitsOnlyUscc(System.nanoTime() % 1_000_000_000L + i * 1_000L);
            assertTrue(uscc.chars().allMatch(Character::isDigit), uscc);
            ExportedCustomers.create(api, "sales1", name, uscc);
            names.add(name);
            codes.put(name, uscc);
        }
        Map<Long, JsonNode> records = new HashMap<>();
        for (int page = 1; ; page++) {
            JsonNode list = api.as("admin").get(RECORDS + "?size=200&page=" + page).expect(200).json();
            list.get("items").forEach(r -> records.put(r.get("id").asLong(), r));
            if (list.get("items").size() < 200) {
                break;
            }
        }

        Exports.Download xlsx = new Exports(app, api).download("admin", RECORDS + "/export?format=xlsx");
        assertEquals(200, xlsx.status(), xlsx.text());
        Map<String, CsvTable> sheets = LibreOffice.sheets(xlsx.body(), List.of("客户", "联系人"));

        CsvTable customers = sheets.get("客户");
        List<String> header = customers.header();
        int id = header.indexOf("ID");
        int uscc = header.indexOf("统一社会信用代码");
        int status = header.indexOf("状态");
        int name = header.indexOf("客户名称");
        int founded = header.indexOf("成立日期");
        assertTrue(id >= 0 && uscc >= 0 && status >= 0 && name >= 0 && founded >= 0, header.toString());
        assertEquals(records.size(), customers.size(), "one line per customer the admin may export");
        Map<String, Long> idsByName = new HashMap<>();
        for (List<String> row : customers.rows()) {
            JsonNode record = records.get(Long.valueOf(row.get(id)));
            assertNotNull(record, "exported id " + row.get(id));
            String stored = record.path("uscc").isNull() ? "" : record.path("uscc").asText("");
            assertEquals(stored, row.get(uscc), "the credit code of " + row.get(name) + " is intact");
            assertEquals(STATUS_LABELS.get(record.get("status").asText()), row.get(status), "status label");
            idsByName.put(row.get(name), Long.valueOf(row.get(id)));
        }
        for (String made : names) {
            List<String> row = customers.rows().stream().filter(r -> r.get(name).equals(made)).findFirst().orElseThrow();
            assertEquals(codes.get(made), row.get(uscc), "all-digit code as text");
            assertEquals("2015-03-18", row.get(founded));
            assertEquals("新建", row.get(status));
            assertEquals("制造业", row.get(header.indexOf("工商注册行业")));
        }

        CsvTable contacts = sheets.get("联系人");
        assertEquals(List.of("ID", "客户编码", "客户名称", "姓名"), contacts.header().subList(0, 4));
        int mobile = contacts.header().indexOf("手机");
        for (String made : names) {
            String parent = String.valueOf(idsByName.get(made));
            List<List<String>> rows = contacts.rows().stream().filter(r -> r.get(0).equals(parent)).toList();
            assertEquals(2, rows.size(), made + ": " + rows);
            assertEquals(List.of("林晓峰", "=陈静"), rows.stream().map(r -> r.get(3)).toList());
            assertEquals("13905918888", rows.get(0).get(mobile));
            assertTrue(rows.stream().allMatch(r -> r.get(2).equals(made)));
        }
    }
}
