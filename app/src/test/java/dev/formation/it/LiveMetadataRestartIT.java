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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a publish made live is what the next start-up compiles: the tenant's published layer is merged last. */
class LiveMetadataRestartIT {

    private static final String RECORDS = "/api/forms/customer/records";

    private Path tempDir;
    private TestDatabase db;
    private Path dataDir;

    @BeforeEach
    void freshDatabase() throws Exception {
        tempDir = Files.createTempDirectory("formation-live-");
        db = TestDatabase.create(tempDir);
        dataDir = tempDir.resolve("data");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
        TestDatabase.deleteTree(tempDir);
    }

    private static boolean hasWechat(Api api) {
        for (JsonNode field : api.as("sales1").get("/api/forms/customer").expect(200).json().get("fields")) {
            if ("wechat".equals(field.get("key").asText())) {
                return true;
            }
        }
        return false;
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
            assertTrue(hasWechat(app.api()), "the published field after a restart");
            assertEquals("wx_restart", app.api().as("admin").get(RECORDS + "/" + id).expect(200).json()
                    .get("wechat").asText());
        }
    }
}
