package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.AppTestBase;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A list counts its matches only up to a cap ({@code formation.lists.count-cap}, or ten pages past
 * the page asked for when that is further) and says whether its total is exact. Under the cap the
 * total is the exact count of what the viewer may read; over it, the capped total is the same
 * number for every viewer's scope as the exact count cut at the cap.
 */
class ListCountCapIT extends AppTestBase {

    private static final int CAP = 5;

    @Override
    protected Map<String, Object> overrides(Path tempDir) {
        return Map.of("formation.lists.count-cap", CAP);
    }

    @Test
    void theTotalIsCutAtTheCapAndSaysSoForEveryViewer() {
        for (String user : List.of("admin", "manager1", "leader1", "sales1", "sales2", "assistant1")) {
            // size 100 counts up to 1,000 (ten pages ahead): more than the demo holds, so exact
            JsonNode exact = api.as(user).get(RECORDS + "?size=100").expect(200).json();
            assertTrue(exact.get("totalExact").asBoolean(), user + ": " + exact);
            long readable = exact.get("total").asLong();
            assertEquals(Math.min(readable, 100), exact.get("items").size(), user);

            // size 1 counts up to max(5, 0 + 1 × 10) = 10
            JsonNode capped = api.as(user).get(RECORDS + "?size=1").expect(200).json();
            assertEquals(Math.min(readable, 10), capped.get("total").asLong(), user);
            assertEquals(readable <= 10, capped.get("totalExact").asBoolean(), user);

            // page 15 of size 1 counts up to 14 + 10 = 24: the pager still knows the pages just ahead
            JsonNode far = api.as(user).get(RECORDS + "?size=1&page=15").expect(200).json();
            assertEquals(Math.min(readable, 24), far.get("total").asLong(), user);
            assertEquals(readable <= 24, far.get("totalExact").asBoolean(), user);
        }
    }

    @Test
    void aFilteredListUnderTheCapIsExact() {
        JsonNode all = api.as("admin").get(RECORDS + "?size=100").expect(200).json();
        String name = all.get("items").get(0).get("name").asText();
        JsonNode one = api.as("admin").get(RECORDS + "?size=1&q=" + java.net.URLEncoder.encode(name,
                java.nio.charset.StandardCharsets.UTF_8)).expect(200).json();
        assertTrue(one.get("totalExact").asBoolean());
        assertEquals(one.get("items").size(), one.get("total").asLong());
    }

    @Test
    void theListPageSaysMoreThanWhenTheCountWasCut() {
        long readable = api.as("admin").get(RECORDS + "?size=100").expect(200).json().get("total").asLong();
        assertTrue(readable > 10, "the demo holds more customers than the cap of a one-row page: " + readable);
        String page = api.as("admin").header("Accept", "text/html").get("/forms/customer?size=1").expect(200).body();
        assertTrue(page.contains("超过 10 条"), "the page says the count was cut at ten");
        assertFalse(page.contains("共 " + readable + " 条"), "and claims no exact total");
        String exact = api.as("admin").header("Accept", "text/html").get("/forms/customer").expect(200).body();
        assertTrue(exact.contains("共 " + readable + " 条"), "a page of 20 counts up to 200: exact");
    }
}
