package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.Customers;
import dev.formation.testing.FormationApp;
import dev.formation.testing.Resources;
import dev.formation.testing.TestDatabase;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import static dev.formation.it.CustomerCreateIT.assertProblem400;
import static dev.formation.it.CustomerCreateIT.errorFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tenant overlay adds a field to a form that already has records: restarting with it adds the
 * column, keeps every record as it was, and the new field is described, written and read back.
 * Restarting without the overlay again keeps the column and its data. A layer published through
 * the metadata API is compiled again at the next start-up, merged last.
 */
class SchemaEvolutionIT {

    private static final String RECORDS = "/api/forms/customer/records";

    private Path tempDir;
    private TestDatabase db;
    private Path dataDir;

    @BeforeEach
    void freshDatabase() throws Exception {
        tempDir = Files.createTempDirectory("formation-evolution-");
        db = TestDatabase.create(tempDir);
        dataDir = tempDir.resolve("data");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
        TestDatabase.deleteTree(tempDir);
    }

    /**
     * A money field given more decimal places: its column grows to hold them and the integer
     * digits it had, so a value the validator accepts is stored exactly, not rounded.
     */
    @Test
    void aFieldGivenMoreDecimalPlacesWidensItsColumn() throws Exception {
        String reports = "/api/forms/daily_report/records";
        Map<String, Object> report = Map.of("summary", "拜访两家客户", "plan", "跟进报价", "deal_amount",
                new java.math.BigDecimal("1234567890123.45"));
        long id;
        try (FormationApp app = FormationApp.start(db, dataDir, Map.of())) {
            id = app.api().as("sales1").post(reports, report).expect(201).json().get("id").asLong();
        }
        Path overlay = Resources.folder("overlays/money-scale");
        try (FormationApp app = FormationApp.start(db, dataDir, Map.of("formation.metadata-dir", overlay.toString()))) {
            Api api = app.api();
            assertEquals(new java.math.BigDecimal("1234567890123.45"),
                    api.as("sales1").get(reports + "/" + id).expect(200).json().get("deal_amount").decimalValue()
                            .stripTrailingZeros(), "the stored value keeps its integer digits");
            JsonNode exact = api.as("sales1").post(reports, Map.of("summary", "报价", "plan", "签约",
                    "deal_amount", new java.math.BigDecimal("12.3456"))).expect(201).json();
            assertEquals(new java.math.BigDecimal("12.3456"), api.as("sales1")
                    .get(reports + "/" + exact.get("id").asLong()).expect(200).json().get("deal_amount").decimalValue());
        }
    }

    @Test
    void anOverlayFieldIsAddedAndOldRecordsSurvive() throws Exception {
        String name = Customers.uniqueName("演进");
        Map<String, Object> input = Customers.valid(name);
        input.put("uscc", Customers.uscc());
        input.put("legal_rep", "周平");
        long id;
        JsonNode before;
        try (FormationApp app = FormationApp.start(db, dataDir, Map.of())) {
            before = app.api().as("admin").post(RECORDS, input).expect(201).json();
            id = before.get("id").asLong();
            assertFalse(describedFields(app.api()).has("wechat"));
        }
        assertFalse(columns().contains("wechat"), "no column before the overlay");

        Path overlay = Resources.folder("overlays/wechat");
        try (FormationApp app = FormationApp.start(db, dataDir, Map.of("formation.metadata-dir", overlay.toString()))) {
            Api.Call admin = app.api().as("admin");
            assertTrue(columns().contains("wechat"), "the column was added: " + columns());

            JsonNode after = admin.get(RECORDS + "/" + id).expect(200).json();
            for (Iterator<Map.Entry<String, JsonNode>> it = before.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                assertEquals(field.getValue(), after.get(field.getKey()), "unchanged: " + field.getKey());
            }
            assertTrue(after.get("wechat").isNull(), "the old record has no value for the new field: " + after);

            JsonNode wechat = describedFields(app.api()).get("wechat");
            assertEquals("text", wechat.get("type").asText());
            assertEquals("WeChat", wechat.get("label").get("en").asText());
            assertEquals("微信", wechat.get("label").get("zh-CN").asText());
            assertEquals(50, wechat.get("maxLength").asInt());
            JsonNode schema = admin.get("/api/forms/customer/schema").expect(200).json();
            assertTrue(schema.get("properties").has("wechat"), "the JSON Schema knows the field");
            assertTrue(describedFields(app.api()).has("contacts"), "the shipped fields are still there");

            JsonNode patched = admin.patch(RECORDS + "/" + id, Map.of("version", 1, "wechat", "zhou_ping_88"))
                    .expect(200).json();
            assertEquals("zhou_ping_88", patched.get("wechat").asText());
            assertEquals("zhou_ping_88", admin.get(RECORDS + "/" + id).expect(200).json().get("wechat").asText());

            Map<String, Object> fresh = Customers.valid(Customers.uniqueName("微信"));
            fresh.put("wechat", "wx-new-customer");
            JsonNode created = admin.post(RECORDS, fresh).expect(201).json();
            assertEquals("wx-new-customer", admin.get(RECORDS + "/" + created.get("id").asLong()).expect(200).json()
                    .get("wechat").asText());

            Map<String, Object> tooLong = Customers.valid(Customers.uniqueName("微信长"));
            tooLong.put("wechat", "w".repeat(51));
            var refused = admin.post(RECORDS, tooLong);
            assertProblem400(refused);
            assertEquals(java.util.List.of("wechat"), errorFields(refused));
        }

        try (FormationApp app = FormationApp.start(db, dataDir, Map.of())) {
            JsonNode without = app.api().as("admin").get(RECORDS + "/" + id).expect(200).json();
            assertEquals(name, without.get("name").asText(), "the record is still there without the overlay");
            assertFalse(without.has("wechat"), "the field is gone from the form");
            assertTrue(columns().contains("wechat"), "removing a field never drops its column");
            assertEquals("zhou_ping_88", wechatInDatabase(id), "nor its data");
        }
    }

    @Test
    void aPublishedLayerIsCompiledAgainAtStartUp() {
        long id;
        try (FormationApp app = FormationApp.start(db, dataDir, Map.of())) {
            Api.Call admin = app.api().as("admin");
            admin.send(HttpMethod.PUT, "/api/admin/metadata/form/customer", MediaType.of("application/yaml"),
                    "fields:\n  - key: wechat\n    type: text\n    label: {zh-CN: 微信, en: WeChat}\n").expect(204);
            admin.post("/api/admin/metadata/publish", Map.of("comment", "微信")).expect(200);
            Map<String, Object> input = Customers.valid(Customers.uniqueName("重启"));
            input.put("wechat", "wx_restart");
            id = app.api().as("sales1").post(RECORDS, input).expect(201).json().get("id").asLong();
        }
        try (FormationApp app = FormationApp.start(db, dataDir, Map.of())) {
            JsonNode described = app.api().as("sales1").get("/api/forms/customer").expect(200).json().get("fields");
            assertTrue(described.findValuesAsText("key").contains("wechat"), "the published field after a restart");
            assertEquals("wx_restart", app.api().as("admin").get(RECORDS + "/" + id).expect(200).json()
                    .get("wechat").asText());
        }
    }

    private static JsonNode describedFields(Api api) {
        JsonNode fields = api.as("admin").get("/api/forms/customer").expect(200).json().get("fields");
        var byKey = Api.JSON.createObjectNode();
        fields.forEach(f -> byKey.set(f.get("key").asText(), f));
        return byKey;
    }

    private java.util.List<String> columns() {
        return db.columns("f_customer");
    }

    private String wechatInDatabase(long id) {
        return db.queryString("SELECT wechat FROM f_customer WHERE id = ?", id);
    }
}
