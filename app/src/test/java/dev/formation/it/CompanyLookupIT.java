package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.FormationApp;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The company lookup over HTTP: the demo's registry answers by name and by credit code; an
 * administrator loads another file (XLSX), which a second node answers from at once; a bad file
 * is refused naming each row and column in the user's language and changes nothing; only
 * administrators see or load the registry, and every load is audited.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CompanyLookupIT extends AppTestBase {

    private static final String LOOKUP = "/api/lookup/company?q=";
    private static final String REGISTRY = "/api/admin/company-registry";

    private List<String> names(Api.Call as, String q) {
        List<String> names = new ArrayList<>();
        as.get(LOOKUP + Customers.encode(q)).expect(200).json().forEach(c -> names.add(c.get("name").asText()));
        return names;
    }

    private Api.Response load(Api.Call as, String fileName, byte[] content) {
        return as.send(HttpMethod.PUT, REGISTRY, MediaType.MULTIPART_FORM_DATA_TYPE, MultipartBody.builder()
                .addPart("file", fileName, MediaType.APPLICATION_OCTET_STREAM_TYPE, content).build());
    }

    @Test
    @Order(1)
    void theDemoRegistryAnswersByNameAndByCreditCode() {
        JsonNode status = api.as("admin").get(REGISTRY).expect(200).json();
        assertTrue(status.get("loaded").asBoolean(), status.toString());
        assertEquals("company_registry.csv", status.get("fileName").asText());
        assertEquals(40, status.get("companies").asInt());

        JsonNode found = api.as("sales1").get(LOOKUP + Customers.encode("闽江科技")).expect(200).json();
        assertEquals(1, found.size(), found.toString());
        JsonNode c = found.get(0);
        assertEquals("福州闽江科技股份有限公司", c.get("name").asText());
        assertEquals("9135010219NQLGY78B", c.get("creditCode").asText());
        assertEquals("周强", c.get("legalRepresentative").asText());
        assertEquals("2006-12-09", c.get("foundedOn").asText());
        assertEquals("I65", c.get("industryCode").asText());
        assertEquals("福建省福州市鼓楼区五四路231号", c.get("address").asText());
        assertEquals("存续", c.get("status").asText());

        assertEquals(List.of("福州闽江科技股份有限公司"), names(api.as("sales1"), "9135010219"));
        assertTrue(names(api.as("sales1"), "福州").size() > 1);
        assertEquals(List.of(), names(api.as("sales1"), "不存在的企业"));
        assertEquals(List.of(), names(api.as("sales1"), ""));
        assertEquals(3, api.as("sales1").get(LOOKUP + Customers.encode("有限公司") + "&limit=3").expect(200).json().size());
        api.anonymous().get(LOOKUP + "abc").expect(401);
    }

    @Test
    @Order(2)
    void onlyAdministratorsSeeOrLoadTheRegistry() {
        api.as("sales1").get(REGISTRY).expect(403);
        load(api.as("sales1"), "x.csv", "企业名称\n某某有限公司\n".getBytes(StandardCharsets.UTF_8)).expect(403);
        api.as("sales1").get("/admin/company-registry").expect(403);
        assertEquals(40, api.as("admin").get(REGISTRY).expect(200).json().get("companies").asInt());
    }

    @Test
    @Order(3)
    void aBadFileIsRefusedRowByRowInTheUsersLanguageAndChangesNothing() {
        byte[] bad = ("企业名称,统一社会信用代码,成立日期\n"
                + "甲有限公司,9135010219NQLGY78A,2001-01-01\n"
                + ",,\n"
                + ",91350102MA2XN0QK4B,\n"
                + "乙有限公司,91350102MA2XN0QK4B,2001-02-30\n").getBytes(StandardCharsets.UTF_8);
        JsonNode zh = load(api.as("admin"), "bad.csv", bad).expect(400).json();
        List<String> errors = new ArrayList<>();
        zh.get("errors").forEach(e -> errors.add(e.get("row").asInt() + "|" + e.get("field").asText() + "|"
                + e.get("message").asText()));
        assertEquals(List.of("2|统一社会信用代码|统一社会信用代码校验位不正确", "4|企业名称|企业名称不能为空",
                "5|统一社会信用代码|统一社会信用代码与第4行重复"), errors.subList(0, 3), errors.toString());
        assertTrue(errors.get(3).startsWith("5|成立日期|成立日期“2001-02-30”无法识别"), errors.toString());
        assertEquals(4, errors.size(), errors.toString());
        JsonNode en = load(api.as("admin").english(), "bad.csv", bad).expect(400).json();
        assertTrue(en.get("errors").get(0).get("message").asText().startsWith("The check character"), en.toString());

        JsonNode wrongType = load(api.as("admin"), "registry.txt", "x".getBytes(StandardCharsets.UTF_8)).expect(400).json();
        assertEquals("file", wrongType.get("errors").get(0).get("field").asText(), wrongType.toString());
        assertFalse(wrongType.toString().contains("Exception"), wrongType.toString());

        JsonNode status = api.as("admin").get(REGISTRY).expect(200).json();
        assertEquals("company_registry.csv", status.get("fileName").asText());
        assertEquals(List.of("福州闽江科技股份有限公司"), names(api.as("sales1"), "闽江科技"));
    }

    @Test
    @Order(4)
    void aLoadedXlsxReplacesTheRegistryOnEveryNodeAndIsAudited() throws IOException {
        Path second = tempDir.resolve("data-second-node");
        try (FormationApp other = FormationApp.start(db, second, Map.of())) {
            Api otherApi = other.api();
            // the other node has read the demo's registry before the new one comes
            assertEquals(List.of("福州闽江科技股份有限公司"), names(otherApi.as("sales2"), "闽江科技"));

            JsonNode loaded = load(api.as("admin"), "名录.xlsx", xlsx()).expect(200).json();
            assertEquals("名录.xlsx", loaded.get("fileName").asText());
            assertEquals(2, loaded.get("companies").asInt());
            assertEquals("admin", loaded.get("loadedBy").asText());

            assertEquals(List.of("杭州西溪数智科技有限公司"), names(api.as("sales1"), "西溪"));
            assertEquals(List.of("杭州西溪数智科技有限公司"), names(otherApi.as("sales2"), "西溪"),
                    "the other node answers from the new file at once");
            assertEquals(List.of(), names(otherApi.as("sales2"), "闽江科技"), "the old file is gone there too");
            JsonNode c = otherApi.as("sales2").get(LOOKUP + Customers.encode("913301")).expect(200).json().get(0);
            assertEquals("2015-03-18", c.get("foundedOn").asText());
            assertEquals("I", c.get("industryCode").asText());
        } finally {
            dev.formation.testing.TestDatabase.deleteTree(second);
        }
        JsonNode log = api.as("admin").get("/api/audit?user=admin").expect(200).json();
        boolean audited = false;
        for (JsonNode e : log.get("items")) {
            audited |= e.get("action").asText().equals("load_company_registry") && e.toString().contains("名录.xlsx");
        }
        assertTrue(audited, log.toString());
    }

    private static byte[] xlsx() throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("企业");
            String[][] rows = {
                    {"name", "credit_code", "legal_representative", "founded_on", "industry", "address", "status"},
                    {"杭州西溪数智科技有限公司", "91330106MA2H0X5K10", "钱海", "2015-03-18", "I 信息传输、软件和信息技术服务业",
                            "浙江省杭州市西湖区文三路90号", "存续"},
                    {"宁波港湾物流有限公司", "", "孔亮", "", "G54 道路运输业", "浙江省宁波市北仑区", "在业"}};
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (!rows[r][c].isEmpty()) {
                        row.createCell(c).setCellValue(rows[r][c]);
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }
}
