package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.Customers;
import dev.formation.testing.FormationApp;
import dev.formation.testing.TestDatabase;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tenants outlive the app: after a restart on the same database a provisioned tenant is still
 * there with its users, its records and its published layer (compiled again from its own schema,
 * not the default's), and a suspended one is still refused.
 */
class TenantRestartIT {

    private static final String RECORDS = "/api/forms/customer/records";
    private static final Map<String, Object> SETTINGS = Map.of("formation.tenants.platform-admins", "admin",
            "formation.tenants.status-cache-seconds", 0);

    private Path tempDir;
    private TestDatabase db;
    private Path dataDir;

    @BeforeEach
    void freshDatabase() throws Exception {
        tempDir = Files.createTempDirectory("formation-tenant-restart-");
        db = TestDatabase.create(tempDir);
        dataDir = tempDir.resolve("data");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
        TestDatabase.deleteTree(tempDir);
    }

    private static String login(Api api, String tenant, String username, String password) {
        return api.anonymous().post("/api/login", Map.of("tenant", tenant, "username", username, "password", password))
                .expect(200).json().get("access_token").asText();
    }

    private static List<String> fieldKeys(JsonNode form) {
        List<String> keys = new ArrayList<>();
        form.get("fields").forEach(f -> keys.add(f.get("key").asText()));
        return keys;
    }

    @Test
    void tenantsTheirDataAndTheirPublishedLayersSurviveARestart() {
        long id;
        try (FormationApp app = FormationApp.start(db, dataDir, SETTINGS)) {
            Api api = app.api();
            for (String key : List.of("acme", "globex")) {
                api.as("admin").post("/api/platform/tenants", Map.of("key", key, "name", key.toUpperCase(),
                        "admin", Map.of("username", "boss", "password", key + "-secret"))).expect(201);
            }
            String acme = login(api, "acme", "boss", "acme-secret");
            api.withToken(acme).send(HttpMethod.PUT, "/api/admin/metadata/form/customer", MediaType.of("application/yaml"),
                    "fields:\n  - key: acme_code\n    type: text\n    label: {zh-CN: 代码, en: Code}\n"
                            + "    section: basic\n    maxLength: 40\n").expect(204);
            api.withToken(acme).post("/api/admin/metadata/publish", Map.of("comment", "代码")).expect(200);
            Map<String, Object> input = Customers.valid(Customers.uniqueName("重启"));
            input.put("acme_code", "A-42");
            id = api.withToken(acme).post(RECORDS, input).expect(201).json().get("id").asLong();
            api.as("admin").post("/api/platform/tenants/globex/suspend", Map.of()).expect(200);
        }
        try (FormationApp app = FormationApp.start(db, dataDir, SETTINGS)) {
            Api api = app.api();
            String acme = login(api, "acme", "boss", "acme-secret");
            assertTrue(fieldKeys(api.withToken(acme).get("/api/forms/customer").expect(200).json()).contains("acme_code"));
            assertFalse(fieldKeys(api.as("admin").get("/api/forms/customer").expect(200).json()).contains("acme_code"));
            assertEquals("A-42", api.withToken(acme).get(RECORDS + "/" + id).expect(200).json().get("acme_code").asText());
            assertEquals(1, api.withToken(acme).get(RECORDS).expect(200).json().get("total").asLong());
            assertEquals(1, api.withToken(acme).get("/api/admin/metadata/versions").expect(200).json().size());
            api.anonymous().post("/api/login", Map.of("tenant", "globex", "username", "boss", "password", "globex-secret"))
                    .expect(403);
            JsonNode listed = api.as("admin").get("/api/platform/tenants").expect(200).json();
            assertEquals(2, listed.size(), listed.toString());
            assertEquals("suspended", listed.get(1).get("status").asText(), listed.toString());
        }
    }
}
