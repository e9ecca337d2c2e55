package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.flow.FlowJobs;
import dev.formation.flow.JobLeases;
import dev.formation.plugins.notify.smtp.testing.GreenMailFront;
import dev.formation.plugins.notify.smtp.testing.ReceivedMessage;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import dev.formation.testing.Resources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The flow runtime around the actions: a flow added only as YAML in the overlay (a 票签 vote
 * with a copy at submit), timeouts run by the leased background job, e-mail through the SMTP
 * notifier plugin to GreenMail, urging, comments, taking a flow out of service.
 */
class FlowRuntimeIT extends AppTestBase {

    private static final String REPORTS = "/api/forms/daily_report/records";
    private static GreenMailFront smtp;
    private Flows flows;

    @Override
    protected Map<String, Object> overrides(Path tempDir) {
        smtp = GreenMailFront.start();
        return Map.of("formation.metadata-dir", Resources.folder("overlays/flow-vote").toString(),
                "formation.notifiers.smtp.host", smtp.host(),
                "formation.notifiers.smtp.port", String.valueOf(smtp.port()),
                "formation.notifiers.smtp.from", "Formation <noreply@formation-demo.example.com>",
                "formation.public-url", "https://crm.example.com",
                // the test drives the job itself, with a clock of its choosing
                "formation.flow.job-interval", "1h");
    }

    @BeforeAll
    void flows() {
        flows = new Flows(api);
    }

    @AfterAll
    void stopSmtp() {
        smtp.close();
    }

    private FlowJobs jobs() {
        return app.context().getBean(FlowJobs.class);
    }

    private long dailyReport(String summary) {
        return api.as("sales1").post(REPORTS, Map.of("report_date", "2026-11-20", "summary", summary,
                "plan", "明日拜访两家客户")).expect(201).json().get("id").asLong();
    }

    @Test
    void aVoteAddedOnlyInYamlPassesAtItsRatioAndFailsWhenOutOfReach() {
        long passing = flows.act("sales1", "daily_report", dailyReport("投票通过"), "submit", Map.of()).expect(200)
                .json().get("id").asLong();
        assertTrue(flows.box("manager1", "cc").stream().anyMatch(t -> t.get("instance_id").asLong() == passing),
                "copied in at submit");
        flows.task("leader1", flows.pendingTask("leader1", passing), "approve", Map.of()).expect(200);
        flows.task("contract1", flows.pendingTask("contract1", passing), "reject", Map.of("comment", "不同意"))
                .expect(200);
        assertEquals("running", flows.instance("sales1", passing).get("status").asText(), "2 of 3 can still pass");
        flows.task("finance1", flows.pendingTask("finance1", passing), "approve", Map.of()).expect(200);
        assertEquals("approved", flows.instance("sales1", passing).get("status").asText());

        long failing = flows.act("sales1", "daily_report", dailyReport("投票不通过"), "submit", Map.of()).expect(200)
                .json().get("id").asLong();
        flows.task("leader1", flows.pendingTask("leader1", failing), "reject", Map.of()).expect(200);
        flows.task("contract1", flows.pendingTask("contract1", failing), "reject", Map.of()).expect(200);
        JsonNode failed = flows.instance("sales1", failing);
        assertEquals("returned", failed.get("status").asText(), "60% is out of reach");
        assertFalse(flows.hasPendingTask("finance1", failing));
    }

    @Test
    void anOverdueTaskRemindsItsApproverOnceAndTheJobRunsOnOneNode() {
        long id = api.as("sales1").post(RECORDS, Customers.valid(Customers.uniqueName("超时"))).expect(201).json()
                .get("id").asLong();
        long instance = flows.act("sales1", "customer", id, "submit", Map.of("assignee", "contract1")).expect(200)
                .json().get("id").asLong();
        LocalDateTime later = now().plusHours(49).truncatedTo(ChronoUnit.SECONDS);

        // another node holds the lease: this one does nothing
        JobLeases leases = app.context().getBean(JobLeases.class);
        assertTrue(leases.acquire("flows", "another-node", Duration.ofHours(100), later));
        assertEquals(0, jobs().runDue(later));
        assertTrue(leases.acquire("flows", "another-node", Duration.ofSeconds(1), later.minusHours(100)),
                "the other node lets its lease run out");

        assertTrue(jobs().runDue(later) >= 1);
        assertEquals(0, jobs().runDue(later), "reminded once");
        JsonNode view = flows.instance("sales1", instance);
        boolean reminded = false;
        for (JsonNode e : view.get("events")) {
            reminded |= e.get("action").asText().equals("remind");
        }
        assertTrue(reminded, view.get("events").toString());
        assertTrue(flows.hasPendingTask("contract1", instance), "a reminder leaves the task with its approver");
        assertTrue(api.as("contract1").get("/api/notifications").expect(200).json().toString().contains("已超时"));
    }

    @Test
    void timeLimitsApproveOrReturnOnTheirOwn() {
        long customer = api.as("sales1").get(RECORDS + "?status=active&size=1").expect(200).json().get("items").get(0)
                .get("id").asLong();
        long followUp = api.as("sales1").post("/api/forms/follow_up/records", Map.of("customer", customer,
                "subject", "核查时限", "method", "phone", "follow_up_time", "2026-11-20T10:00:00", "content", "电话沟通"))
                .expect(201).json().get("id").asLong();
        long instance = flows.act("sales1", "follow_up", followUp, "submit", Map.of()).expect(200).json()
                .get("id").asLong();
        LocalDateTime later = now().plusHours(3).truncatedTo(ChronoUnit.SECONDS);
        jobs().runDue(later);
        assertFalse(flows.hasPendingTask("leader1", instance), "approved when its time ran out");
        assertTrue(flows.hasPendingTask("manager1", instance));
        jobs().runDue(later);
        JsonNode view = flows.instance("sales1", instance);
        assertEquals("returned", view.get("status").asText(), "rejected when its time ran out");
        java.util.List<String> actions = new java.util.ArrayList<>();
        view.get("events").forEach(e -> actions.add(e.get("action").asText()));
        assertEquals(List.of("submit", "timeout_approve", "timeout_reject", "returned"), actions);
    }

    @Test
    void anApproversEditSteersTheBranchesAhead() {
        long customer = api.as("sales1").get(RECORDS + "?status=active&size=1").expect(200).json().get("items").get(0)
                .get("id").asLong();
        java.math.BigDecimal small = new java.math.BigDecimal("50000");
        long deal = api.as("sales1").post("/api/forms/deal/records", Map.of("contract_name", "改金额合同",
                "contract_no", "HT-EDIT-" + System.nanoTime(), "customer", customer, "deal_date", "2026-11-20",
                "amount", small, "items", List.of(Map.of("product", "CRM 软件", "quantity", 1, "unit_price", small))))
                .expect(201).json().get("id").asLong();
        long instance = flows.act("sales1", "deal", deal, "submit", Map.of()).expect(200).json().get("id").asLong();
        flows.task("leader1", flows.pendingTask("leader1", instance), "approve",
                Map.of("fields", Map.of("amount", 2500000), "comment", "合同金额应为250万")).expect(200);
        assertTrue(flows.hasPendingTask("manager1", instance), "the corrected amount needs the countersign");
        assertFalse(flows.hasPendingTask("finance1", instance));
    }

    private long opportunity(String user) {
        long customer = api.as("sales1").get(RECORDS + "?status=active&size=1").expect(200).json().get("items").get(0)
                .get("id").asLong();
        return api.as(user).post("/api/forms/opportunity/records", Map.of("name", "评审商机" + System.nanoTime(),
                "customer", customer, "stage", "initial", "expected_amount", 120000,
                "expected_close_date", "2027-01-31")).expect(201).json().get("id").asLong();
    }

    private List<String> actions(long instance) {
        List<String> out = new java.util.ArrayList<>();
        flows.instance("sales1", instance).get("events").forEach(e -> out.add(e.get("action").asText()));
        return out;
    }

    @Test
    void theSameApproverTwiceInARowApprovesOnceAndNobodyFallsBackToTheAdmin() {
        long instance = flows.act("sales1", "opportunity", opportunity("sales1"), "submit", Map.of()).expect(200)
                .json().get("id").asLong();
        flows.task("leader1", flows.pendingTask("leader1", instance), "approve", Map.of()).expect(200);
        // leader1 is also sales1's direct supervisor and first in the chain: not asked again
        assertFalse(flows.hasPendingTask("leader1", instance));
        flows.task("manager1", flows.pendingTask("manager1", instance), "approve", Map.of()).expect(200);
        // sales1 has no third-level supervisor: the flow's fallback takes the step
        flows.task("admin", flows.pendingTask("admin", instance), "approve", Map.of()).expect(200);
        assertEquals("approved", flows.instance("sales1", instance).get("status").asText());
        assertEquals(List.of("submit", "approve", "auto_approve", "auto_approve", "approve", "approve", "approved"),
                actions(instance));
    }

    @Test
    void theSubmittersOwnStepApprovesItself() {
        long instance = flows.act("leader1", "opportunity", opportunity("leader1"), "submit", Map.of()).expect(200)
                .json().get("id").asLong();
        assertFalse(flows.hasPendingTask("leader1", instance));
        assertTrue(flows.hasPendingTask("manager1", instance), "leader1's direct supervisor");
        JsonNode auto = flows.instance("leader1", instance).get("events").get(1);
        assertEquals("auto_approve", auto.get("action").asText());
        assertEquals("submitter", auto.get("details").get("reason").asText());
    }

    @Test
    void aStepThatFindsNobodyIsRefusedAtSubmitAndLeavesNothing() {
        long report = dailyReport("无人审批");
        JsonNode refused = flows.act("sales1", "daily_report", report, "escalate", Map.of()).expect(400).json();
        assertEquals("assignee", refused.get("errors").get(0).get("field").asText());
        assertTrue(refused.get("errors").get(0).get("message").asText().contains("找不到审批人"), refused.toString());
        assertEquals(0, count("SELECT COUNT(*) FROM flow_instances WHERE flow_key = 'daily_report_escalation'"));
        assertEquals(0, count("SELECT COUNT(*) FROM flow_locks WHERE lock_key = ?", "daily_report:" + report));
    }

    @Test
    void anApproverIsToldByEmailAndTheLinkOpensTheRequest() throws Exception {
        smtp.clear();
        long id = api.as("sales1").post(RECORDS, Customers.valid(Customers.uniqueName("邮件"))).expect(201).json()
                .get("id").asLong();
        long instance = flows.act("sales1", "customer", id, "submit", Map.of("assignee", "contract1")).expect(200)
                .json().get("id").asLong();
        jobs().runDue(now().truncatedTo(ChronoUnit.SECONDS));
        List<ReceivedMessage> mail = smtp.awaitMessages(1, Duration.ofSeconds(10));
        ReceivedMessage m = mail.stream().filter(x -> toContract1About(x, instance)).findFirst().orElseThrow(() -> new AssertionError("no mail to contract1 about " + instance + ": "
                        + mail.stream().map(ReceivedMessage::text).toList()));
        assertTrue(m.subject().startsWith("【待审批】新客户审批"), m.subject());
        assertTrue(m.text().contains("https://crm.example.com/flows/" + instance), m.text());
        assertEquals(1, count("SELECT COUNT(*) FROM notifications WHERE username = 'contract1' AND instance_id = ? "
                + "AND email_status = 'sent'", instance));
        jobs().runDue(now().truncatedTo(ChronoUnit.SECONDS));
        assertEquals(1, smtp.messages().stream().filter(x -> toContract1About(x, instance)).count(), "sent once");
    }

    private static boolean toContract1About(ReceivedMessage message, long instance) {
        return message.envelopeRecipients().contains("contract1@formation-demo.example.com")
                && java.util.regex.Pattern.compile("/flows/" + instance + "(\\D|$)").matcher(message.text()).find();
    }

    @Test
    void theSubmitterUrgesAndParticipantsComment() {
        long id = api.as("sales1").post(RECORDS, Customers.valid(Customers.uniqueName("催办"))).expect(201).json()
                .get("id").asLong();
        long instance = flows.act("sales1", "customer", id, "submit", Map.of("assignee", "contract1")).expect(200)
                .json().get("id").asLong();
        long task = flows.pendingTask("contract1", instance);
        flows.task("sales2", task, "urge", Map.of()).expect(403);
        flows.task("sales1", task, "urge", Map.of()).expect(200);
        flows.task("sales1", task, "urge", Map.of()).expect(409);
        assertTrue(api.as("contract1").get("/api/notifications").expect(200).json().toString().contains("催办"));
        api.as("contract1").post("/api/flows/instances/" + instance + "/comments", Map.of("comment", "请补充营业执照"))
                .expect(200);
        api.as("sales2").post("/api/flows/instances/" + instance + "/comments", Map.of("comment", "路过")).expect(403);
        api.as("sales2").get("/api/flows/instances/" + instance).expect(404);
        JsonNode counts = api.as("contract1").get("/api/tasks/counts").expect(200).json();
        assertTrue(counts.get("pending").asInt() >= 1);
    }

    @Test
    void aFlowWithRunningInstancesCannotBeTakenOutOfService() {
        long report = dailyReport("停用测试");
        long instance = flows.act("sales1", "daily_report", report, "submit", Map.of()).expect(200).json()
                .get("id").asLong();
        api.as("sales1").post("/api/flows/daily_report_review/unpublish", Map.of()).expect(403);
        api.as("admin").post("/api/flows/daily_report_review/unpublish", Map.of()).expect(409);
        api.as("sales1").post("/api/flows/instances/" + instance + "/withdraw", Map.of()).expect(200);
        // earlier tests may have left returned instances: withdraw them too
        for (JsonNode mine : flows.box("sales1", "mine")) {
            if (mine.get("flow").asText().equals("daily_report_review")
                    && List.of("running", "returned").contains(mine.get("status").asText())) {
                api.as("sales1").post("/api/flows/instances/" + mine.get("instance_id").asLong() + "/withdraw", Map.of())
                        .expect(200);
            }
        }
        api.as("admin").post("/api/flows/daily_report_review/unpublish", Map.of()).expect(204);
        flows.act("sales1", "daily_report", dailyReport("停用后"), "submit", Map.of()).expect(409);
        api.as("admin").post("/api/flows/daily_report_review/publish", Map.of()).expect(204);
        flows.act("sales1", "daily_report", dailyReport("恢复后"), "submit", Map.of()).expect(200);
    }
}
