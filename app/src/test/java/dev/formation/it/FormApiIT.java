package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/forms and GET /api/forms/{form}: what a client needs to draw and pre-check a form. */
class FormApiIT extends AppTestBase {

    @Test
    void listsTheShippedForms() {
        JsonNode forms = api.as("sales1").get("/api/forms").expect(200).json();
        assertTrue(forms.isArray(), forms.toString());
        JsonNode customer = find(forms, "key", "customer");
        assertEquals("客户", customer.get("label").get("zh-CN").asText());
        assertEquals("Customer", customer.get("label").get("en").asText());
        List<String> keys = new ArrayList<>();
        forms.forEach(f -> keys.add(f.get("key").asText()));
        assertTrue(keys.containsAll(List.of("customer", "opportunity", "deal")), keys.toString());
    }

    @Test
    void describesTheCustomerFormWithFields() {
        JsonNode form = api.as("admin").get("/api/forms/customer").expect(200).json();
        assertEquals("customer", form.get("key").asText());
        assertEquals("name", form.get("titleField").asText());
        JsonNode fields = form.get("fields");
        JsonNode name = find(fields, "key", "name");
        assertEquals("text", name.get("type").asText());
        assertTrue(name.get("required").asBoolean());
        assertEquals(200, name.get("maxLength").asInt());
        assertEquals("客户名称", name.get("label").get("zh-CN").asText());
        assertEquals("uscc", find(fields, "key", "uscc").get("format").asText());
        assertTrue(find(fields, "key", "code").get("readOnly").asBoolean(), "code is set by the system");
        JsonNode contacts = find(fields, "key", "contacts");
        assertEquals("table", contacts.get("type").asText());
        assertEquals(1, contacts.get("minItems").asInt());
        JsonNode mobile = find(contacts.get("fields"), "key", "mobile");
        assertEquals("mobile", mobile.get("type").asText());
        assertTrue(mobile.get("required").asBoolean());
    }

    @Test
    void carriesAJsonSchemaForRecords() {
        JsonNode schema = api.as("admin").get("/api/forms/customer").expect(200).json().get("schema");
        assertNotNull(schema, "schema");
        assertTrue(schema.get("$schema").asText().contains("json-schema.org"), schema.get("$schema").toString());
        assertEquals("object", schema.get("type").asText());
        assertFalse(schema.get("additionalProperties").asBoolean(true), "unknown fields are refused");
        List<String> required = new ArrayList<>();
        schema.get("required").forEach(r -> required.add(r.asText()));
        assertTrue(required.containsAll(List.of("name", "founded_on", "reg_address", "mail_address")), required.toString());
        assertTrue(schema.get("properties").has("contacts"));
        assertEquals(schema, api.as("admin").get("/api/forms/customer/schema").expect(200).json(),
                "GET /api/forms/customer/schema serves the same schema");
    }

    /** A client can validate offline with the schema: a valid record passes, broken ones do not. */
    @Test
    void theSchemaIsUsableByAStandardValidator() throws Exception {
        JsonNode document = api.as("admin").get("/api/forms/customer/schema").expect(200).json();
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(document);
        Map<String, Object> valid = Customers.valid("校验客户有限公司");
        assertEquals(List.of(), schema.validate(Api.JSON.valueToTree(valid)));

        Map<String, Object> noName = Customers.valid("x");
        noName.remove("name");
        assertFalse(schema.validate(Api.JSON.valueToTree(noName)).isEmpty(), "missing name");

        Map<String, Object> badMobile = Customers.valid("y");
        badMobile.put("contacts", List.of(Customers.contact("张三", "12345")));
        assertFalse(schema.validate(Api.JSON.valueToTree(badMobile)).isEmpty(), "bad mobile");

        Map<String, Object> unknown = Customers.valid("z");
        unknown.put("nickname", "z");
        assertFalse(schema.validate(Api.JSON.valueToTree(unknown)).isEmpty(), "unknown field");
    }

    @Test
    void anUnknownFormIs404() {
        AuthIT.assertProblem(api.as("admin").get("/api/forms/no_such_form"), 404);
        AuthIT.assertProblem(api.as("admin").get("/api/forms/no_such_form/records"), 404);
    }

    static JsonNode find(JsonNode array, String property, String value) {
        return StreamSupport.stream(array.spliterator(), false)
                .filter(n -> value.equals(n.path(property).asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + property + "=" + value + " in " + array));
    }
}
