package dev.formation.it;

import dev.formation.i18n.Texts;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import dev.formation.testing.PageClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.formation.testing.PageClient.html;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Users read labels and names, never the engine's keys: a record's history, the operation log,
 * the flow pages and the notifications (in-app and e-mail text) name flows and steps by their
 * labels, people by their names, records by their titles.
 */
class PlainWordsIT extends AppTestBase {

    private PageClient pages;
    private Flows flows;

    /** One customer taken through the new-customer approval, with an urge on the way. */
    private String name;
    private long id;
    private long instance;

    @BeforeAll
    void approvedWithAnUrge() {
        pages = new PageClient(api);
        flows = new Flows(api);
        name = Customers.uniqueName("说人话");
        id = api.as("sales1").post(RECORDS, Customers.valid(name)).expect(201).json().get("id").asLong();
        instance = flows.act("sales1", "customer", id, "submit", Map.of("assignee", "contract1")).expect(200).json()
                .get("id").asLong();
        long task = flows.pendingTask("contract1", instance);
        flows.task("sales1", task, "urge", Map.of()).expect(200);
        flows.task("contract1", task, "approve", Map.of("comment", "同意",
                "fields", Map.of("category", "key_account"))).expect(200);
    }

    @Test
    void aRecordsHistoryNamesTheFlowTheStepAndThePeople() {
        String history = html(pages.get("sales1", "/forms/customer/" + id + "/history").expect(200));
        for (String raw : List.of("flow_", "customer_approval", "contract_review", "<dt>instance</dt>",
                "<dt>node</dt>", "<dt>flow</dt>", ">sales1<", ">contract1<")) {
            assertFalse(history.contains(raw), "the history shows no " + raw + ": " + history);
        }
        for (String plain : List.of("提交审批", "审批同意", "审批通过", "新客户审批", "销售合同管理员审批", "张伟", "陈静")) {
            assertTrue(history.contains(plain), "the history says " + plain);
        }
        assertTrue(history.contains("href=\"/flows/" + instance + "\""), "the flow links to its instance");

        String english = html(pages.english("sales1", "/forms/customer/" + id + "/history").expect(200));
        assertFalse(english.contains("flow_") || english.contains("contract_review"), english);
        assertTrue(english.contains("Submitted for approval") && english.contains("New customer approval")
                && english.contains("Sales-contract admin review"), english);
    }

    @Test
    void theOperationLogNamesRecordsByTitleAndActionsByLabel() {
        String log = html(pages.get("admin", "/admin/audit?form=customer&record=" + id).expect(200));
        assertTrue(log.contains("客户 · " + name), "the record by its title: " + log);
        assertFalse(log.contains("#" + id + "<"), "not by its number");
        assertFalse(log.contains("flow_") || log.contains("contract_review"), log);
    }

    @Test
    void everyActionTheAuditTrailHoldsHasALabelInBothLanguages() throws SQLException {
        List<String> actions = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT `action` FROM `audit_log`")) {
            while (rs.next()) {
                actions.add(rs.getString(1));
            }
        }
        assertTrue(actions.contains("flow_approve") && actions.contains("flow_urge"), "the flow was audited: " + actions);
        for (String action : actions) {
            for (Locale locale : List.of(Texts.ZH_CN, Locale.ENGLISH)) {
                String key = "page.audit.action." + action;
                assertNotEquals(key, Texts.get(locale, key), action + " has a label in " + locale);
            }
        }
    }

    @Test
    void notificationsNamePeopleNotUsernames() {
        String inbox = html(pages.get("contract1", "/notifications").expect(200));
        assertTrue(inbox.contains("张伟 催您尽快审批"), "the urge names the submitter: " + inbox);
        assertTrue(inbox.contains("张伟 提交的“新客户审批”"), "so does the task");
        // the e-mails are written from the same rows
        assertEquals(0, count("SELECT COUNT(*) FROM `notifications` WHERE `instance_id` = ? AND (`subject` LIKE ? "
                + "OR `body` LIKE ? OR `body` LIKE ?)", instance, "%sales1%", "%sales1%", "%contract1%"));
        assertTrue(count("SELECT COUNT(*) FROM `notifications` WHERE `instance_id` = ?", instance) >= 3,
                "task, urge, approval and the copy were notified");
    }

    @Test
    void theCopyAtApprovalShowsAsACopyNotAsAKey() {
        // leader1 is sales1's supervisor, copied in when the approval ends
        String flow = html(pages.get("leader1", "/flows/" + instance).expect(200));
        assertFalse(flow.contains("has-text-grey\">cc</p>"), "the copy's step is no key: " + flow);
        assertTrue(flow.contains("has-text-grey\">抄送</p>"), flow);
        String box = html(pages.get("leader1", "/tasks?box=cc").expect(200));
        assertTrue(box.contains(name), "the copy is in the cc box");
        assertFalse(box.contains(">cc<"), box);
    }
}
