package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a record page offers is what the API accepts: the engine answers both questions
 * (FlowOffers), so a flow the page hides is refused with a clear 409 when posted anyway, and
 * the page offers no 撤销 the engine would refuse.
 */
class OfferedActionsIT extends AppTestBase {

    private static final String APPLY = "apply_owner";

    private Flows flows;

    @BeforeAll
    void flows() {
        flows = new Flows(api);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A customer approved by contract1, owned by sales1. */
    private long ownedBySales1(String name) {
        long id = api.as("sales1").post(RECORDS, Customers.valid(name))
                .expect(201).json().get("id").asLong();
        long instance = flows.act("sales1", "customer", id, "submit", Map.of("assignee", "contract1")).expect(200)
                .json().get("id").asLong();
        flows.task("contract1", flows.pendingTask("contract1", instance), "approve",
                Map.of("fields", Map.of("category", "sme"))).expect(200);
        return id;
    }

    @Test
    void anOwnerIsNeitherOfferedNorGrantedAnOwnerApplication() {
        long id = ownedBySales1(Customers.uniqueName("提供"));
        String page = api.as("sales1").get("/forms/customer/" + id).expect(200).body();
        assertFalse(page.contains("/actions/" + APPLY), "the owner's page offers no application");

        JsonNode refused = flows.act("sales1", "customer", id, APPLY, Map.of()).expect(409).json();
        assertTrue(refused.get("title").asText().contains("负责人"), refused.toString());
        assertTrue(flows.act("sales2", "customer", id, APPLY, Map.of()).expect(200).json().has("id"),
                "someone who does not own it still may apply");
    }

    @Test
    void anAddedOwnerIsRefusedASecondApplication() {
        String name = Customers.uniqueName("共有");
        long id = ownedBySales1(name);
        String before = api.as("sales2").get("/forms/customer?q=" + encode(name)).expect(200).body();
        assertTrue(before.contains("/forms/customer/" + id + "/actions/" + APPLY), "offered on the row: " + before);
        long instance = flows.act("sales2", "customer", id, APPLY, Map.of()).expect(200).json().get("id").asLong();
        flows.task("contract1", flows.pendingTask("contract1", instance), "approve", Map.of()).expect(200);
        String page = api.as("sales2").get("/forms/customer/" + id).expect(200).body();
        assertFalse(page.contains("/actions/" + APPLY), "an added owner's page offers no application");
        String list = api.as("sales2").get("/forms/customer?q=" + encode(name)).expect(200).body();
        assertFalse(list.contains("/forms/customer/" + id + "/actions/" + APPLY), "nor does their list");
        flows.act("sales2", "customer", id, APPLY, Map.of()).expect(409);
    }

    @Test
    void aWithdrawTheEngineWouldRefuseIsNotOffered() {
        long customer = flows.approveCustomer("sales1", api.as("sales1").post(RECORDS,
                Customers.valid(Customers.uniqueName("撤销"))).expect(201).json().get("id").asLong());
        BigDecimal amount = new BigDecimal("2000000.00");
        long deal = api.as("sales1").post("/api/forms/deal/records", Map.of(
                "contract_name", "会签合同" + System.nanoTime(), "contract_no", "HT" + System.nanoTime(),
                "customer", customer, "deal_date", "2026-11-20", "amount", amount,
                "items", List.of(Map.of("product", "CRM 软件", "quantity", 1, "unit_price", amount))))
                .expect(201).json().get("id").asLong();
        long instance = flows.act("sales1", "deal", deal, "submit", Map.of()).expect(200).json().get("id").asLong();
        assertTrue(api.as("sales1").get("/forms/deal/" + deal).expect(200).body().contains("/actions/withdraw"),
                "nobody has decided yet: 撤销 is offered");
        flows.task("leader1", flows.pendingTask("leader1", instance), "approve", Map.of()).expect(200);
        // one of the countersign decided: the step is under way, too late to withdraw
        flows.task("manager1", flows.pendingTask("manager1", instance), "approve", Map.of()).expect(200);
        assertFalse(api.as("sales1").get("/forms/deal/" + deal).expect(200).body().contains("/actions/withdraw"),
                "no 撤销 on the record's page");
        assertFalse(api.as("sales1").get("/tasks?box=mine").expect(200).body()
                .contains("action=\"/flows/" + instance + "/withdraw\""), "nor in 我的申请");
        flows.act("sales1", "deal", deal, "withdraw", Map.of()).expect(409);
    }
}
