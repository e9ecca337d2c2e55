package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request in flight finishes on the metadata snapshot it started with: a slow request reads
 * the metadata, a publish swaps the snapshot meanwhile and the next request sees the new field,
 * and the slow one still reads the old snapshot when it reads again.
 */
class PinnedRequestIT extends AppTestBase {

    @Override
    protected Map<String, Object> overrides(Path tempDir) {
        return Map.of("formation.test.pin-probe", "true");
    }

    @Test
    void aRequestInFlightKeepsItsSnapshotWhileAPublishSwapsTheNext() throws Exception {
        PinProbe.arrived = new CountDownLatch(1);
        PinProbe.go = new CountDownLatch(1);
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                HttpRequest.newBuilder(URI.create(app.baseUrl() + "/test/pin-probe")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        try {
            assertTrue(PinProbe.arrived.await(30, TimeUnit.SECONDS), "the slow request started");
            api.as("admin").send(HttpMethod.PUT, "/api/admin/metadata/form/customer", MediaType.of("application/yaml"),
                    "fields:\n  - key: wechat\n    type: text\n    label: {zh-CN: 微信, en: WeChat}\n    section: basic\n")
                    .expect(204);
            api.as("admin").post("/api/admin/metadata/publish", Map.of("comment", "in flight")).expect(200);
            assertTrue(api.as("sales1").get("/api/forms/customer").expect(200).body().contains("\"wechat\""),
                    "the next request sees the new snapshot");
        } finally {
            PinProbe.go.countDown();
        }
        HttpResponse<String> response = slow.get(30, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode seen = Api.JSON.readTree(response.body());
        assertTrue(seen.get("released").asBoolean(), seen.toString());
        assertEquals(seen.get("first").asLong(), seen.get("again").asLong(), seen.toString());
        assertFalse(seen.get("firstHasWechat").asBoolean(), seen.toString());
        assertFalse(seen.get("againHasWechat").asBoolean(), "still the snapshot it started with: " + seen);
        assertNotEquals(seen.get("first").asLong(), seen.get("latest").asLong(), "the publish swapped meanwhile: " + seen);
    }
}
