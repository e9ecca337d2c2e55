package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deal approval of {@code metadata/flows/deal_approval.yaml}, defined only in YAML: the team
 * leader, a condition on the amount that adds a countersign (会签) by the manager and the
 * contract admin, then finance; and the runtime actions around it — transfer, added approvers,
 * a return to a passed node, resubmission at the returning node, approval by a delegate.
 */
class DealApprovalFlowIT extends AppTestBase {

    private static final String DEALS = "/api/forms/deal/records";
    private Flows flows;
    private long customer;

    @BeforeAll
    void activeCustomer() {
        flows = new Flows(api);
        customer = flows.approveCustomer("sales1", api.as("sales1").post(RECORDS,
                Customers.valid(Customers.uniqueName("成交"))).expect(201).json().get("id").asLong());
    }

    private long deal(String amount) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("contract_name", "软件采购合同" + System.nanoTime());
        d.put("contract_no", "HT" + System.nanoTime());
        d.put("customer", customer);
        d.put("deal_date", "2026-11-20");
        d.put("amount", new java.math.BigDecimal(amount));
        d.put("items", List.of(Map.of("product", "CRM 软件", "quantity", 1, "unit_price", new java.math.BigDecimal(amount))));
        JsonNode created = api.as("sales1").post(DEALS, d).expect(201).json();
        assertEquals("draft", created.get("status").asText());
        return created.get("id").asLong();
    }

    private long submit(long deal) {
        return flows.act("sales1", "deal", deal, "submit", Map.of()).expect(200).json().get("id").asLong();
    }

    private String dealStatus(long id) {
        return api.as("admin").get(DEALS + "/" + id).expect(200).json().get("status").asText();
    }

    private List<String> routeOf(long deal) {
        List<String> keys = new ArrayList<>();
        api.as("sales1").get(Flows.action("deal", deal, "submit") + "/route").expect(200).json().get("nodes")
                .forEach(n -> keys.add(n.get("key").asText()));
        return keys;
    }

    private void approve(String user, long instance) {
        flows.task(user, flows.pendingTask(user, instance), "approve", Map.of("comment", "同意")).expect(200);
    }

    @Test
    void aSmallDealGoesFromTheLeaderStraightToFinance() {
        long deal = deal("50000.00");
        assertEquals(List.of("leader_review", "finance_review"), routeOf(deal));
        long instance = submit(deal);
        assertEquals("pending", dealStatus(deal));
        approve("leader1", instance);
        assertFalse(flows.hasPendingTask("manager1", instance), "no countersign under the limit");
        approve("finance1", instance);
        assertEquals("active", dealStatus(deal));
    }

    @Test
    void aBigDealNeedsBothCountersignersAndCanBeSentBackToThem() {
        long deal = deal("2000000.00");
        assertEquals(List.of("leader_review", "countersign", "finance_review"), routeOf(deal));
        long instance = submit(deal);
        approve("leader1", instance);

        // 会签: both must approve; one is not enough
        assertTrue(flows.hasPendingTask("manager1", instance));
        assertTrue(flows.hasPendingTask("contract1", instance));
        approve("manager1", instance);
        assertEquals("countersign", flows.instance("sales1", instance).get("current_node").asText());
        assertFalse(flows.hasPendingTask("finance1", instance));
        approve("contract1", instance);
        assertTrue(flows.hasPendingTask("finance1", instance));

        // finance sends it back to the countersign node, which asks both again
        flows.task("finance1", flows.pendingTask("finance1", instance), "reject",
                Map.of("to", "leader_review_not_passed")).expect(400);
        flows.task("finance1", flows.pendingTask("finance1", instance), "reject",
                Map.of("to", "countersign", "comment", "请再核对付款条款")).expect(200);
        assertTrue(flows.hasPendingTask("manager1", instance));
        assertTrue(flows.hasPendingTask("contract1", instance));
        assertFalse(flows.hasPendingTask("leader1", instance));
        approve("manager1", instance);
        approve("contract1", instance);
        approve("finance1", instance);
        assertEquals("active", dealStatus(deal));
    }

    @Test
    void aReturnedDealIsResubmittedAtTheNodeThatReturnedIt() {
        long deal = deal("80000.00");
        long instance = submit(deal);
        approve("leader1", instance);
        flows.task("finance1", flows.pendingTask("finance1", instance), "reject",
                Map.of("comment", "金额有误")).expect(200);
        assertEquals("draft", dealStatus(deal), "a return puts the deal back to 新建");
        assertEquals("returned", flows.instance("sales1", instance).get("status").asText());
        assertTrue(api.as("sales1").get("/api/notifications").expect(200).json().toString().contains("已退回"));

        // editable again, then resubmitted: the flow resumes at finance (resubmit: returned)
        JsonNode stored = api.as("sales1").get(DEALS + "/" + deal).expect(200).json();
        api.as("sales1").patch(DEALS + "/" + deal, Map.of("version", stored.get("version").asLong(),
                "amount", 81000, "items", List.of(Map.of("product", "CRM 软件", "quantity", 1,
                        "unit_price", 81000)))).expect(200);
        long again = submit(deal);
        assertEquals(instance, again, "the same instance goes on");
        assertFalse(flows.hasPendingTask("leader1", instance));
        approve("finance1", instance);
        assertEquals("active", dealStatus(deal));
    }

    @Test
    void approversTransferAndAddApproversBeforeAndAfterThemselves() {
        long deal = deal("60000.00");
        long instance = submit(deal);
        long leaderTask = flows.pendingTask("leader1", instance);
        flows.task("sales2", leaderTask, "transfer", Map.of("to", "manager1")).expect(403);
        flows.task("leader1", leaderTask, "transfer", Map.of("to", "manager1", "comment", "出差中")).expect(200);
        assertFalse(flows.hasPendingTask("leader1", instance));

        long managerTask = flows.pendingTask("manager1", instance);
        flows.task("manager1", managerTask, "add-approver", Map.of("users", List.of("sales2"), "position", "before"))
                .expect(200);
        assertFalse(flows.hasPendingTask("manager1", instance), "waits for the approver added before");
        approve("sales2", instance);
        managerTask = flows.pendingTask("manager1", instance);
        flows.task("manager1", managerTask, "add-approver", Map.of("users", List.of("contract1"), "position", "after"))
                .expect(200);
        assertFalse(flows.hasPendingTask("contract1", instance));
        approve("manager1", instance);
        assertFalse(flows.hasPendingTask("finance1", instance), "the approver added after still has to act");
        approve("contract1", instance);
        assertTrue(flows.hasPendingTask("finance1", instance));

        List<String> actions = new ArrayList<>();
        flows.instance("sales1", instance).get("events").forEach(e -> actions.add(e.get("action").asText()));
        assertEquals(List.of("submit", "transfer", "add_approver", "approve", "add_approver", "approve", "approve"),
                actions);
    }

    @Test
    void aDelegateApprovesForThePrincipalAndTheAuditNamesBoth() {
        LocalDateTime now = now().truncatedTo(ChronoUnit.SECONDS);
        api.as("finance1").post("/api/delegations", Map.of("delegate", "assistant1", "kind", "approve_on_behalf",
                "starts_at", now.minusMinutes(1).toString(), "ends_at", now.plusDays(1).toString())).expect(201);
        long deal = deal("70000.00");
        long instance = submit(deal);
        approve("leader1", instance);
        long task = flows.pendingTask("assistant1", instance);
        flows.task("assistant1", task, "approve", Map.of("comment", "代财务审批")).expect(200);
        assertEquals("active", dealStatus(deal));
        JsonNode approval = null;
        for (JsonNode e : flows.instance("sales1", instance).get("events")) {
            if (e.get("action").asText().equals("approve") && e.get("node").asText().equals("finance_review")) {
                approval = e;
            }
        }
        assertEquals("assistant1", approval.get("username").asText());
        assertEquals("finance1", approval.get("on_behalf_of").asText());
        assertTrue(count("SELECT COUNT(*) FROM audit_log WHERE action = 'flow_approve' AND username = 'assistant1' "
                + "AND on_behalf_of = 'finance1' AND record_id = ?", deal) == 1);
        assertTrue(flows.box("finance1", "done").stream().anyMatch(t -> t.get("id").asLong() == task),
                "the principal's done box shows what was done for them");
    }

    @Test
    void aSalesTargetIsReviewedByTheLeaderOfItsTeam() {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("name", "张伟 2027年3月指标 " + System.nanoTime());
        target.put("owner", "sales1");
        target.put("department", "team_east");
        target.put("period", "month");
        target.put("start_date", "2027-03-01");
        target.put("end_date", "2027-03-31");
        target.put("target_new_customers", 5);
        target.put("target_visits", 40);
        target.put("target_deal_amount", 500000);
        target.put("target_payment_amount", 300000);
        long id = api.as("manager1").post("/api/forms/sales_target/records", target).expect(201).json().get("id").asLong();
        long instance = flows.act("manager1", "sales_target", id, "submit", Map.of()).expect(200).json()
                .get("id").asLong();
        approve("leader1", instance);
        assertEquals("active", api.as("manager1").get("/api/forms/sales_target/records/" + id).expect(200).json()
                .get("status").asText(), "已下达 once the team leader approves");
    }
}
