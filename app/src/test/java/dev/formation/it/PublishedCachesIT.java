package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What is cached by definition follows a publish: a report's result (cached for
 * {@code formation.report-cache-seconds}, far longer than this test), the template its export is
 * compiled from, and a form's JSON Schema and its validator are the changed definition's at the
 * next request.
 */
class PublishedCachesIT extends AppTestBase {

    private static final String METADATA = "/api/admin/metadata";
    private static final MediaType YAML = MediaType.of("application/yaml");
    private static final String REPORT = "/api/reports/customers_by_status";

    private void publish(String kind, String key, String yaml) {
        api.as("admin").send(HttpMethod.PUT, METADATA + "/" + kind + "/" + key, YAML, yaml).expect(204);
        api.as("admin").post(METADATA + "/publish", Map.of("comment", kind + " " + key)).expect(200);
    }

    private static String xlsxText(byte[] xlsx) throws IOException {
        StringBuilder all = new StringBuilder();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().endsWith(".xml")) {
                    all.append(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return all.toString();
    }

    @Test
    void aChangedReportIsRunAndExportedByItsNewDefinitionAtTheNextRequest() throws IOException {
        JsonNode before = api.as("admin").english().get(REPORT).expect(200).json();
        assertEquals("Customers by status", before.get("label").asText(), before.toString());
        assertFalse(before.get("rows").get(0).has("counted_again"), before.toString());
        String exported = xlsxText(api.as("admin").english().download(REPORT + "/export?format=xlsx").expect(200).body());
        assertFalse(exported.contains("Statuses, live"), "before the publish");

        publish("report", "customers_by_status", "label: {zh-CN: 客户状态（实时）, en: \"Statuses, live\"}\n"
                + "dataset:\n  measures:\n    - {key: counted_again, fn: count, label: {zh-CN: 再数一次, en: Counted again}}\n");

        JsonNode after = api.as("admin").english().get(REPORT).expect(200).json();
        assertEquals("Statuses, live", after.get("label").asText(), after.toString());
        JsonNode row = after.get("rows").get(0);
        assertTrue(row.has("counted_again"), "the cached rows of the old definition are not served: " + after);
        assertEquals(row.get("customers").asLong(), row.get("counted_again").asLong(), after.toString());
        exported = xlsxText(api.as("admin").english().download(REPORT + "/export?format=xlsx").expect(200).body());
        assertTrue(exported.contains("Statuses, live"), "the export's template is the new definition's");
        assertTrue(exported.contains("Counted again"), "and has the new column");
    }

    @Test
    void aChangedFieldIsValidatedAndDescribedByItsNewSchemaAtTheNextRequest() {
        JsonNode schema = api.as("sales1").get("/api/forms/customer/schema").expect(200).json();
        int before = schema.get("properties").get("name").get("maxLength").asInt();
        api.as("sales1").post(RECORDS, Customers.valid(Customers.uniqueName("发布前校验"))).expect(201);
        // a name longer than the field allows now: refused before the publish widens the field
        String name = Customers.uniqueName("加长");
        String longer = name + "长".repeat(Math.max(0, before + 5 - name.length()));
        api.as("sales1").post(RECORDS, Customers.valid(longer)).expect(400);

        publish("form", "customer", "fields:\n  - key: name\n    maxLength: " + (before + 10) + "\n");

        assertEquals(before + 10, api.as("sales1").get("/api/forms/customer/schema").expect(200).json()
                .get("properties").get("name").get("maxLength").asInt());
        api.as("sales1").post(RECORDS, Customers.valid(longer)).expect(201);
        String tooLong = longer + "长".repeat(6);
        JsonNode refused = api.as("sales1").post(RECORDS, Customers.valid(tooLong)).expect(400).json();
        assertTrue(refused.toString().contains("name"), refused.toString());
    }
}
