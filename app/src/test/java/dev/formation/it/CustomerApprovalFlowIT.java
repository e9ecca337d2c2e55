package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 000's customer story through the API: the status machine of new-customer approval
 * (submit, withdraw, resubmit, approve with the management information), change requests with
 * documents and their pending lock, a privileged direct change, an owner application, and
 * deactivation — all on the shipped YAML flows.
 */
class CustomerApprovalFlowIT extends AppTestBase {

    private Flows flows;

    @BeforeAll
    void flows() {
        flows = new Flows(api);
    }

    private long draftOf(String user, String name) {
        JsonNode created = api.as(user).post(RECORDS, Customers.valid(name)).expect(201).json();
        assertEquals("draft", created.get("status").asText(), "a new customer is 新建");
        return created.get("id").asLong();
    }

    private String status(long id) {
        return read(id).get("status").asText();
    }

    /** A customer taken through approval by contract1, owned by sales1. */
    private long activeCustomer(String name) {
        long id = draftOf("sales1", name);
        long instance = flows.act("sales1", "customer", id, "submit", Map.of("assignee", "contract1")).expect(200)
                .json().get("id").asLong();
        flows.task("contract1", flows.pendingTask("contract1", instance), "approve",
                Map.of("fields", Map.of("category", "key_account"))).expect(200);
        assertEquals("active", status(id));
        return id;
    }

    @Test
    void newCustomerApprovalFollowsTheStatusMachine() {
        long id = draftOf("sales1", Customers.uniqueName("审批"));

        // the route before submitting: one node, chosen from the contract admins
        JsonNode route = api.as("sales1").get(Flows.action("customer", id, "submit") + "/route?assignee=contract1")
                .expect(200).json();
        assertEquals("contract_review", route.get("nodes").get(0).get("key").asText());
        assertEquals("contract1", route.get("nodes").get(0).get("assignees").get(0).get("username").asText());
        assertTrue(route.get("nodes").get(0).get("choose").asBoolean());

        // no approver chosen: a field error, nothing started
        JsonNode missing = flows.act("sales1", "customer", id, "submit", Map.of()).expect(400).json();
        assertEquals("assignee", missing.get("errors").get(0).get("field").asText());
        assertEquals("draft", status(id));
        flows.act("sales1", "customer", id, "submit", Map.of("assignee", "sales2")).expect(400);

        long instance = flows.act("sales1", "customer", id, "submit", Map.of("assignee", "contract1"))
                .expect(200).json().get("id").asLong();
        assertEquals("pending", status(id), "submit → 审批中");
        assertTrue(flows.hasPendingTask("contract1", instance));
        // the record is locked while under approval, on every write path
        api.as("sales1").patch(RECORDS + "/" + id, Map.of("version", read(id).get("version").asLong(),
                "website", "https://example.com")).expect(409);
        // a second submit is refused with a clear message
        JsonNode again = flows.act("sales1", "customer", id, "submit", Map.of("assignee", "contract1")).expect(409).json();
        assertTrue(again.get("title").asText().contains("审批中"), again.toString());

        // withdraw → 新建, the task disappears from the approver's box
        flows.act("sales1", "customer", id, "withdraw", Map.of()).expect(200);
        assertEquals("draft", status(id), "withdraw → 新建");
        assertFalse(flows.hasPendingTask("contract1", instance));

        // resubmit; the contract admin fills the management information and approves
        long second = flows.act("sales1", "customer", id, "submit", Map.of("assignee", "contract1"))
                .expect(200).json().get("id").asLong();
        long task = flows.pendingTask("contract1", second);
        // the category is required at this node
        JsonNode required = flows.task("contract1", task, "approve", Map.of()).expect(400).json();
        assertEquals("category", required.get("errors").get(0).get("field").asText());
        // a field the node does not open to the approver is refused
        flows.task("contract1", task, "approve", Map.of("fields", Map.of("name", "改名"))).expect(403);
        // sales1 is not the assignee
        flows.task("sales1", task, "approve", Map.of()).expect(403);
        JsonNode done = flows.task("contract1", task, "approve", Map.of("comment", "资料齐全",
                "fields", Map.of("category", "key_account", "credit_assessed", true))).expect(200).json();
        assertEquals("approved", done.get("status").asText());
        JsonNode record = read(id);
        assertEquals("active", record.get("status").asText(), "approve → 正常");
        assertEquals("key_account", record.get("category").asText());
        assertTrue(record.get("credit_assessed").asBoolean());
        // a double click acts once
        flows.task("contract1", task, "approve", Map.of()).expect(409);

        // boxes: done for the approver, mine for the submitter, cc for the submitter's supervisor
        assertTrue(flows.box("contract1", "done").stream().anyMatch(t -> t.get("id").asLong() == task));
        assertTrue(flows.box("sales1", "mine").stream().anyMatch(t -> t.get("instance_id").asLong() == second));
        assertTrue(flows.box("leader1", "cc").stream().anyMatch(t -> t.get("instance_id").asLong() == second),
                "the submitter's supervisor is copied in after approval");
        // the timeline names every step
        List<String> actions = new java.util.ArrayList<>();
        flows.instance("sales1", second).get("events").forEach(e -> actions.add(e.get("action").asText()));
        assertEquals(List.of("submit", "approve", "approved"), actions);
        assertTrue(api.as("sales1").get("/api/notifications").expect(200).json().toString().contains("已通过"));
    }

    @Test
    void aCustomerThatIsNotActiveCannotBeChosenByOtherForms() {
        long draft = draftOf("sales1", Customers.uniqueName("未生效"));
        Map<String, Object> visit = Map.of("customer", draft, "visit_time", "2026-11-20T10:00:00",
                "visit_type", "first_visit", "purpose", "初次拜访", "summary", "介绍产品", "contact_name", "林晓峰",
                "location", Map.of("text", "福建省福州市鼓楼区五四路158号"));
        JsonNode refused = api.as("sales1").post("/api/forms/visit/records", visit).expect(400).json();
        boolean customerRefused = false;
        for (JsonNode e : refused.get("errors")) {
            customerRefused |= e.get("field").asText().equals("customer") && e.get("message").asText().contains("尚未生效");
        }
        assertTrue(customerRefused, refused.toString());
    }

    @Test
    void changeRequestsWaitForApprovalAndNeedADocumentForTheName() {
        long id = activeCustomer(Customers.uniqueName("变更"));
        String oldName = read(id).get("name").asText();
        String newName = Customers.uniqueName("变更后");
        String path = RECORDS + "/" + id + "/change-requests";

        // the salesperson may not change the name directly any more
        api.as("sales1").patch(RECORDS + "/" + id, Map.of("version", read(id).get("version").asLong(),
                "name", newName)).expect(400);
        // without a document: 400 on attachments
        JsonNode noDoc = api.as("sales1").post(path, Map.of("changes", Map.of("name", newName))).expect(400).json();
        assertEquals("attachments", noDoc.get("errors").get(0).get("field").asText());
        // a text file renamed .pdf is refused by its content
        String fake = flows.upload("sales1", "营业执照.pdf", "not a pdf".getBytes(StandardCharsets.UTF_8));
        api.as("sales1").post(path, Map.of("changes", Map.of("name", newName), "attachments", List.of(fake)))
                .expect(400);

        String doc = flows.upload("sales1", "营业执照.pdf", Flows.pdf());
        JsonNode request = api.as("sales1").post(path, Map.of("changes", Map.of("name", newName),
                "attachments", List.of(doc))).expect(201).json();
        long instance = request.get("id").asLong();
        assertEquals(oldName, read(id).get("name").asText(), "the record is untouched until approval");
        assertEquals(oldName, request.get("changes").get(0).get("before").asText());
        assertEquals(newName, request.get("changes").get(0).get("after").asText());

        // a second request while one is pending is refused
        JsonNode second = api.as("sales1").post(path, Map.of("changes", Map.of("website", "https://x.example.com")))
                .expect(409).json();
        assertTrue(second.get("title").asText().contains("变更申请"), second.toString());

        flows.task("contract1", flows.pendingTask("contract1", instance), "approve", Map.of()).expect(200);
        assertEquals(newName, read(id).get("name").asText(), "approved: the change is applied");
        JsonNode history = api.as("sales1").get(RECORDS + "/" + id + "/history").expect(200).json();
        assertTrue(history.toString().contains(newName), "the history shows the change: " + history);

        // the contract admin (privileged) changes a governed field directly, audited
        String direct = Customers.uniqueName("直接");
        api.as("contract1").patch(RECORDS + "/" + id, Map.of("version", read(id).get("version").asLong(),
                "name", direct)).expect(200);
        assertEquals(direct, read(id).get("name").asText());
        assertTrue(api.as("sales1").get(RECORDS + "/" + id + "/history").expect(200).json().toString()
                .contains("contract1"));
    }

    @Test
    void anOwnerApplicationLetsTheApplicantOpenTheRecord() {
        long id = activeCustomer(Customers.uniqueName("负责人"));
        api.as("sales2").get(RECORDS + "/" + id).expect(404);
        long instance = flows.act("sales2", "customer", id, "apply_owner", Map.of()).expect(200).json()
                .get("id").asLong();
        // one pending application per applicant
        flows.act("sales2", "customer", id, "apply_owner", Map.of()).expect(409);
        flows.task("contract1", flows.pendingTask("contract1", instance), "approve", Map.of()).expect(200);
        JsonNode opened = api.as("sales2").get(RECORDS + "/" + id).expect(200).json();
        assertEquals(id, opened.get("id").asLong());
        // now an owner: may edit contacts and request changes
        api.as("sales2").patch(RECORDS + "/" + id, Map.of("version", opened.get("version").asLong(),
                "contacts", List.of(Customers.contact("新联系人", Customers.mobile(7))))).expect(200);
    }

    @Test
    void theContractAdminDeactivatesAndReactivates() {
        long id = activeCustomer(Customers.uniqueName("失效"));
        flows.act("sales1", "customer", id, "deactivate", Map.of()).expect(403);
        flows.act("contract1", "customer", id, "deactivate", Map.of()).expect(200);
        assertEquals("inactive", status(id));
        flows.act("contract1", "customer", id, "deactivate", Map.of()).expect(409);
        flows.act("contract1", "customer", id, "reactivate", Map.of()).expect(200);
        assertEquals("active", status(id));
        flows.act("contract1", "customer", id, "no_such_action", Map.of()).expect(404);
    }
}
