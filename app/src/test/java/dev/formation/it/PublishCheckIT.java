package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.TestDatabase;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The publish check through the API: a draft broken in every way start-up would refuse is
 * refused with each problem's kind, key, pointer and reason (in the reader's language) while the
 * published version keeps serving; validate shows per form what will run and how (INSTANT on
 * MariaDB for a new column); a step that would block writes needs {@code "offline": true}; a
 * restore does not silently throw away unpublished draft edits.
 */
class PublishCheckIT extends AppTestBase {

    private static final String METADATA = "/api/admin/metadata";
    private static final MediaType YAML = MediaType.of("application/yaml");

    @BeforeEach
    @AfterEach
    void draftAsPublished() {
        JsonNode listed = api.as("admin").get(METADATA).expect(200).json();
        listed.fields().forEachRemaining(kind -> kind.getValue().forEach(row -> {
            if (!row.get("draftDiffers").asBoolean()) {
                return;
            }
            String path = METADATA + "/" + kind.getKey() + "/" + row.get("key").asText();
            JsonNode tenant = api.as("admin").get(path).expect(200).json().get("tenant");
            if (tenant == null || tenant.isNull()) {
                api.as("admin").delete(path).expect(204);
            } else {
                api.as("admin").send(HttpMethod.PUT, path, MediaType.APPLICATION_JSON_TYPE, tenant.toString()).expect(204);
            }
        }));
    }

    private void putDraft(String kind, String key, String yaml) {
        api.as("admin").send(HttpMethod.PUT, METADATA + "/" + kind + "/" + key, YAML, yaml).expect(204);
    }

    /** As an import or an older version could have left it: PUT itself refuses a definition that breaks its meta-schema. */
    private void writeDraftRow(String kind, String key, String yaml) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO tenant_metadata_drafts"
                + " (kind, doc_key, content, author, changed_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, kind);
            ps.setString(2, key);
            ps.setString(3, yaml);
            ps.setString(4, "admin");
            ps.setTimestamp(5, Timestamp.valueOf(LocalDateTime.of(2026, 1, 2, 3, 4, 5)));
            ps.executeUpdate();
        }
    }

    private static JsonNode problem(JsonNode errors, String code, String kind, String key) {
        for (JsonNode e : errors) {
            if (code.equals(e.get("code").asText()) && kind.equals(e.get("kind").asText())
                    && key.equals(e.get("key").asText())) {
                return e;
            }
        }
        throw new AssertionError("no " + code + " problem for " + kind + "/" + key + " in " + errors);
    }

    private static JsonNode planOf(JsonNode plan, String form) {
        for (JsonNode entry : plan) {
            if (form.equals(entry.get("form").asText())) {
                return entry;
            }
        }
        throw new AssertionError("no plan for " + form + ": " + plan);
    }

    private static JsonNode step(JsonNode formPlan, String change, String column) {
        for (JsonNode s : formPlan.get("steps")) {
            if (change.equals(s.get("change").asText()) && (column == null || s.has("column")
                    && column.equals(s.get("column").asText()))) {
                return s;
            }
        }
        throw new AssertionError("no " + change + " " + column + " in " + formPlan);
    }

    private static String wideForm() {
        StringBuilder yaml = new StringBuilder("kind: form\nkey: wide_board\nlabel: {zh-CN: 宽表, en: Wide board}\nfields:\n");
        for (int i = 0; i < 60; i++) {
            yaml.append("  - {key: code_").append(i).append(", type: text, unique: true, maxLength: 255, label: {zh-CN: 编码")
                    .append(i).append(", en: Code ").append(i).append("}}\n");
        }
        return yaml.toString();
    }

    @Test
    void aDraftBrokenInEveryWayIsRefusedWithEachProblemAndThePublishedVersionKeepsServing() throws SQLException {
        Map<String, Object> holding = Customers.valid(Customers.uniqueName("法人有值"));
        holding.put("legal_rep", "王五");
        create(holding);
        String formBefore = api.as("sales1").get("/api/forms/customer").expect(200).body();
        int versionsBefore = api.as("admin").get(METADATA + "/versions").expect(200).json().size();

        api.as("admin").send(HttpMethod.PUT, METADATA + "/form/gizmo", YAML,
                "kind: form\nkey: gizmo\nlabel: {zh-CN: 小工具, en: Gizmo}\nfields:\n  - {key: shine, type: hologram, label: {zh-CN: 全息, en: Hologram}}\n")
                .expect(400);
        writeDraftRow("form", "gizmo",
                "kind: form\nkey: gizmo\nlabel: {zh-CN: 小工具, en: Gizmo}\nfields:\n  - {key: shine, type: hologram, label: {zh-CN: 全息, en: Hologram}}\n");
        putDraft("form", "customer", "fields:\n  - key: legal_rep\n    type: integer\n"
                + "rules:\n  - key: twice_the_name\n    field: name\n    assert: \"name * 2 > 1\"\n"
                + "    message: {zh-CN: 不成立, en: Does not hold}\n");
        putDraft("form", "visit", "fields:\n  - {key: partner_ref, type: reference, form: no_such_form,"
                + " label: {zh-CN: 伙伴, en: Partner}}\n");
        putDraft("menu", "targets", "items:\n  - {key: ghost, label: {zh-CN: 幽灵, en: Ghost}, form: no_such_menu_form}\n");
        putDraft("report", "customer_info_query", "presentation:\n  template: no_such_template.jrxml\n");
        putDraft("form", "wide_board", wideForm());
        putDraft("flow", "customer_release", "form: no_such_flow_form\n");

        JsonNode refused = api.as("admin").post(METADATA + "/publish", Map.of("comment", "坏的")).expect(422).json();
        JsonNode errors = refused.get("errors");
        assertTrue(errors.size() >= 5, refused.toString());
        for (JsonNode e : errors) {
            for (String member : List.of("kind", "key", "pointer", "code", "reason")) {
                assertTrue(e.hasNonNull(member) && !e.get(member).asText().isBlank(), member + " of " + e);
            }
            assertTrue(e.get("pointer").asText().startsWith("/"), e.toString());
        }
        JsonNode unknown = problem(errors, "unknownType", "form", "gizmo");
        assertTrue(unknown.get("pointer").asText().startsWith("/fields/0/type"), unknown.toString());
        assertEquals("未知的字段类型“hologram”", unknown.get("reason").asText());
        JsonNode expression = problem(errors, "expression", "form", "customer");
        assertTrue(expression.get("pointer").asText().matches("/rules/\\d+/assert"), expression.toString());
        assertTrue(expression.get("reason").asText().startsWith("表达式无法通过检查"), expression.toString());
        JsonNode missing = problem(errors, "missingForm", "form", "visit");
        assertTrue(missing.get("pointer").asText().matches("/fields/\\d+/form"), missing.toString());
        assertEquals("引用的表单“no_such_form”不存在", missing.get("reason").asText());
        assertTrue(problem(errors, "missingForm", "menu", "targets").get("pointer").asText().matches("/items/\\d+/form"));
        assertEquals("/form", problem(errors, "missingForm", "flow", "customer_release").get("pointer").asText());
        assertEquals("/presentation/template",
                problem(errors, "missingTemplate", "report", "customer_info_query").get("pointer").asText());
        JsonNode retype = problem(errors, "retype", "form", "customer");
        assertTrue(retype.get("pointer").asText().matches("/fields/\\d+/type"), retype.toString());
        assertTrue(retype.get("reason").asText().startsWith("字段“legal_rep”的类型不能从文本改为整数：已有 "), retype.toString());
        assertEquals("/fields", problem(errors, "rowBudget", "form", "wide_board").get("pointer").asText());

        JsonNode english = api.as("admin").english().post(METADATA + "/publish", Map.of()).expect(422).json();
        assertEquals("No form named 'no_such_form'", problem(english.get("errors"), "missingForm", "form", "visit")
                .get("reason").asText());
        assertTrue(problem(english.get("errors"), "retype", "form", "customer").get("reason").asText()
                .startsWith("The type of field 'legal_rep' cannot change from text to integer"), english.toString());

        JsonNode validated = api.as("admin").post(METADATA + "/validate", Map.of()).expect(200).json();
        assertFalse(validated.get("valid").asBoolean());
        assertEquals(errors.size(), validated.get("errors").size(), validated.toString());

        assertEquals(formBefore, api.as("sales1").get("/api/forms/customer").expect(200).body(), "the published form");
        api.as("sales1").post(RECORDS, Customers.valid(Customers.uniqueName("照常录入"))).expect(201);
        api.as("sales1").get("/api/forms/wide_board").expect(404);
        assertFalse(db.columns("f_customer").isEmpty());
        assertEquals(versionsBefore, api.as("admin").get(METADATA + "/versions").expect(200).json().size());
    }

    @Test
    void validateShowsThePlanAndHowEachStepRunsThenPublishRunsIt() {
        create(Customers.valid(Customers.uniqueName("计划")));
        putDraft("form", "customer", "fields:\n"
                + "  - {key: plan_note, type: text, maxLength: 64, label: {zh-CN: 计划备注, en: Plan note}}\n"
                + "  - {key: plan_tag, type: text, maxLength: 32, index: true, label: {zh-CN: 计划标签, en: Plan tag}}\n");
        putDraft("form", "visit", "fields:\n  - {key: companions, $remove: true}\n");
        putDraft("form", "plan_board", "kind: form\nkey: plan_board\nlabel: {zh-CN: 计划板, en: Plan board}\nfields:\n"
                + "  - {key: title, type: text, maxLength: 80, label: {zh-CN: 标题, en: Title}}\n");

        JsonNode validated = api.as("admin").post(METADATA + "/validate", Map.of()).expect(200).json();
        assertTrue(validated.get("valid").asBoolean(), validated.toString());
        assertTrue(validated.get("online").asBoolean(), validated.toString());
        JsonNode customer = planOf(validated.get("plan"), "customer");
        assertTrue(customer.get("rows").asLong() >= 1, customer.toString());
        JsonNode column = step(customer, "add column", "plan_note");
        assertEquals("f_customer", column.get("table").asText());
        assertNotNull(column.get("sqlType"), column.toString());
        assertTrue(column.get("online").asBoolean(), column.toString());
        assertEquals(TestDatabase.isMariaDb() ? "INSTANT" : "PLAIN", column.get("method").asText(), column.toString());
        JsonNode index = step(customer, "add index", "plan_tag");
        assertTrue(index.get("online").asBoolean(), index.toString());
        assertEquals(TestDatabase.isMariaDb() ? "INPLACE" : "PLAIN", index.get("method").asText(), index.toString());
        assertEquals("[\"companions\"]", planOf(validated.get("plan"), "visit").get("hiddenFields").toString());
        JsonNode board = planOf(validated.get("plan"), "plan_board");
        assertEquals("create table", board.get("steps").get(0).get("change").asText(), board.toString());
        assertFalse(db.columns("f_customer").contains("plan_note"), "validate changes nothing");

        JsonNode published = api.as("admin").post(METADATA + "/publish", Map.of("comment", "计划")).expect(200).json();
        assertNotNull(published.get("version"), published.toString());
        assertTrue(planOf(published.get("plan"), "customer").toString().contains("plan_note"), published.toString());
        JsonNode ran = null;
        for (JsonNode a : published.get("applied")) {
            if ("add column".equals(a.get("change").asText()) && "plan_note".equals(a.path("column").asText())) {
                ran = a;
            }
        }
        assertNotNull(ran, published.toString());
        assertEquals(TestDatabase.isMariaDb() ? "INSTANT" : "PLAIN", ran.get("method").asText(), "the way it ran: " + ran);
        assertTrue(db.columns("f_customer").containsAll(List.of("plan_note", "plan_tag")), db.columns("f_customer").toString());
        assertTrue(db.columns("f_visit").contains("companions"), "a hidden field keeps its column");
        assertTrue(db.columns("f_plan_board").contains("title"));
        Map<String, Object> input = Customers.valid(Customers.uniqueName("计划之后"));
        input.put("plan_note", "在线加列");
        JsonNode created = api.as("sales1").post(RECORDS, input).expect(201).json();
        assertEquals("在线加列", read(created.get("id").asLong()).get("plan_note").asText());
    }

    @Test
    void aStepThatWouldBlockWritesNeedsOfflineAndAnEmptyColumnMayChangeType() {
        putDraft("form", "customer", "fields:\n"
                + "  - {key: spare_code, type: text, maxLength: 20, label: {zh-CN: 备用编码, en: Spare code}}\n");
        api.as("admin").post(METADATA + "/publish", Map.of("comment", "备用")).expect(200);
        create(Customers.valid(Customers.uniqueName("空列")));

        putDraft("form", "customer", "fields:\n"
                + "  - {key: spare_code, type: integer, label: {zh-CN: 备用编码, en: Spare code}}\n");
        JsonNode validated = api.as("admin").post(METADATA + "/validate", Map.of()).expect(200).json();
        assertTrue(validated.get("valid").asBoolean(), validated.toString());
        assertFalse(validated.get("online").asBoolean(), validated.toString());
        JsonNode change = step(planOf(validated.get("plan"), "customer"), "change type", "spare_code");
        assertFalse(change.get("online").asBoolean(), change.toString());
        assertTrue(change.get("why").asText().contains("copies the table"), change.toString());

        JsonNode refused = api.as("admin").post(METADATA + "/publish", Map.of("comment", "改类型")).expect(409).json();
        assertEquals("部分变更无法在系统运行时在线执行", refused.get("title").asText(), refused.toString());
        assertTrue(refused.get("plan").toString().contains("spare_code"), refused.toString());
        api.as("admin").post(METADATA + "/publish", Map.of("comment", "改类型", "offline", true)).expect(200);
        Map<String, Object> input = Customers.valid(Customers.uniqueName("整数编码"));
        input.put("spare_code", 42);
        JsonNode created = api.as("sales1").post(RECORDS, input).expect(201).json();
        assertEquals(42, read(created.get("id").asLong()).get("spare_code").asInt());
    }

    @Test
    void aRestoreDoesNotThrowAwayUnpublishedDraftEdits() {
        putDraft("form", "customer", "fields:\n  - {key: name, label: {zh-CN: 客户全称, en: Full name}}\n");
        int version = api.as("admin").post(METADATA + "/publish", Map.of("comment", "改名")).expect(200).json()
                .get("version").asInt();
        putDraft("form", "visit", "fields:\n  - {key: restore_probe, type: text, label: {zh-CN: 探针, en: Probe}}\n");

        JsonNode refused = api.as("admin").post(METADATA + "/versions/" + version + "/restore", Map.of()).expect(409).json();
        List<String> named = new ArrayList<>();
        refused.get("definitions").forEach(d -> named.add(d.asText()));
        assertEquals(List.of("form/visit"), named, refused.toString());
        assertTrue(refused.get("detail").asText().contains("form/visit"), refused.toString());
        assertTrue(api.as("admin").get(METADATA + "/form/visit").expect(200).json().get("draft").toString()
                .contains("restore_probe"), "the draft edit is kept");

        JsonNode restored = api.as("admin").post(METADATA + "/versions/" + version + "/restore",
                Map.of("discardDraft", true)).expect(200).json();
        assertEquals(version + 1, restored.get("version").asInt(), restored.toString());
        JsonNode visit = api.as("admin").get(METADATA + "/form/visit").expect(200).json();
        assertFalse(visit.get("draft") != null && visit.get("draft").toString().contains("restore_probe"), visit.toString());
    }
}
