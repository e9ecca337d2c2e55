package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.engine.SnapshotCompiler;
import dev.formation.metadata.MetadataHolder;
import dev.formation.metadata.MetadataLoader;
import dev.formation.metadata.MetadataSnapshot;
import dev.formation.plugin.PluginRegistry;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Eventually;
import dev.formation.testing.FormationApp;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two app nodes on one database and nothing else shared (each has its own data folder): a
 * publish on either is live on the other within 5 s, without a restart, and the other node
 * writes the new field at once. The publishing node keeps the snapshot it swapped in: it does
 * not compile its own publish a second time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodePublishIT extends AppTestBase {

    private static final String METADATA = "/api/admin/metadata";
    private static final MediaType YAML = MediaType.of("application/yaml");
    private static final Duration LIVE_WITHIN = Duration.ofSeconds(5);

    private FormationApp second;

    private static String field(String key, String en) {
        return "fields:\n  - key: " + key + "\n    type: text\n    label: {zh-CN: " + en + ", en: " + en + "}\n"
                + "    section: basic\n    maxLength: 64\n";
    }

    @BeforeAll
    void startSecondNode() {
        second = FormationApp.start(db, tempDir.resolve("data-2"), Map.of());
    }

    @AfterAll
    void stopSecondNode() {
        if (second != null) {
            second.close();
        }
    }

    private static boolean hasField(Api node, String key) {
        for (JsonNode field : node.as("sales1").get("/api/forms/customer").expect(200).json().get("fields")) {
            if (key.equals(field.get("key").asText())) {
                return true;
            }
        }
        return false;
    }

    private static int publish(Api node, String yaml, String comment) {
        node.as("admin").send(HttpMethod.PUT, METADATA + "/form/customer", YAML, yaml).expect(204);
        return node.as("admin").post(METADATA + "/publish", Map.of("comment", comment)).expect(200).json()
                .get("version").asInt();
    }

    /** How long until {@code node} serves the field, polling; fails past twice the limit so the figure shows. */
    private static Duration untilLive(Api node, String key, long publishedAt) {
        return Eventually.holds(() -> hasField(node, key), publishedAt, LIVE_WITHIN.multipliedBy(2),
                () -> key + " never reached the other node");
    }

    @Test
    @Order(1)
    void aPublishOnEitherNodeIsLiveOnTheOtherWithinFiveSeconds() {
        Api other = second.api();
        assertFalse(hasField(other, "wechat"));

        int first = publish(api, field("wechat", "WeChat"), "微信");
        long publishedAt = System.nanoTime();
        MetadataSnapshot swapped = app.context().getBean(MetadataHolder.class).latest();
        assertTrue(hasField(api, "wechat"), "live on the publishing node at once");
        Duration took = untilLive(other, "wechat", publishedAt);
        assertTrue(took.compareTo(LIVE_WITHIN) < 0, "node 2 served version " + first + " after " + took.toMillis() + " ms");

        Map<String, Object> input = Customers.valid(Customers.uniqueName("第二个节点"));
        input.put("wechat", "wx_node_two");
        long id = other.as("sales1").post(RECORDS, input).expect(201).json().get("id").asLong();
        assertEquals("wx_node_two", api.as("sales1").get(RECORDS + "/" + id).expect(200).json().get("wechat").asText());

        // by now the first node's watcher has seen the version it published itself, several times
        assertSame(swapped, app.context().getBean(MetadataHolder.class).latest(),
                "the publishing node did not compile its own publish again");

        int back = publish(other, field("wechat", "WeChat") + "  - key: line_id\n    type: text\n"
                + "    label: {zh-CN: LINE, en: LINE}\n    section: basic\n    maxLength: 64\n", "LINE");
        long backAt = System.nanoTime();
        assertEquals(first + 1, back);
        Duration tookBack = untilLive(api, "line_id", backAt);
        assertTrue(tookBack.compareTo(LIVE_WITHIN) < 0, "node 1 served version " + back + " after " + tookBack.toMillis() + " ms");
        assertTrue(hasField(api, "wechat"), "the earlier field is still there");
        System.out.printf("publish live on the other node after %d ms (1 -> 2) and %d ms (2 -> 1)%n",
                took.toMillis(), tookBack.toMillis());
    }

    /**
     * A node left on an older snapshot (its own publish's swap came after the watcher had already
     * swapped in a newer version from another node) is brought back to the newest version.
     */
    @Test
    @Order(2)
    void aNodeLeftOnAnOlderSnapshotIsBroughtBackToTheNewestPublishedVersion() {
        MetadataHolder holder = app.context().getBean(MetadataHolder.class);
        MetadataSnapshot newest = holder.latest();
        MetadataSnapshot shipped = SnapshotCompiler.compile(new MetadataLoader().load(null, null),
                app.context().getBean(PluginRegistry.class));
        assertTrue(shipped.version() != newest.version(), "the first test published a version");
        holder.replace(shipped);
        Eventually.holds(() -> holder.latest().version() == newest.version(), LIVE_WITHIN.multipliedBy(2),
                "the newest published version came back");
        assertTrue(hasField(api, "line_id"));
    }
}
