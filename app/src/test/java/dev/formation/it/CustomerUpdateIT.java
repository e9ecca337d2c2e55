package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api.Response;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.formation.it.CustomerCreateIT.assertProblem400;
import static dev.formation.it.CustomerCreateIT.errorFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PATCH with optimistic locking, sub-table rows by id, and DELETE. */
class CustomerUpdateIT extends AppTestBase {

    @Test
    void patchWithTheCurrentVersionChangesTheRecordAndBumpsTheVersion() {
        JsonNode created = create(Customers.valid(Customers.uniqueName("修改")));
        long id = created.get("id").asLong();

        JsonNode patched = api.as("admin").patch(RECORDS + "/" + id, Map.of("version", 1, "legal_rep", "陈立新"))
                .expect(200).json();
        assertEquals(2, patched.get("version").asLong());
        assertEquals("陈立新", patched.get("legal_rep").asText());
        assertEquals(created.get("name"), patched.get("name"), "fields not sent stay as they were");
        assertEquals(created.get("code"), patched.get("code"));
        assertEquals(created.get("contacts"), patched.get("contacts"), "rows not sent stay as they were");

        JsonNode read = read(id);
        assertEquals(2, read.get("version").asLong());
        assertEquals("陈立新", read.get("legal_rep").asText());

        JsonNode again = api.as("admin").patch(RECORDS + "/" + id, Map.of("version", 2, "legal_rep", "陈立"))
                .expect(200).json();
        assertEquals(3, again.get("version").asLong());
    }

    @Test
    void patchWithAStaleVersionIs409AndChangesNothing() {
        long id = create(Customers.valid(Customers.uniqueName("冲突"))).get("id").asLong();
        api.as("admin").patch(RECORDS + "/" + id, Map.of("version", 1, "legal_rep", "第一人")).expect(200);

        // a second editor who read version 1 before the first one saved
        Response stale = api.as("admin").patch(RECORDS + "/" + id, Map.of("version", 1, "legal_rep", "第二人"));
        AuthIT.assertProblem(stale, 409);
        assertTrue(stale.json().get("title").asText().contains("2"), "names the current version: " + stale.body());

        JsonNode read = read(id);
        assertEquals("第一人", read.get("legal_rep").asText());
        assertEquals(2, read.get("version").asLong());
    }

    /** Simultaneous saves of the same version: exactly one wins, the others get 409, none a 500. */
    @Test
    void concurrentPatchesOfOneVersionLetExactlyOneWin() throws Exception {
        long id = create(Customers.valid(Customers.uniqueName("并发修改"))).get("id").asLong();
        int editors = 6;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(editors);
        List<java.util.concurrent.Future<Response>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < editors; i++) {
                String rep = "编辑" + i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return api.as("admin").patch(RECORDS + "/" + id, Map.of("version", 1, "legal_rep", rep));
                }));
            }
            start.countDown();
            List<String> winners = new ArrayList<>();
            for (var f : futures) {
                Response r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                if (r.status() == 200) {
                    winners.add(r.json().get("legal_rep").asText());
                } else {
                    AuthIT.assertProblem(r, 409);
                }
            }
            assertEquals(1, winners.size(), "one winner: " + winners);
            JsonNode read = read(id);
            assertEquals(2, read.get("version").asLong());
            assertEquals(winners.get(0), read.get("legal_rep").asText());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void patchWithoutAVersionIs400() {
        long id = create(Customers.valid(Customers.uniqueName("无版本"))).get("id").asLong();
        Response r = api.as("admin").patch(RECORDS + "/" + id, Map.of("legal_rep", "某人"));
        assertProblem400(r);
        assertEquals(List.of("version"), errorFields(r));
        Response english = api.as("admin").english().patch(RECORDS + "/" + id, Map.of("legal_rep", "某人"));
        assertTrue(english.json().get("errors").get(0).get("message").asText().contains("version"), english.body());
        JsonNode read = read(id);
        assertEquals(1, read.get("version").asLong());
        assertTrue(read.get("legal_rep").isNull(), read.toString());
    }

    @Test
    void anInvalidPatchIs400AndChangesNothing() {
        long id = create(Customers.valid(Customers.uniqueName("坏修改"))).get("id").asLong();
        JsonNode before = read(id);
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("version", 1);
        patch.put("legal_rep", "改了");
        patch.put("contacts", List.of(Customers.contact("王五", "999")));
        Response r = api.as("admin").patch(RECORDS + "/" + id, patch);
        assertProblem400(r);
        assertEquals(List.of("contacts[0].mobile"), errorFields(r));
        assertEquals(before, read(id));
    }

    /** contacts has minItems 1: a PATCH may not empty it, whether with [] or with null. */
    @Test
    void patchingContactsToAnEmptyListIsRefused() {
        JsonNode created = create(Customers.valid(Customers.uniqueName("清空")));
        long id = created.get("id").asLong();
        Response r = api.as("admin").patch(RECORDS + "/" + id, Map.of("version", 1, "contacts", List.of()));
        assertProblem400(r);
        assertEquals(List.of("contacts"), errorFields(r));
        assertEquals(created, read(id));
    }

    @Test
    void patchingContactsToNullIsRefusedAndKeepsTheRows() {
        JsonNode created = create(Customers.valid(Customers.uniqueName("置空")));
        long id = created.get("id").asLong();
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("version", 1);
        patch.put("contacts", null);
        Response r = api.as("admin").patch(RECORDS + "/" + id, patch);
        assertProblem400(r);
        assertEquals(List.of("contacts"), errorFields(r));
        assertEquals(created, read(id));
        assertEquals(1, count("SELECT COUNT(*) FROM f_customer__contacts WHERE record_id = ?", id));
    }

    @Test
    void patchingARequiredFieldToNullIsRefused() {
        JsonNode created = create(Customers.valid(Customers.uniqueName("必填")));
        long id = created.get("id").asLong();
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("version", 1);
        patch.put("name", null);
        Response r = api.as("admin").patch(RECORDS + "/" + id, patch);
        assertProblem400(r);
        assertEquals(List.of("name"), errorFields(r));
        assertEquals(created, read(id));
    }

    @Test
    void patchingRowsKeepsTheIdsOfRowsSentWithTheirId() {
        Map<String, Object> input = Customers.valid(Customers.uniqueName("联系人"));
        input.put("contacts", List.of(Customers.contact("甲一", "13900000001"), Customers.contact("乙二", "13900000002"),
                Customers.contact("丙三", "13900000003")));
        JsonNode created = create(input);
        long id = created.get("id").asLong();
        JsonNode rows = created.get("contacts");
        assertEquals(3, rows.size());
        long a = rows.get(0).get("id").asLong();
        long b = rows.get(1).get("id").asLong();
        long c = rows.get(2).get("id").asLong();

        // change one row only: every row keeps its id
        List<Map<String, Object>> sent = rowsOf(rows);
        sent.get(1).put("title", "副总经理");
        JsonNode once = api.as("admin").patch(RECORDS + "/" + id, Map.of("version", 1, "contacts", sent))
                .expect(200).json();
        assertEquals(List.of(a, b, c), ids(once.get("contacts")));
        assertEquals("副总经理", once.get("contacts").get(1).get("title").asText());
        assertEquals("采购经理", once.get("contacts").get(0).get("title").asText());
        assertEquals(2, once.get("version").asLong());

        // keep a, change b, leave out c, add a new row without id
        List<Map<String, Object>> next = rowsOf(once.get("contacts"));
        next.get(1).put("mobile", "13700000002");
        next.remove(2);
        next.add(Customers.contact("丁四", "13900000004"));
        JsonNode twice = api.as("admin").patch(RECORDS + "/" + id, Map.of("version", 2, "contacts", next))
                .expect(200).json();
        List<Long> after = ids(twice.get("contacts"));
        assertEquals(3, after.size());
        assertEquals(a, after.get(0), "untouched row keeps its id");
        assertEquals(b, after.get(1), "updated row keeps its id");
        assertFalse(List.of(a, b, c).contains(after.get(2)), "the new row got a new id: " + after);
        assertEquals("13700000002", twice.get("contacts").get(1).get("mobile").asText());
        assertEquals("丁四", twice.get("contacts").get(2).get("name").asText());
        assertEquals(twice, read(id));

        assertEquals(0, count("SELECT COUNT(*) FROM f_customer__contacts WHERE id = ?", c), "the row not sent is deleted");
        assertEquals(3, count("SELECT COUNT(*) FROM f_customer__contacts WHERE record_id = ?", id));
    }

    @Test
    void rowsCanBeReorderedKeepingTheirIds() {
        Map<String, Object> input = Customers.valid(Customers.uniqueName("排序"));
        input.put("contacts", List.of(Customers.contact("甲", "13900000011"), Customers.contact("乙", "13900000012")));
        JsonNode created = create(input);
        List<Map<String, Object>> rows = rowsOf(created.get("contacts"));
        java.util.Collections.reverse(rows);
        JsonNode patched = api.as("admin").patch(RECORDS + "/" + created.get("id").asLong(),
                Map.of("version", 1, "contacts", rows)).expect(200).json();
        List<Long> before = ids(created.get("contacts"));
        assertEquals(List.of(before.get(1), before.get(0)), ids(patched.get("contacts")));
        assertEquals("乙", patched.get("contacts").get(0).get("name").asText());
    }

    @Test
    void deleteIs204ThenTheRecordIsGone() {
        String name = Customers.uniqueName("删除");
        long id = create(Customers.valid(name)).get("id").asLong();
        long before = totalCustomers();
        assertEquals(1, total(name));

        Response deleted = api.as("admin").delete(RECORDS + "/" + id).expect(204);
        assertTrue(deleted.body().isEmpty(), deleted.body());

        AuthIT.assertProblem(api.as("admin").get(RECORDS + "/" + id), 404);
        assertEquals(0, total(name), "not in the list");
        assertEquals(before - 1, totalCustomers());
        AuthIT.assertProblem(api.as("admin").delete(RECORDS + "/" + id), 404);
        AuthIT.assertProblem(api.as("admin").patch(RECORDS + "/" + id, Map.of("version", 2, "legal_rep", "x")), 404);
    }

    @Test
    void anUnknownIdIs404() {
        AuthIT.assertProblem(api.as("admin").get(RECORDS + "/987654321"), 404);
        AuthIT.assertProblem(api.as("admin").patch(RECORDS + "/987654321", Map.of("version", 1, "legal_rep", "x")), 404);
    }

    private static List<Map<String, Object>> rowsOf(JsonNode rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode row : rows) {
            Map<String, Object> map = new LinkedHashMap<>();
            row.fields().forEachRemaining(e -> map.put(e.getKey(),
                    e.getValue().isNull() ? null : e.getValue().isNumber() ? e.getValue().numberValue() : e.getValue().asText()));
            out.add(map);
        }
        return out;
    }

    private static List<Long> ids(JsonNode rows) {
        List<Long> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.get("id").asLong()));
        assertNotEquals(0, out.size());
        return out;
    }
}
