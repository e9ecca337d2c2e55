package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api.Response;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import dev.formation.testing.Resources;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * References keep their context. A reference that must agree with another field
 * ({@code mustMatch}, e.g. a payment's deal is a deal of the payment's customer) is offered and
 * accepted only when it does; and a record other live records refer to is not deleted from
 * under them. The overlay adds references inside the deal's line items, one agreeing with its row.
 */
class ReferencesIT extends AppTestBase {

    private static final String DEALS = "/api/forms/deal/records";
    private static final String PAYMENTS = "/api/forms/payment/records";
    private static final String OPPORTUNITIES = "/api/forms/opportunity/records";
    private static final String CSRF = "0123456789abcdef0123456789abcdef";

    private Flows flows;
    private long customerA;
    private long customerB;
    private String dealAName;
    private long dealA;
    private String dealBName;
    private long dealB;

    @Override
    protected Map<String, Object> overrides(Path tempDir) {
        return Map.of("formation.metadata-dir", Resources.folder("overlays/references").toString());
    }

    @BeforeAll
    void records() {
        flows = new Flows(api);
        customerA = activeCustomer("回款甲");
        customerB = activeCustomer("回款乙");
        dealAName = "甲的合同" + System.nanoTime();
        dealA = deal(dealAName, customerA, Map.of());
        dealBName = "乙的合同" + System.nanoTime();
        dealB = deal(dealBName, customerB, Map.of());
    }

    private long activeCustomer(String prefix) {
        return flows.approveCustomer("sales1", api.as("sales1").post(RECORDS,
                Customers.valid(Customers.uniqueName(prefix))).expect(201).json().get("id").asLong());
    }

    private Map<String, Object> dealBody(String name, long customer, Map<String, Object> itemExtras) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("contract_name", name);
        d.put("contract_no", "HT" + System.nanoTime());
        d.put("customer", customer);
        d.put("deal_date", "2026-11-20");
        d.put("amount", new BigDecimal("10000"));
        Map<String, Object> item = new LinkedHashMap<>(Map.of("product", "CRM 软件", "quantity", 1,
                "unit_price", new BigDecimal("10000")));
        item.putAll(itemExtras);
        d.put("items", List.of(item));
        return d;
    }

    private long deal(String name, long customer, Map<String, Object> itemExtras) {
        return api.as("sales1").post(DEALS, dealBody(name, customer, itemExtras)).expect(201).json().get("id").asLong();
    }

    private Map<String, Object> payment(long customer, long deal) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("customer", customer);
        p.put("deal", deal);
        p.put("payment_date", "2026-11-21");
        p.put("amount", new BigDecimal("5000"));
        p.put("method", "bank_transfer");
        return p;
    }

    private long opportunity(long customer) {
        return api.as("sales1").post(OPPORTUNITIES, Map.of("name", "推荐商机" + System.nanoTime(), "customer", customer,
                "stage", "initial", "expected_amount", 120000, "expected_close_date", "2027-01-31")).expect(201).json()
                .get("id").asLong();
    }

    private Response page(String user, String path) {
        return api.as(user).header("Cookie", "FORMATION_CSRF=" + CSRF).get(path);
    }

    private static Map<String, String> errors(Response r) {
        Map<String, String> out = new HashMap<>();
        r.json().get("errors").forEach(e -> out.put(e.get("field").asText(), e.get("message").asText()));
        return out;
    }

    private List<Long> choiceIds(String path) {
        List<Long> out = new ArrayList<>();
        api.as("sales1").get(path).expect(200).json().forEach(c -> out.add(c.get("id").asLong()));
        return out;
    }

    // ---- a reference that must agree with another field ----

    @Test
    void aPaymentNamesOnlyADealOfItsOwnCustomer() {
        long before = count("SELECT COUNT(*) FROM `f_payment`");
        Response refused = api.as("sales1").post(PAYMENTS, payment(customerA, dealB)).expect(400);
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertEquals(List.of("deal"), List.copyOf(errors(refused).keySet()), refused.body());
        assertEquals("关联成交：所选记录的成交客户须与本单的回款客户一致", errors(refused).get("deal"));
        Response english = api.as("sales1").english().post(PAYMENTS, payment(customerA, dealB)).expect(400);
        assertEquals("Deal: the chosen record's Customer must be the Customer of this record",
                errors(english).get("deal"));
        assertEquals(before, count("SELECT COUNT(*) FROM `f_payment`"), "nothing was written");

        long id = api.as("sales1").post(PAYMENTS, payment(customerA, dealA)).expect(201).json().get("id").asLong();
        // moving the payment to another customer without its deal: the same refusal
        long version = api.as("finance1").get(PAYMENTS + "/" + id).expect(200).json().get("version").asLong();
        Response moved = api.as("finance1").patch(PAYMENTS + "/" + id, Map.of("version", version,
                "customer", customerB)).expect(400);
        assertEquals(List.of("deal"), List.copyOf(errors(moved).keySet()), moved.body());
        api.as("finance1").patch(PAYMENTS + "/" + id, Map.of("version", version, "customer", customerB,
                "deal", dealB)).expect(200);
    }

    @Test
    void aDealsOpportunityIsOneOfTheDealsCustomer() {
        long ofB = opportunity(customerB);
        Map<String, Object> body = dealBody("商机不符" + System.nanoTime(), customerA, Map.of());
        body.put("opportunity", ofB);
        Response refused = api.as("sales1").post(DEALS, body).expect(400);
        assertEquals(List.of("opportunity"), List.copyOf(errors(refused).keySet()), refused.body());
        body.put("customer", customerB);
        api.as("sales1").post(DEALS, body).expect(201);
    }

    @Test
    void aRowsReferenceAgreesWithItsRow() {
        long ofA = opportunity(customerA);
        Response refused = api.as("sales1").post(DEALS, dealBody("推荐不符" + System.nanoTime(), customerA,
                Map.of("referrer", customerB, "referrer_opportunity", ofA))).expect(400);
        assertEquals(List.of("items[0].referrer_opportunity"), List.copyOf(errors(refused).keySet()), refused.body());
        api.as("sales1").post(DEALS, dealBody("推荐相符" + System.nanoTime(), customerB,
                Map.of("referrer", customerA, "referrer_opportunity", ofA))).expect(201);
    }

    @Test
    void thePickersOfferOnlyTheRecordsThatAgree() {
        String choices = "/api/forms/payment/fields/deal/choices";
        List<Long> ofA = choiceIds(choices + "?match=" + customerA);
        assertTrue(ofA.contains(dealA) && !ofA.contains(dealB), ofA.toString());
        List<Long> ofB = choiceIds(choices + "?match=" + customerB);
        assertTrue(ofB.contains(dealB) && !ofB.contains(dealA), ofB.toString());
        List<Long> any = choiceIds(choices);
        assertTrue(any.contains(dealA) && any.contains(dealB), "nothing to agree with yet: " + any);
        api.as("sales1").get(choices + "?match=abc").expect(400);
        api.as("sales1").get("/api/forms/payment/fields/amount/choices").expect(404);
        api.as("sales1").get("/api/forms/deal/fields/items.referrer/choices").expect(200);

        long id = api.as("sales1").post(PAYMENTS, payment(customerA, dealA)).expect(201).json().get("id").asLong();
        String edit = page("finance1", "/forms/payment/" + id + "/edit").expect(200).body();
        int select = edit.indexOf("name=\"deal\"");
        assertTrue(select >= 0, edit);
        String dealSelect = edit.substring(select, edit.indexOf("</select>", select));
        assertTrue(dealSelect.contains(dealAName), dealSelect);
        assertFalse(dealSelect.contains(dealBName), "a deal of another customer is not offered: " + dealSelect);
        assertTrue(dealSelect.contains("data-match=\"customer\""), "the page re-offers when the customer changes");
    }

    // ---- a record others refer to is not deleted ----

    @Test
    void aCustomerWithDealsAndPaymentsIsNotDeleted() {
        long customer = activeCustomer("被引用");
        long deal = deal("被引用的合同" + System.nanoTime(), customer, Map.of());
        long payment = api.as("sales1").post(PAYMENTS, payment(customer, deal)).expect(201).json().get("id").asLong();

        Response refused = api.as("admin").delete(RECORDS + "/" + customer).expect(409);
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertEquals("仍有其他记录引用此记录，不能删除：成交 1 条、回款 1 条。请先修改或删除这些记录。",
                refused.json().get("title").asText(), refused.body());
        Map<String, Long> references = new HashMap<>();
        for (JsonNode r : refused.json().get("references")) {
            references.put(r.get("form").asText() + "/" + r.get("label").asText(), r.get("count").asLong());
        }
        assertEquals(Map.of("deal/成交", 1L, "payment/回款", 1L), references);
        Response english = api.as("admin").english().delete(RECORDS + "/" + customer).expect(409);
        assertTrue(english.json().get("title").asText().contains("Deal: 1, Payment: 1"), english.body());

        // nothing was deleted; the deal still names its customer
        read(customer);
        assertEquals(customer, api.as("admin").get(DEALS + "/" + deal).expect(200).json().get("customer").asLong());

        // the deal is referred to by the payment in turn; once that is gone, the rest may go
        Response dealRefused = api.as("admin").delete(DEALS + "/" + deal).expect(409);
        assertTrue(dealRefused.json().get("title").asText().contains("回款 1 条"), dealRefused.body());
        api.as("admin").delete(PAYMENTS + "/" + payment).expect(204);
        api.as("admin").delete(DEALS + "/" + deal).expect(204);
        api.as("admin").delete(RECORDS + "/" + customer).expect(204);
    }

    @Test
    void aReferenceInASubTableCountsToo() {
        long referrer = activeCustomer("被推荐引用");
        long deal = deal("推荐合同" + System.nanoTime(), customerA, Map.of("referrer", referrer));
        Response refused = api.as("admin").delete(RECORDS + "/" + referrer).expect(409);
        assertTrue(refused.json().get("title").asText().contains("成交 1 条"), refused.body());
        api.as("admin").delete(DEALS + "/" + deal).expect(204);
        api.as("admin").delete(RECORDS + "/" + referrer).expect(204);
    }

    @Test
    void aDeleteRacingANewReferenceNeverLeavesItDangling() throws Exception {
        for (int round = 0; round < 8; round++) {
            long customer = activeCustomer("并发删除");
            Map<String, Object> body = dealBody("并发合同" + System.nanoTime(), customer, Map.of());
            List<Integer> statuses = FlowRaceIT.together(List.of(
                    () -> api.as("admin").delete(RECORDS + "/" + customer),
                    () -> api.as("sales1").post(DEALS, body)));
            // the delete went first and the deal was refused, or the deal went first and the delete was
            assertTrue(statuses.equals(List.of(204, 400)) || statuses.equals(List.of(409, 201)),
                    "round " + round + ": " + statuses);
            long dangling = count("SELECT COUNT(*) FROM `f_deal` d JOIN `f_customer` c ON c.`id` = d.`customer` "
                    + "WHERE d.`deleted_at` IS NULL AND c.`deleted_at` IS NOT NULL");
            assertEquals(0, dangling, "no live deal names a deleted customer");
        }
    }

    @Test
    void theDetailPageSaysWhatStillRefersToTheCustomer() {
        String name = Customers.uniqueName("页面被引用");
        long customer = flows.approveCustomer("sales1", api.as("sales1").post(RECORDS, Customers.valid(name))
                .expect(201).json().get("id").asLong());
        deal("页面被引用的合同" + System.nanoTime(), customer, Map.of());
        long version = read(customer).get("version").asLong();
        Response refused = api.as("admin").header("Cookie", "FORMATION_CSRF=" + CSRF).send(HttpMethod.POST,
                "/forms/customer/" + customer + "/delete", MediaType.APPLICATION_FORM_URLENCODED_TYPE,
                "_csrf=" + CSRF + "&version=" + version).expect(409);
        assertTrue(refused.contentType().startsWith("text/html"), refused.contentType());
        String html = refused.body();
        assertTrue(html.contains("仍有其他记录引用此记录，不能删除：成交 1 条"), html);
        assertTrue(html.contains(name), "on the customer's own page: " + html);
        assertFalse(html.contains("Exception") || html.contains("at dev.formation"), html);
        read(customer);
    }
}
