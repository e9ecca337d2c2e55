package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live metadata through the API only: a field added to the tenant's draft and published is
 * served, stored and read back at once, without a restart; a broken draft is refused with each
 * problem's kind, key, pointer and reason while the published snapshot keeps serving.
 */
class LiveMetadataIT extends AppTestBase {

    private static final String METADATA = "/api/admin/metadata";
    private static final MediaType YAML = MediaType.of("application/yaml");
    private static final String WECHAT = "fields:\n  - key: wechat\n    type: text\n"
            + "    label: {zh-CN: 微信, en: WeChat}\n    section: basic\n    maxLength: 64\n";

    private static boolean hasField(JsonNode form, String key) {
        for (JsonNode field : form.get("fields")) {
            if (key.equals(field.get("key").asText())) {
                return true;
            }
        }
        return false;
    }

    private void putDraft(String kind, String key, String yaml, int status) {
        api.as("admin").send(HttpMethod.PUT, METADATA + "/" + kind + "/" + key, YAML, yaml).expect(status);
    }

    @Test
    void aPublishedFieldIsLiveAtOnceAndABrokenDraftIsRefused() {
        JsonNode before = create(Customers.valid(Customers.uniqueName("发布之前")));
        assertFalse(hasField(api.as("admin").get("/api/forms/customer").expect(200).json(), "wechat"));

        putDraft("form", "customer", WECHAT, 204);
        JsonNode listed = api.as("admin").get(METADATA).expect(200).json();
        JsonNode customer = null;
        for (JsonNode row : listed.get("form")) {
            if ("customer".equals(row.get("key").asText())) {
                customer = row;
            }
        }
        assertTrue(customer != null && customer.get("draftDiffers").asBoolean(), listed.toString());
        JsonNode validated = api.as("admin").post(METADATA + "/validate", Map.of()).expect(200).json();
        assertTrue(validated.get("valid").asBoolean(), validated.toString());
        assertTrue(validated.get("plan").toString().contains("wechat"), validated.toString());

        JsonNode published = api.as("admin").post(METADATA + "/publish", Map.of("comment", "微信")).expect(200).json();
        assertEquals(1, published.get("version").asInt(), published.toString());
        assertTrue(hasField(api.as("sales1").get("/api/forms/customer").expect(200).json(), "wechat"));
        assertTrue(db.columns("f_customer").contains("wechat"), "the column exists: " + db.columns("f_customer"));

        Map<String, Object> input = Customers.valid(Customers.uniqueName("发布之后"));
        input.put("wechat", "wx_formation");
        JsonNode created = api.as("sales1").post(RECORDS, input).expect(201).json();
        assertEquals("wx_formation", read(created.get("id").asLong()).get("wechat").asText());
        JsonNode old = read(before.get("id").asLong());
        assertEquals(before.get("name"), old.get("name"));
        assertTrue(old.get("wechat") == null || old.get("wechat").isNull(), old.toString());

        JsonNode definition = api.as("admin").get(METADATA + "/form/customer").expect(200).json();
        assertFalse(hasField(definition.get("shipped"), "wechat"));
        assertTrue(hasField(definition.get("merged"), "wechat"));
        assertEquals(1, api.as("admin").get(METADATA + "/versions").expect(200).json().size());

        JsonNode badType = api.as("admin").send(HttpMethod.PUT, METADATA + "/form/customer", MediaType.APPLICATION_JSON_TYPE,
                "{\"fields\": [{\"key\": \"hologram\", \"type\": \"hologram\", \"label\": {\"en\": \"Hologram\"}}]}")
                .expect(400).json();
        assertTrue(badType.get("errors").get(0).get("field").asText().startsWith("/fields/"), badType.toString());
        putDraft("form", "visit", "fields:\n  - key: customer\n    form: no_such_form\n", 204);
        JsonNode refused = api.as("admin").post(METADATA + "/publish", Map.of("comment", "坏的")).expect(422).json();
        JsonNode problem = refused.get("errors").get(0);
        assertEquals("form", problem.get("kind").asText(), refused.toString());
        assertEquals("visit", problem.get("key").asText(), refused.toString());
        assertTrue(problem.get("pointer").asText().startsWith("/fields/"), refused.toString());
        assertTrue(problem.get("reason").asText().contains("no_such_form"), refused.toString());
        assertTrue(hasField(api.as("sales1").get("/api/forms/customer").expect(200).json(), "wechat"));
        api.as("sales1").get("/api/forms/visit").expect(200);
        api.as("admin").delete(METADATA + "/form/visit").expect(204);
        assertEquals(1, api.as("admin").get(METADATA + "/versions").expect(200).json().size());

        api.as("sales1").send(HttpMethod.PUT, METADATA + "/form/customer", YAML, WECHAT).expect(403);
        api.as("sales1").get(METADATA).expect(403);

        JsonNode first = api.as("admin").get(METADATA + "/versions/1").expect(200).json();
        assertEquals("customer", first.get("definitions").get(0).get("key").asText(), first.toString());
        api.as("admin").get(METADATA + "/versions/9").expect(404);
        api.as("sales1").post(METADATA + "/versions/1/restore", null).expect(403);
        JsonNode restored = api.as("admin").post(METADATA + "/versions/1/restore", null).expect(200).json();
        assertEquals(2, restored.get("version").asInt(), restored.toString());
        assertTrue(hasField(api.as("sales1").get("/api/forms/customer").expect(200).json(), "wechat"));
    }
}
