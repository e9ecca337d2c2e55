package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Eventually;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A publish that adds a column while a long statement holds the table (a report's transaction,
 * here kept open on purpose) must not stall the app behind it. On MySQL/MariaDB the ALTER waits
 * for the table's metadata lock, and every statement arriving meanwhile queues behind the ALTER:
 * so the ALTER waits a short while, steps aside, and asks again. The app keeps answering during
 * the wait, and the publish completes once the long statement ends.
 */
class PublishBehindLongQueryIT extends AppTestBase {

    @Test
    void theAppKeepsAnsweringWhileAPublishWaitsForALongStatementAndThePublishLandsAfterIt() throws Exception {
        long id = create(Customers.valid(Customers.uniqueName("长事务"))).get("id").asLong();
        api.as("admin").send(HttpMethod.PUT, "/api/admin/metadata/form/customer", MediaType.of("application/yaml"),
                "fields:\n  - key: busy_note\n    type: text\n    label: {zh-CN: 忙时备注, en: Busy note}\n"
                        + "    section: basic\n    maxLength: 40\n").expect(204);
        ExecutorService background = Executors.newFixedThreadPool(2);
        try (Connection longQuery = db.connect()) {
            longQuery.setAutoCommit(false);
            try (Statement s = longQuery.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT COUNT(*) FROM f_customer")) {
                rs.next(); // the transaction now holds the table until it ends
            }
            Future<JsonNode> publish = background.submit(() -> api.as("admin")
                    .post("/api/admin/metadata/publish", Map.of("comment", "behind a long query")).expect(200).json());
            if (!db.h2()) {
                Eventually.holds(() -> alterWaitsForTheTable(), Duration.ofSeconds(30),
                        "the publish's ALTER waits for the table's metadata lock");
            }
            Future<Integer> read = background.submit(() -> api.as("admin").get(RECORDS + "/" + id).status());
            try {
                assertEquals(200, read.get(30, TimeUnit.SECONDS), "a record of the table is read while the publish waits");
            } catch (TimeoutException e) {
                fail("the app stalled behind the publish's ALTER while a long statement held the table");
            } finally {
                longQuery.commit();
            }
            JsonNode published = publish.get(90, TimeUnit.SECONDS);
            assertTrue(published.get("version").asInt() > 0, published.toString());
        } finally {
            background.shutdownNow();
        }
        JsonNode form = api.as("admin").get("/api/forms/customer").expect(200).json();
        assertTrue(form.toString().contains("busy_note"), "the field is live after the long statement ended");
        assertTrue(db.columns("f_customer").stream().anyMatch(c -> c.equalsIgnoreCase("busy_note")), "and its column exists");
    }

    private boolean alterWaitsForTheTable() {
        return count("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'ALTER TABLE `f_customer`%'"
                + " AND STATE LIKE '%metadata lock%'") > 0;
    }
}
