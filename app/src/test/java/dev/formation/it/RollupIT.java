package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rollup fields of the shipped CRM (customer: visit_count, last_visit_at, last_follow_up_at,
 * deal_total, paid_total, unpaid_total; deal: paid_total, unpaid_total) through the API: each
 * write of a visit, follow-up, deal or payment moves them in its own transaction, a payment
 * moved to another deal moves both, a delete brings them back, and the admin's rebuild from
 * nulled columns gives the same numbers. Nobody writes them.
 */
class RollupIT extends AppTestBase {

    private static final String VISITS = "/api/forms/visit/records";
    private static final String FOLLOW_UPS = "/api/forms/follow_up/records";
    private static final String DEALS = "/api/forms/deal/records";
    private static final String PAYMENTS = "/api/forms/payment/records";
    private static final String REBUILD = "/api/admin/rollups/rebuild";
    private static final List<String> CUSTOMER_ROLLUPS = List.of("visit_count", "last_visit_at", "last_follow_up_at",
            "deal_total", "paid_total", "unpaid_total");

    private Flows flows;

    @BeforeAll
    void setUp() {
        flows = new Flows(api);
    }

    private long activeCustomer(String prefix) {
        return flows.approveCustomer("sales1", api.as("sales1").post(RECORDS,
                Customers.valid(Customers.uniqueName(prefix))).expect(201).json().get("id").asLong());
    }

    private String at(int daysAgo, int hour) {
        return now().minusDays(daysAgo).withHour(hour).withMinute(0).withSecond(0).truncatedTo(ChronoUnit.SECONDS)
                .toString();
    }

    private JsonNode visit(long customer, String time) {
        Map<String, Object> v = AccessMatrixIT.visit(customer, "汇总拜访");
        v.put("visit_time", time);
        return api.as("sales1").post(VISITS, v).expect(201).json();
    }

    private JsonNode followUp(long customer, String time) {
        return api.as("sales1").post(FOLLOW_UPS, Map.of("customer", customer, "subject", "电话回访", "method", "phone",
                "follow_up_time", time, "content", "沟通需求")).expect(201).json();
    }

    /** A deal of the customer, approved by the leader and finance (only signed deals count). */
    private long signedDeal(long customer, String amount) {
        long deal = draftDeal(customer, amount);
        long instance = flows.act("sales1", "deal", deal, "submit", Map.of()).expect(200).json().get("id").asLong();
        for (String approver : List.of("leader1", "finance1")) {
            flows.task(approver, flows.pendingTask(approver, instance), "approve", Map.of("comment", "同意"))
                    .expect(200);
        }
        assertEquals("active", api.as("admin").get(DEALS + "/" + deal).expect(200).json().get("status").asText());
        return deal;
    }

    private long draftDeal(long customer, String amount) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("contract_name", "汇总合同" + System.nanoTime());
        d.put("contract_no", "HZ" + System.nanoTime());
        d.put("customer", customer);
        d.put("deal_date", today().minusDays(3).toString());
        d.put("amount", new BigDecimal(amount));
        d.put("items", List.of(Map.of("product", "CRM 软件", "quantity", 1, "unit_price", new BigDecimal(amount))));
        return api.as("sales1").post(DEALS, d).expect(201).json().get("id").asLong();
    }

    private JsonNode payment(long customer, long deal, String amount) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("customer", customer);
        p.put("deal", deal);
        p.put("payment_date", today().minusDays(1).toString());
        p.put("amount", new BigDecimal(amount));
        p.put("method", "bank_transfer");
        return api.as("sales1").post(PAYMENTS, p).expect(201).json();
    }

    private JsonNode customer(long id) {
        return read(id);
    }

    private JsonNode deal(long id) {
        return api.as("admin").get(DEALS + "/" + id).expect(200).json();
    }

    private static void assertMoney(String expected, JsonNode record, String field) {
        JsonNode value = record.get(field);
        assertTrue(value != null && !value.isNull(), field + " is set: " + record);
        assertEquals(0, new BigDecimal(expected).compareTo(value.decimalValue()),
                field + " is " + expected + ", not " + value);
    }

    @Test
    void visitsAndFollowUpsSetTheCountAndTheLatestDates() {
        long customer = activeCustomer("拜访汇总");
        JsonNode fresh = customer(customer);
        assertEquals(0, fresh.get("visit_count").asLong(), fresh.toString());
        assertTrue(fresh.get("last_visit_at").isNull(), fresh.toString());

        JsonNode older = visit(customer, at(5, 9));
        JsonNode newer = visit(customer, at(2, 15));
        JsonNode c = customer(customer);
        assertEquals(2, c.get("visit_count").asLong());
        assertEquals(newer.get("visit_time").asText(), c.get("last_visit_at").asText());

        JsonNode f = followUp(customer, at(1, 10));
        assertEquals(f.get("follow_up_time").asText(), customer(customer).get("last_follow_up_at").asText());

        // the newest visit deleted: the count and the date fall back to what is left
        api.as("admin").delete(VISITS + "/" + newer.get("id").asLong()).expect(204);
        c = customer(customer);
        assertEquals(1, c.get("visit_count").asLong());
        assertEquals(older.get("visit_time").asText(), c.get("last_visit_at").asText());

        // restored from the recycle bin, it counts again
        api.as("admin").post(VISITS + "/" + newer.get("id").asLong() + "/restore", Map.of()).expect(200);
        c = customer(customer);
        assertEquals(2, c.get("visit_count").asLong());
        assertEquals(newer.get("visit_time").asText(), c.get("last_visit_at").asText());
        api.as("admin").delete(VISITS + "/" + newer.get("id").asLong()).expect(204);

        // a visit moved to another customer leaves this one and counts on the other
        long other = activeCustomer("拜访转移");
        api.as("sales1").patch(VISITS + "/" + older.get("id").asLong(), Map.of("customer", other,
                "version", older.get("version").asLong())).expect(200);
        assertEquals(0, customer(customer).get("visit_count").asLong());
        assertTrue(customer(customer).get("last_visit_at").isNull());
        assertEquals(1, customer(other).get("visit_count").asLong());
    }

    @Test
    void dealsAndPaymentsSetTheTotalsAndADeleteBringsThemBack() {
        long customer = activeCustomer("回款汇总");
        long draft = draftDeal(customer, "30000.00");
        JsonNode c = customer(customer);
        assertMoney("0", c, "deal_total");
        assertMoney("0", c, "unpaid_total");

        long first = signedDeal(customer, "50000.00");
        long second = signedDeal(customer, "20000.00");
        c = customer(customer);
        assertMoney("70000", c, "deal_total");
        assertMoney("0", c, "paid_total");
        assertMoney("70000", c, "unpaid_total");
        assertMoney("0", deal(draft), "paid_total");

        JsonNode paid = payment(customer, first, "5000.00");
        c = customer(customer);
        assertMoney("5000", c, "paid_total");
        assertMoney("65000", c, "unpaid_total");
        assertMoney("5000", deal(first), "paid_total");
        assertMoney("45000", deal(first), "unpaid_total");

        // the payment moved to the other deal (as admin: salespeople may not edit payments): both deals change
        api.as("admin").patch(PAYMENTS + "/" + paid.get("id").asLong(), Map.of("deal", second,
                "version", paid.get("version").asLong())).expect(200);
        assertMoney("0", deal(first), "paid_total");
        assertMoney("50000", deal(first), "unpaid_total");
        assertMoney("5000", deal(second), "paid_total");
        assertMoney("15000", deal(second), "unpaid_total");
        assertMoney("5000", customer(customer), "paid_total");

        // a new amount counts at once
        JsonNode moved = api.as("admin").get(PAYMENTS + "/" + paid.get("id").asLong()).expect(200).json();
        api.as("admin").patch(PAYMENTS + "/" + paid.get("id").asLong(), Map.of("amount", new BigDecimal("8000.00"),
                "version", moved.get("version").asLong())).expect(200);
        assertMoney("8000", deal(second), "paid_total");
        assertMoney("62000", customer(customer), "unpaid_total");

        api.as("admin").delete(PAYMENTS + "/" + paid.get("id").asLong()).expect(204);
        c = customer(customer);
        assertMoney("0", c, "paid_total");
        assertMoney("70000", c, "unpaid_total");
        assertMoney("0", deal(second), "paid_total");
        assertMoney("20000", deal(second), "unpaid_total");

        // rollups are real columns: the list sorts by them
        long small = activeCustomer("回款汇总小");
        List<Long> order = ids(api.as("admin").get(RECORDS + "?q=" + Customers.encode("回款汇总")
                + "&sort=-deal_total&size=100").expect(200).json());
        assertTrue(order.indexOf(customer) < order.indexOf(small), order.toString());
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> out = new java.util.ArrayList<>();
        page.get("items").forEach(r -> out.add(r.get("id").asLong()));
        return out;
    }

    @Test
    void theRebuildGivesTheLiveNumbers() throws SQLException {
        long customer = activeCustomer("重算汇总");
        visit(customer, at(3, 9));
        followUp(customer, at(2, 11));
        long deal = signedDeal(customer, "40000.00");
        payment(customer, deal, "12000.00");
        payment(customer, deal, "3000.50");
        JsonNode liveCustomer = customer(customer);
        JsonNode liveDeal = deal(deal);
        assertMoney("24999.50", liveCustomer, "unpaid_total");

        try (Connection c = db.connect()) {
            execute(c, "UPDATE f_customer SET visit_count = NULL, last_visit_at = NULL, last_follow_up_at = NULL, "
                    + "deal_total = NULL, paid_total = NULL, unpaid_total = NULL");
            execute(c, "UPDATE f_deal SET paid_total = NULL, unpaid_total = NULL");
        }
        assertTrue(customer(customer).get("deal_total").isNull());

        // a salesperson may not run it; an admin may, for one form or all
        api.as("sales1").post(REBUILD, Map.of()).expect(403);
        api.as("admin").post(REBUILD + "?form=nothing_here", Map.of()).expect(404);
        JsonNode rebuilt = api.as("admin").post(REBUILD + "?form=deal", Map.of()).expect(200).json();
        assertTrue(rebuilt.get("forms").get("deal").asLong() >= 1, rebuilt.toString());
        assertTrue(customer(customer).get("deal_total").isNull(), "only the deal's rollups were rebuilt");
        api.as("admin").post(REBUILD, Map.of()).expect(200);

        JsonNode c = customer(customer);
        for (String field : CUSTOMER_ROLLUPS) {
            assertEquals(liveCustomer.get(field), c.get(field), field);
        }
        JsonNode d = deal(deal);
        for (String field : List.of("paid_total", "unpaid_total")) {
            assertEquals(liveDeal.get(field), d.get(field), field);
        }
    }

    @Test
    void nobodyWritesARollupField() {
        long customer = activeCustomer("只读汇总");
        JsonNode c = customer(customer);
        // like every system-set field: 400 on the field, unless it merely repeats the stored value
        JsonNode refused = api.as("sales1").patch(RECORDS + "/" + customer, Map.of("deal_total", 999999,
                "version", c.get("version").asLong())).expect(400).json();
        assertEquals("deal_total", refused.get("errors").get(0).get("field").asText(), refused.toString());
        Map<String, Object> created = Customers.valid(Customers.uniqueName("只读新建"));
        created.put("visit_count", 5);
        JsonNode onCreate = api.as("sales1").post(RECORDS, created).expect(400).json();
        assertEquals("visit_count", onCreate.get("errors").get(0).get("field").asText(), onCreate.toString());
        assertMoney("0", customer(customer), "deal_total");
    }

    @Test
    void aPublishThatAddsARollupFillsItForTheRecordsThereAre() {
        long customer = activeCustomer("发布汇总");
        long opportunity = api.as("sales1").post("/api/forms/opportunity/records", Map.of("name", "汇总商机"
                + System.nanoTime(), "customer", customer, "stage", "initial", "expected_amount", 120000,
                "expected_close_date", today().plusDays(30).toString())).expect(201).json().get("id").asLong();
        Map<String, Object> f = new LinkedHashMap<>(Map.of("customer", customer, "opportunity", opportunity,
                "subject", "商机跟进", "method", "phone", "follow_up_time", at(1, 9), "content", "沟通需求"));
        api.as("sales1").post(FOLLOW_UPS, f).expect(201);
        api.as("admin").send(io.micronaut.http.HttpMethod.PUT, "/api/admin/metadata/form/opportunity",
                io.micronaut.http.MediaType.of("application/yaml"), "fields:\n  - key: follow_up_count\n"
                        + "    type: rollup\n    label: {zh-CN: 跟进次数, en: Follow-ups}\n"
                        + "    rollup: {form: follow_up, via: opportunity, op: count}\n").expect(204);
        api.as("admin").post("/api/admin/metadata/publish", Map.of("comment", "rollup")).expect(200);
        assertEquals(1, api.as("admin").get("/api/forms/opportunity/records/" + opportunity).expect(200).json()
                .get("follow_up_count").asLong());
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        }
    }
}
