package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api.Response;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import dev.formation.testing.Resources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wherever a record's values are shown beside something else (a flow instance on the API and
 * its page, a change request's before and after, the timeline, the history), the viewer sees
 * what their own access to the record gives, and an assignee of a task on it reads it as a
 * reader. The overlay hides the customer's mailing address from team leaders.
 */
class RecordSightIT extends AppTestBase {

    private static final String CSRF = "0123456789abcdef0123456789abcdef";
    /** The salesperson's list columns (metadata/roles/salesperson.yaml), the id, and the mark. */
    private static final Set<String> LIST_ONLY = Set.of("id", "code", "name", "uscc", "legal_rep", "owner",
            "updated_by", "status", "_restricted");

    private Flows flows;

    @Override
    protected Map<String, Object> overrides(Path tempDir) {
        return Map.of("formation.metadata-dir", Resources.folder("overlays/hidden-field").toString());
    }

    @BeforeAll
    void flows() {
        flows = new Flows(api);
    }

    private String page(String user, String path) {
        Response r = api.as(user).header("Cookie", "FORMATION_CSRF=" + CSRF).get(path).expect(200);
        assertTrue(r.contentType().startsWith("text/html"), r.toString());
        return r.body();
    }

    /** A customer of sales1 whose only contact has a name and mobile nobody else uses. */
    private long customer(String name, String contact, String mobile) {
        Map<String, Object> c = Customers.valid(name);
        c.put("contacts", List.of(Customers.contact(contact, mobile)));
        return api.as("sales1").post(RECORDS, c).expect(201).json().get("id").asLong();
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> out = new HashSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void anOwnerApplicantSeesOnlyTheListColumnsOfTheCustomerOnTheFlowApiAndPage() {
        String name = Customers.uniqueName("申请人视角");
        String contact = "申请人看不到" + Long.toString(System.nanoTime() % 1_000_000, 36);
        String mobile = Customers.mobile(61);
        long id = flows.approveCustomer("sales1", customer(name, contact, mobile));
        api.as("sales2").get(RECORDS + "/" + id).expect(404);

        long instance = flows.act("sales2", "customer", id, "apply_owner", Map.of()).expect(200).json()
                .get("id").asLong();
        Response asApplicant = api.as("sales2").get("/api/flows/instances/" + instance).expect(200);
        JsonNode record = asApplicant.json().get("record");
        assertTrue(record.get("_restricted").asBoolean(), record.toString());
        assertEquals(LIST_ONLY, keys(record), "only the list columns: " + record);
        assertEquals(name, record.get("name").asText());
        assertFalse(asApplicant.body().contains(contact) || asApplicant.body().contains(mobile), asApplicant.body());

        String flowPage = page("sales2", "/flows/" + instance);
        assertTrue(flowPage.contains(name), "the applicant sees what they applied for");
        assertFalse(flowPage.contains(contact) || flowPage.contains(mobile), "but not the contacts: " + flowPage);
        assertFalse(flowPage.contains("福建省福州市鼓楼区五四路158号"), "nor the addresses");

        // the contract admin deciding on it reads the whole record
        Response asApprover = api.as("contract1").get("/api/flows/instances/" + instance).expect(200);
        assertFalse(asApprover.json().get("record").has("_restricted"));
        assertTrue(asApprover.body().contains(contact), asApprover.body());
        assertTrue(page("contract1", "/flows/" + instance).contains(contact));
    }

    @Test
    void anAssigneeReadsTheRecordOfTheirTaskEvenWithoutARoleThatReachesIt() {
        String contact = "经办可见" + Long.toString(System.nanoTime() % 1_000_000, 36);
        long id = customer(Customers.uniqueName("转办视角"), contact, Customers.mobile(62));
        long instance = flows.act("sales1", "customer", id, "submit", Map.of("assignee", "contract1")).expect(200)
                .json().get("id").asLong();
        // sales2 may only list sales1's customer: no part in the instance, nothing to see
        api.as("sales2").get("/api/flows/instances/" + instance).expect(404);

        flows.task("contract1", flows.pendingTask("contract1", instance), "transfer", Map.of("to", "sales2"))
                .expect(200);
        Response asAssignee = api.as("sales2").get("/api/flows/instances/" + instance).expect(200);
        assertFalse(asAssignee.json().get("record").has("_restricted"), asAssignee.body());
        assertTrue(asAssignee.body().contains(contact), "the assignee reads the record: " + asAssignee.body());
        assertTrue(page("sales2", "/flows/" + instance).contains(contact));
        // reading it there opens nothing else
        api.as("sales2").get(RECORDS + "/" + id).expect(404);
    }

    @Test
    void aChangeRequestsBeforeAndAfterLeaveOutWhatTheViewersRolesHide() {
        String name = Customers.uniqueName("变更视角");
        long id = flows.approveCustomer("sales1", customer(name, "变更联系人", Customers.mobile(63)));
        String newAddress = "福建省厦门市思明区隐藏路" + (System.nanoTime() % 1000) + "号";
        String formerName = Customers.uniqueName("曾用名");
        long instance = api.as("sales1").post(RECORDS + "/" + id + "/change-requests",
                Map.of("changes", Map.of("mail_address", newAddress, "former_name", formerName))).expect(201)
                .json().get("id").asLong();

        // the submitter sees both changes
        JsonNode mine = flows.instance("sales1", instance);
        assertEquals(Set.of("mail_address", "former_name"), changedFields(mine));

        // the team leader reads the record, but not its mailing address: nowhere in the instance
        Response leader = api.as("leader1").get("/api/flows/instances/" + instance).expect(200);
        assertEquals(Set.of("former_name"), changedFields(leader.json()));
        assertFalse(leader.json().get("record").has("mail_address"), leader.body());
        assertFalse(leader.body().contains(newAddress), "not in the changes nor the timeline: " + leader.body());
        assertTrue(leader.body().contains(formerName));
        String leaderPage = page("leader1", "/flows/" + instance);
        assertFalse(leaderPage.contains(newAddress), leaderPage);
        assertTrue(leaderPage.contains(formerName));
    }

    @Test
    void aRecordsHistoryLeavesOutWhatTheViewersRolesHide() {
        long id = customer(Customers.uniqueName("历史视角"), "历史联系人", Customers.mobile(64));
        String newAddress = "福建省泉州市丰泽区历史路" + (System.nanoTime() % 1000) + "号";
        api.as("sales1").patch(RECORDS + "/" + id, Map.of("version", read(id).get("version").asLong(),
                "mail_address", newAddress, "former_name", "历史曾用名")).expect(200);

        Response own = api.as("sales1").get(RECORDS + "/" + id + "/history").expect(200);
        assertTrue(own.body().contains(newAddress), "the owner sees the change: " + own.body());

        Response leader = api.as("leader1").get(RECORDS + "/" + id + "/history").expect(200);
        assertEquals(2, leader.json().size(), leader.body());
        for (JsonNode entry : leader.json()) {
            assertFalse(entry.get("changes").has("mail_address"), entry.toString());
        }
        assertFalse(leader.body().contains(newAddress), leader.body());
        assertTrue(leader.json().get(0).get("changes").has("former_name"), "the rest of the change is there");
        assertFalse(page("leader1", "/forms/customer/" + id + "/history").contains(newAddress));
    }

    @Test
    void aReportThatUsesAHiddenFieldIsNotTheViewers() {
        // customer_location_query lists the mailing address, which the team leader may not see
        api.as("leader1").get("/api/reports/customer_location_query").expect(404);
        Set<String> listed = new HashSet<>();
        api.as("leader1").get("/api/reports").expect(200).json().forEach(r -> listed.add(r.get("key").asText()));
        assertFalse(listed.contains("customer_location_query"), listed.toString());
        assertTrue(listed.contains("customer_info_query"), "the other customer reports stay: " + listed);
        api.as("leader1").get("/api/reports/customer_info_query").expect(200);
        api.as("manager1").get("/api/reports/customer_location_query").expect(200);
    }

    private static Set<String> changedFields(JsonNode instance) {
        Set<String> out = new HashSet<>();
        instance.get("changes").forEach(c -> out.add(c.get("field").asText()));
        return out;
    }
}
