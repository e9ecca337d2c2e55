package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit trail: a record's history with before/after per field, and the admins' operation log search. */
class AuditIT extends AppTestBase {

    private long id;
    private JsonNode updateEntry;

    @BeforeAll
    void aChangedCustomer() {
        java.util.Map<String, Object> c = Customers.valid(Customers.uniqueName("审计"));
        c.put("legal_rep", "王建国");
        c.put("website", "https://before.example.com");
        id = api.as("sales1").post(RECORDS, c).expect(201).json().get("id").asLong();
        long version = read(id).get("version").asLong();
        api.as("sales1").patch(RECORDS + "/" + id, Map.of("version", version, "legal_rep", "王建业",
                "website", "https://after.example.com")).expect(200);
        JsonNode history = api.as("sales1").get(RECORDS + "/" + id + "/history").expect(200).json();
        updateEntry = history.get(0);
    }

    @Test
    void theUpdateShowsInTheHistoryWithBeforeAndAfter() {
        JsonNode history = api.as("sales1").get(RECORDS + "/" + id + "/history").expect(200).json();
        assertEquals(2, history.size(), history.toString());
        assertEquals("update", updateEntry.get("action").asText());
        assertEquals("sales1", updateEntry.get("user").asText());
        assertTrue(updateEntry.get("on_behalf_of").isNull(), updateEntry.toString());
        assertEquals("customer", updateEntry.get("form").asText());
        assertEquals(id, updateEntry.get("record_id").asLong());
        JsonNode changes = updateEntry.get("changes");
        assertEquals("王建国", changes.get("legal_rep").get("before").asText(), changes.toString());
        assertEquals("王建业", changes.get("legal_rep").get("after").asText());
        assertEquals("https://before.example.com", changes.get("website").get("before").asText());
        assertEquals("https://after.example.com", changes.get("website").get("after").asText());
        assertFalse(changes.has("name"), "fields that did not change are not listed: " + changes);
        assertFalse(changes.has("reg_address"), changes.toString());
        assertEquals("create", history.get(1).get("action").asText());
        assertTrue(history.get(0).get("id").asLong() > history.get(1).get("id").asLong(), "newest first");
    }

    @Test
    void anUpdateThatChangesNothingWritesNoEntry() {
        long version = read(id).get("version").asLong();
        api.as("sales1").patch(RECORDS + "/" + id, Map.of("version", version, "legal_rep", "王建业")).expect(200);
        assertEquals(version, read(id).get("version").asLong());
        assertEquals(2, api.as("sales1").get(RECORDS + "/" + id + "/history").expect(200).json().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"leader1", "manager1", "contract1", "admin"})
    void whoeverMayReadTheRecordSeesItsHistory(String user) {
        assertEquals(updateEntry.get("id").asLong(),
                api.as(user).get(RECORDS + "/" + id + "/history").expect(200).json().get(0).get("id").asLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sales2", "assistant1"})
    void whoeverMayNotReadTheRecordGets404ForItsHistory(String user) {
        var r = api.as(user).get(RECORDS + "/" + id + "/history").expect(404);
        assertFalse(r.body().contains("王建"), r.toString());
    }

    @Test
    void theOperationLogFindsTheChangeByUserFormAndTime() {
        LocalDate day = LocalDateTime.parse(updateEntry.get("at").asText()).toLocalDate();
        String byUser = "/api/audit?user=sales1&form=customer&from=" + day + "&to=" + day;
        assertTrue(entryIds(byUser).contains(updateEntry.get("id").asLong()), byUser);
        assertTrue(entryIds("/api/audit?record=" + id + "&form=customer").contains(updateEntry.get("id").asLong()));

        // every filter narrows
        assertFalse(entryIds("/api/audit?user=sales2&form=customer&from=" + day + "&to=" + day)
                .contains(updateEntry.get("id").asLong()), "another user");
        assertFalse(entryIds("/api/audit?user=sales1&form=visit&from=" + day + "&to=" + day)
                .contains(updateEntry.get("id").asLong()), "another form");
        assertFalse(entryIds("/api/audit?user=sales1&form=customer&from=" + day.plusDays(1))
                .contains(updateEntry.get("id").asLong()), "from the next day");
        assertFalse(entryIds("/api/audit?user=sales1&form=customer&to=" + day.minusDays(1))
                .contains(updateEntry.get("id").asLong()), "up to the day before");

        // date-times narrow to the second
        LocalDateTime at = LocalDateTime.parse(updateEntry.get("at").asText());
        assertTrue(entryIds("/api/audit?user=sales1&from=" + at + "&to=" + at.plusSeconds(1))
                .contains(updateEntry.get("id").asLong()));
        assertFalse(entryIds("/api/audit?user=sales1&from=" + at.plusSeconds(1))
                .contains(updateEntry.get("id").asLong()));

        JsonNode found = api.as("admin").get(byUser).expect(200).json();
        JsonNode entry = null;
        for (JsonNode e : found.get("items")) {
            if (e.get("id").asLong() == updateEntry.get("id").asLong()) {
                entry = e;
            }
        }
        assertNotNull(entry);
        assertEquals(updateEntry, entry, "the log shows what the history shows");
        assertTrue(found.get("total").asLong() >= found.get("items").size());
        for (JsonNode e : found.get("items")) {
            assertEquals("customer", e.get("form").asText(), e.toString());
            assertTrue(e.get("user").asText().equals("sales1") || e.get("on_behalf_of").asText().equals("sales1"));
        }
    }

    @Test
    void theOperationLogPages() {
        JsonNode first = api.as("admin").get("/api/audit?size=2&page=1").expect(200).json();
        JsonNode second = api.as("admin").get("/api/audit?size=2&page=2").expect(200).json();
        assertEquals(2, first.get("items").size());
        assertEquals(first.get("total"), second.get("total"));
        assertTrue(first.get("items").get(1).get("id").asLong() > second.get("items").get(0).get("id").asLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sales1", "manager1", "leader1", "contract1"})
    void onlyAdminsReadTheOperationLog(String user) {
        var r = api.as(user).get("/api/audit?user=sales1&form=customer").expect(403);
        assertFalse(r.body().contains("王建"), r.toString());
    }

    @Test
    void anExportIsLoggedWithItsRowCount() {
        int rows = dev.formation.testing.CsvTable.parse(api.as("leader1").get(RECORDS + "/export").expect(200).body())
                .size();
        JsonNode log = api.as("admin").get("/api/audit?user=leader1&form=customer").expect(200).json();
        JsonNode export = null;
        for (JsonNode e : log.get("items")) {
            if (e.get("action").asText().equals("export")) {
                export = e;
                break;
            }
        }
        assertNotNull(export, log.toString());
        assertEquals(rows, export.get("changes").get("rows").get("after").asInt(), export.toString());
    }

    @Test
    void aBadDateIs400() {
        api.as("admin").get("/api/audit?from=yesterday").expect(400);
        api.as("admin").get("/api/audit?to=2026-13-01").expect(400);
    }

    private List<Long> entryIds(String path) {
        List<Long> out = new ArrayList<>();
        api.as("admin").get(path + (path.contains("?") ? "&" : "?") + "size=200").expect(200).json().get("items")
                .forEach(e -> out.add(e.get("id").asLong()));
        return out;
    }
}
