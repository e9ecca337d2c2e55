package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api.Response;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import dev.formation.testing.PageClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recycle bin and the delete rules of the shipped CRM (seed 002 §1.2, §2.3, §2.6): a
 * customer in use (a deal refers to it) is refused with the count; an unused one goes to the bin
 * with its visits and follow-ups (their customer field cascades), is listed there for those who
 * may restore it (within their rows) and comes back at 新建 to its owner; deleting an opportunity
 * unlinks its follow-ups; a purge is only for admins, only after the form's 30 days, and final.
 */
class RecycleBinIT extends AppTestBase {

    private static final String VISITS = "/api/forms/visit/records";
    private static final String FOLLOW_UPS = "/api/forms/follow_up/records";
    private static final String DEALS = "/api/forms/deal/records";
    private static final String OPPORTUNITIES = "/api/forms/opportunity/records";

    private Flows flows;

    @BeforeAll
    void setUp() {
        flows = new Flows(api);
    }

    private long activeCustomer(String prefix) {
        return flows.approveCustomer("sales1", api.as("sales1").post(RECORDS,
                Customers.valid(Customers.uniqueName(prefix))).expect(201).json().get("id").asLong());
    }

    private long visit(long customer) {
        return api.as("sales1").post(VISITS, AccessMatrixIT.visit(customer, "回收站拜访" + System.nanoTime()))
                .expect(201).json().get("id").asLong();
    }

    private long followUp(long customer, Long opportunity) {
        Map<String, Object> f = new LinkedHashMap<>(Map.of("customer", customer, "subject", "回收站跟进",
                "method", "phone", "follow_up_time", "2026-11-20T10:00:00", "content", "电话沟通"));
        if (opportunity != null) {
            f.put("opportunity", opportunity);
        }
        return api.as("sales1").post(FOLLOW_UPS, f).expect(201).json().get("id").asLong();
    }

    private long deal(long customer) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("contract_name", "回收站合同" + System.nanoTime());
        d.put("contract_no", "HT" + System.nanoTime());
        d.put("customer", customer);
        d.put("deal_date", "2026-11-20");
        d.put("amount", new BigDecimal("10000"));
        d.put("items", List.of(Map.of("product", "CRM 软件", "quantity", 1, "unit_price", new BigDecimal("10000"))));
        return api.as("sales1").post(DEALS, d).expect(201).json().get("id").asLong();
    }

    private long opportunity(long customer) {
        return api.as("sales1").post(OPPORTUNITIES, Map.of("name", "回收站商机" + System.nanoTime(), "customer", customer,
                "stage", "initial", "expected_amount", 120000, "expected_close_date", "2027-01-31")).expect(201).json()
                .get("id").asLong();
    }

    private static List<Long> ids(Response list) {
        List<Long> out = new ArrayList<>();
        list.json().get("items").forEach(item -> out.add(item.get("id").asLong()));
        return out;
    }

    private List<Long> bin(String user, String records) {
        return ids(api.as(user).get(records + "?view=deleted&size=200").expect(200));
    }

    private JsonNode binItem(String user, String records, long id) {
        for (JsonNode item : api.as(user).get(records + "?view=deleted&size=200").expect(200).json().get("items")) {
            if (item.get("id").asLong() == id) {
                return item;
            }
        }
        throw new AssertionError(records + " " + id + " is not in " + user + "'s bin");
    }

    @Test
    void aCustomerInUseIsRefusedWithTheCount() {
        long customer = activeCustomer("在用客户");
        deal(customer);
        deal(customer);
        long visit = visit(customer);
        Response refused = api.as("admin").delete(RECORDS + "/" + customer).expect(409);
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        JsonNode references = refused.json().get("references");
        assertEquals(1, references.size(), refused.body());
        assertEquals("deal", references.get(0).get("form").asText());
        assertEquals(2, references.get(0).get("count").asLong());
        assertTrue(refused.json().get("title").asText().contains("成交 2 条"), refused.body());
        assertTrue(api.as("admin").english().delete(RECORDS + "/" + customer).expect(409).json().get("title")
                .asText().contains("Deal: 2"));
        // nothing moved: the customer and its visit (which would have cascaded) are still live
        api.as("sales1").get(RECORDS + "/" + customer).expect(200);
        api.as("sales1").get(VISITS + "/" + visit).expect(200);
        assertFalse(bin("admin", VISITS).contains(visit));
    }

    @Test
    void anUnusedCustomerGoesToTheBinWithItsVisitsAndFollowUpsAndComesBack() {
        long customer = activeCustomer("回收客户");
        long visit = visit(customer);
        long followUp = followUp(customer, null);
        assertEquals("active", read(customer).get("status").asText());
        // neither a salesperson (seed 001) nor a team leader deletes a customer: the admin does
        api.as("sales1").delete(RECORDS + "/" + customer).expect(403);
        api.as("leader1").delete(RECORDS + "/" + customer).expect(403);
        api.as("admin").delete(RECORDS + "/" + customer).expect(204);
        api.as("admin").get(RECORDS + "/" + customer).expect(404);
        api.as("admin").get(VISITS + "/" + visit).expect(404);
        api.as("admin").get(FOLLOW_UPS + "/" + followUp).expect(404);
        assertFalse(ids(api.as("admin").get(RECORDS + "?size=200").expect(200)).contains(customer));

        // in the bin: who deleted it and when, for the leader (team), the owner (own) and the admin
        JsonNode item = binItem("leader1", RECORDS, customer);
        assertEquals("admin", item.get("deleted_by").asText());
        LocalDateTime deletedAt = LocalDateTime.parse(item.get("deleted_at").asText());
        assertTrue(Math.abs(java.time.Duration.between(deletedAt, now()).toMinutes()) < 5, item.toString());
        assertEquals(deletedAt.plusDays(30).toLocalDate().toString(), item.get("purgeable_from").asText().substring(0, 10));
        assertTrue(bin("sales1", RECORDS).contains(customer), "the owner sees its customer in the bin");
        assertTrue(bin("admin", VISITS).contains(visit));
        assertTrue(bin("admin", FOLLOW_UPS).contains(followUp));
        // row scope applies to the bin: another team's salesperson neither sees nor restores it
        assertFalse(bin("sales2", RECORDS).contains(customer));
        api.as("sales2").post(RECORDS + "/" + customer + "/restore", Map.of()).expect(404);
        // a form whose bin the user may not open at all
        api.as("sales1").get(DEALS + "?view=deleted").expect(403);

        // the visit cannot come back alone while its customer is in the bin
        Response alone = api.as("admin").post(VISITS + "/" + visit + "/restore", Map.of()).expect(409);
        assertTrue(alone.json().get("title").asText().contains("回收站"), alone.body());

        // the owner restores it: at 新建 (bin.restoreStatus), to itself, with contacts, visit and follow-up
        JsonNode restored = api.as("sales1").post(RECORDS + "/" + customer + "/restore", Map.of()).expect(200).json();
        assertEquals("draft", restored.get("status").asText());
        assertEquals("sales1", restored.get("owner").asText());
        assertEquals(1, restored.get("contacts").size(), restored.toString());
        api.as("sales1").get(VISITS + "/" + visit).expect(200);
        api.as("sales1").get(FOLLOW_UPS + "/" + followUp).expect(200);
        assertFalse(bin("admin", RECORDS).contains(customer));
        assertFalse(bin("admin", VISITS).contains(visit));
        // audited: the delete, the cascade and the restore
        assertEquals(1, count("SELECT COUNT(*) FROM `audit_log` WHERE `form_key` = 'customer' AND `record_id` = ? "
                + "AND `action` = 'restore'", customer));
        assertEquals(1, count("SELECT COUNT(*) FROM `audit_log` WHERE `form_key` = 'visit' AND `record_id` = ? "
                + "AND `action` = 'delete'", visit));
        assertEquals(1, count("SELECT COUNT(*) FROM `audit_log` WHERE `form_key` = 'visit' AND `record_id` = ? "
                + "AND `action` = 'restore'", visit));
        // a second restore finds nothing in the bin
        api.as("sales1").post(RECORDS + "/" + customer + "/restore", Map.of()).expect(404);
    }

    @Test
    void deletingAnOpportunityUnlinksItsFollowUps() {
        long customer = activeCustomer("商机客户");
        long opportunity = opportunity(customer);
        long followUp = followUp(customer, opportunity);
        assertEquals(opportunity, api.as("sales1").get(FOLLOW_UPS + "/" + followUp).expect(200).json()
                .get("opportunity").asLong());
        api.as("admin").delete(OPPORTUNITIES + "/" + opportunity).expect(204);
        JsonNode kept = api.as("sales1").get(FOLLOW_UPS + "/" + followUp).expect(200).json();
        assertTrue(kept.get("opportunity") == null || kept.get("opportunity").isNull(), kept.toString());
        assertTrue(bin("admin", OPPORTUNITIES).contains(opportunity));
        assertFalse(bin("admin", FOLLOW_UPS).contains(followUp));
        assertEquals(1, count("SELECT COUNT(*) FROM `audit_log` WHERE `form_key` = 'follow_up' AND `record_id` = ? "
                + "AND `action` = 'update'", followUp));
    }

    @Test
    void aPurgeIsForAdminsAfterThirtyDaysAndFinal() throws SQLException {
        long customer = activeCustomer("彻底删除");
        long visit = visit(customer);
        api.as("admin").delete(RECORDS + "/" + customer).expect(204);
        // the owner may restore it but not purge it
        api.as("sales1").post(RECORDS + "/" + customer + "/purge", Map.of()).expect(403);
        api.as("sales1").delete(RECORDS + "/" + customer + "?purge=true").expect(403);
        // before 30 days: refused, with the day it becomes possible
        Response early = api.as("admin").post(RECORDS + "/" + customer + "/purge", Map.of()).expect(409);
        assertTrue(early.json().get("title").asText().contains("30"), early.body());
        assertEquals(1, count("SELECT COUNT(*) FROM `f_customer` WHERE `id` = ?", customer));

        // 31 days on: the delete (of the customer and of its visit) moved back on the app's time
        ageBin(31);
        api.as("admin").delete(RECORDS + "/" + customer + "?purge=true").expect(204);
        assertEquals(0, count("SELECT COUNT(*) FROM `f_customer` WHERE `id` = ?", customer));
        assertEquals(0, count("SELECT COUNT(*) FROM `f_customer__contacts` WHERE `record_id` = ?", customer));
        assertEquals(0, count("SELECT COUNT(*) FROM `f_visit` WHERE `id` = ?", visit), "what cascaded goes with it");
        assertEquals(0, count("SELECT COUNT(*) FROM `record_owners` WHERE `form_key` = 'customer' AND `record_id` = ?",
                customer));
        assertFalse(bin("admin", RECORDS).contains(customer));
        api.as("admin").post(RECORDS + "/" + customer + "/restore", Map.of()).expect(404);
        // the audit stays, with the purge
        assertEquals(1, count("SELECT COUNT(*) FROM `audit_log` WHERE `form_key` = 'customer' AND `record_id` = ? "
                + "AND `action` = 'purge'", customer));
        assertTrue(count("SELECT COUNT(*) FROM `audit_log` WHERE `form_key` = 'customer' AND `record_id` = ? "
                + "AND `action` = 'create'", customer) == 1);
    }

    @Test
    void theBinPageListsDeletedRecordsWithRestoreAndPurgeButtons() throws SQLException {
        PageClient pages = new PageClient(api);
        String name = Customers.uniqueName("页面回收");
        long customer = flows.approveCustomer("sales1", api.as("sales1").post(RECORDS, Customers.valid(name))
                .expect(201).json().get("id").asLong());
        api.as("admin").delete(RECORDS + "/" + customer).expect(204);
        // the list offers the bin to those who may open it, and only to them
        assertTrue(PageClient.html(pages.get("leader1", "/forms/customer")).contains("?view=deleted"));
        assertFalse(PageClient.html(pages.get("sales1", "/forms/deal")).contains("?view=deleted"));
        String page = PageClient.html(pages.get("leader1", "/forms/customer?view=deleted"));
        assertTrue(page.contains(name), "the deleted customer is listed");
        assertTrue(page.contains("删除人") && page.contains("回收站"), "who deleted it, in Chinese");
        assertTrue(page.contains("/forms/customer/" + customer + "/restore"), "a restore button");
        assertFalse(page.contains("/forms/customer/" + customer + "/purge"), "no purge: a leader, and too early");
        assertFalse(page.contains("href=\"/forms/customer/" + customer + "\""), "a deleted record does not open");
        assertTrue(PageClient.html(pages.english("leader1", "/forms/customer?view=deleted")).contains("Deleted by"));
        assertFalse(PageClient.html(pages.get("sales2", "/forms/customer?view=deleted")).contains(name),
                "another team's salesperson does not see it");
        assertEquals(403, pages.get("sales1", "/forms/deal?view=deleted").status());

        ageBin(31);
        String admin = PageClient.html(pages.get("admin", "/forms/customer?view=deleted"));
        assertTrue(admin.contains("/forms/customer/" + customer + "/purge"), "the admin may purge it now");
        // the buttons post with the page's CSRF token (a post without it is refused, as every post)
        assertFalse(PageClient.hidden(admin, "/forms/customer/" + customer + "/restore", "_csrf").isEmpty());
        Response restored = pages.post("leader1", "/forms/customer/" + customer + "/restore",
                Map.of("back", "/forms/customer?view=deleted"));
        assertEquals(303, restored.status(), restored.body());
        api.as("sales1").get(RECORDS + "/" + customer).expect(200);
    }

    /** Moves every delete still in the bin {@code days} back, as if the app's clock had run on that long. */
    private void ageBin(int days) throws SQLException {
        try (Connection c = db.connect()) {
            for (String table : List.of("f_customer", "f_visit", "f_follow_up")) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE `" + table + "` SET `deleted_at` = ? "
                        + "WHERE `deleted_at` IS NOT NULL AND `deleted_at` >= ?")) {
                    ps.setObject(1, now().minusDays(days).withNano(0));
                    ps.setObject(2, now().minusHours(1));
                    ps.executeUpdate();
                }
            }
        }
    }
}
