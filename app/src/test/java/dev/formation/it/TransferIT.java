package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.BrowserSession;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.formation.it.CustomerCreateIT.errorFields;
import static dev.formation.it.CustomerCreateIT.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 转移 (seed 001, 002): a record goes to another person with a reason, for those whose roles
 * grant transfer on its row; the receiver is told; the owner history keeps each change of owner
 * whatever made it (a transfer, a pool release or claim, an edit), with who and why; a giver who
 * loses sight of the record lands on the list with a message.
 */
class TransferIT extends AppTestBase {

    private Flows flows;

    @BeforeAll
    void flows() {
        flows = new Flows(api);
    }

    private long customerOf(String user, String name) {
        return api.as(user).post(RECORDS, Customers.valid(Customers.uniqueName(name))).expect(201).json().get("id")
                .asLong();
    }

    private String transfer(long id) {
        return RECORDS + "/" + id + "/transfer";
    }

    private JsonNode history(String user, long id) {
        return api.as(user).get(RECORDS + "/" + id + "/owners/history").expect(200).json();
    }

    private static List<String> column(JsonNode entries, String key) {
        List<String> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.get(key).isNull() ? null : e.get(key).asText()));
        return out;
    }

    @Test
    void aLeaderTransfersWithAReasonTheReceiverIsToldAndTheHistorySaysWhoAndWhy() {
        long id = customerOf("sales1", "转移");
        JsonNode done = api.as("leader1").post(transfer(id), Map.of("to", "assistant1", "reason", "张伟调岗，由王芳跟进"))
                .expect(200).json();
        assertEquals("assistant1", done.get("owner").asText());
        assertTrue(done.get("readable").asBoolean(), "the team's leader still sees the team's customer");
        assertEquals("assistant1", api.as("admin").get(RECORDS + "/" + id).expect(200).json().get("owner").asText());

        JsonNode entries = history("leader1", id);
        assertEquals(List.of("sales1", "assistant1"), column(entries, "owner"));
        assertEquals(List.of("create", "transfer"), column(entries, "kind"));
        assertEquals("转移", entries.get(1).get("kind_label").asText());
        assertEquals("张伟调岗，由王芳跟进", entries.get(1).get("reason").asText());
        assertEquals("leader1", entries.get(1).get("by").asText());
        assertEquals("刘洋", entries.get(1).get("by_name").asText());
        assertEquals("张伟", entries.get(1).get("from_name").asText());

        String inbox = api.as("assistant1").get("/api/notifications").expect(200).body();
        assertTrue(inbox.contains("/forms/customer/" + id) && inbox.contains("张伟调岗"), inbox);
        String audit = api.as("admin").get("/api/audit?form=customer&record=" + id).expect(200).body();
        assertTrue(audit.contains("\"transfer\""), audit);
    }

    @Test
    void aTransferNeedsAnActiveReceiverOtherThanTheOwnerAndAReasonEachOnItsField() {
        long id = customerOf("sales1", "转移校验");
        Api.Response none = api.as("leader1").english().post(transfer(id), Map.of("to", "nobody-here", "reason", " "))
                .expect(400);
        assertEquals(List.of("to", "reason"), errorFields(none), none.body());
        assertEquals("Choose an active user to receive it", message(none, "to"));
        assertEquals("Give the reason for the transfer", message(none, "reason"));
        Api.Response same = api.as("leader1").post(transfer(id), Map.of("to", "sales1", "reason", "原样")).expect(400);
        assertEquals("张伟已是负责人", message(same, "to"));
        Api.Response tooLong = api.as("leader1").post(transfer(id), Map.of("to", "assistant1",
                "reason", "长".repeat(501))).expect(400);
        assertEquals(List.of("reason"), errorFields(tooLong));
        assertEquals("sales1", api.as("admin").get(RECORDS + "/" + id).expect(200).json().get("owner").asText(),
                "nothing moved");
        assertEquals(1, history("sales1", id).size(), "and nothing was written");
    }

    @Test
    void onlyThoseWhoMayTransferTheRowCanAndAGiverWhoLosesSightOfItIsToldSo() {
        long id = customerOf("sales1", "转移权限");
        // the contract admin reads every customer but may not hand one on; another team's salesperson sees nothing
        api.as("contract1").get(RECORDS + "/" + id).expect(200);
        api.as("contract1").post(transfer(id), Map.of("to", "sales2", "reason", "x")).expect(403);
        api.as("sales2").post(transfer(id), Map.of("to", "sales2", "reason", "x")).expect(404);
        api.as("sales2").get(RECORDS + "/" + id + "/owners/history").expect(404);

        JsonNode done = api.as("sales1").post(transfer(id), Map.of("to", "sales2", "reason", "客户迁往北方"))
                .expect(200).json();
        assertFalse(done.get("readable").asBoolean(), "sales1 owns it no longer");
        api.as("sales1").get(RECORDS + "/" + id).expect(404);
        assertEquals(List.of("sales1", "sales2"), column(history("sales2", id), "owner"));
    }

    @Test
    void thePoolsReleaseAndClaimAndAnEditAreInTheHistoryToo() {
        long id = flows.approveCustomer("sales1", customerOf("sales1", "公海历史"));
        flows.act("leader1", "customer", id, "release", Map.of()).expect(200);
        flows.act("sales1", "customer", id, "claim", Map.of()).expect(200);
        JsonNode stored = api.as("admin").get(RECORDS + "/" + id).expect(200).json();
        api.as("admin").patch(RECORDS + "/" + id, Map.of("version", stored.get("version").asLong(), "owner", "sales2"))
                .expect(200);

        JsonNode entries = history("admin", id);
        assertEquals(java.util.Arrays.asList("sales1", null, "sales1", "sales2"), column(entries, "owner"));
        assertEquals(List.of("create", "flow:customer_release", "flow:customer_claim", "update"),
                column(entries, "kind"));
        assertEquals(List.of("新建", "释放到公海", "公海认领", "修改"), column(entries, "kind_label"));
        assertEquals("leader1", entries.get(1).get("by").asText());
        assertTrue(entries.get(1).get("owner_name").isNull());
    }

    @Test
    void onThePagesTheRecordOffersTheTransferAndShowsItsOwners() {
        long id = customerOf("sales1", "转移页面");
        BrowserSession leader = BrowserSession.loggedIn(api, "leader1");
        String record = leader.get("/forms/customer/" + id).expect(200).body();
        assertTrue(record.contains("href=\"/forms/customer/" + id + "/transfer\""), "a 转移 button");
        assertFalse(BrowserSession.loggedIn(api, "contract1").get("/forms/customer/" + id).expect(200).body()
                .contains("/transfer\""), "none for who may not");
        BrowserSession.loggedIn(api, "contract1").get("/forms/customer/" + id + "/transfer").expect(403);

        String page = leader.get("/forms/customer/" + id + "/transfer").expect(200).body();
        assertTrue(page.contains("当前负责人：张伟") && page.contains("value=\"assistant1\""), page);
        assertFalse(page.contains("value=\"sales1\""), "the owner is not offered");
        String refused = leader.postForm("/forms/customer/" + id + "/transfer", Map.of("to", "assistant1",
                "reason", "")).expect(400).body();
        assertTrue(refused.contains("请填写转移原因") && refused.contains("value=\"assistant1\" selected"), refused);

        Api.Response moved = leader.postForm("/forms/customer/" + id + "/transfer", Map.of("to", "assistant1",
                "reason", "重新分工")).expect(303);
        assertEquals("/forms/customer/" + id, moved.header("location"));
        String after = leader.get("/forms/customer/" + id).expect(200).body();
        assertTrue(after.contains("已将客户") && after.contains("转移给王芳"), "the message: " + after);
        assertTrue(after.contains("负责人变更记录") && after.contains("重新分工"), after);

        long other = customerOf("sales1", "转移离手");
        BrowserSession sales1 = BrowserSession.loggedIn(api, "sales1");
        Api.Response away = sales1.postForm("/forms/customer/" + other + "/transfer", Map.of("to", "sales2",
                "reason", "北方客户")).expect(303);
        assertEquals("/forms/customer", away.header("location"));
        assertTrue(sales1.get("/forms/customer").expect(200).body().contains("转交给李娜"));
    }

    @Test
    void aBatchTransfersEachRecordOnItsOwnAndNamesThoseItRefused() {
        long mine = customerOf("sales1", "批量一");
        long alsoMine = customerOf("sales1", "批量二");
        long alreadyHers = customerOf("sales1", "批量三");
        api.as("leader1").post(transfer(alreadyHers), Map.of("to", "assistant1", "reason", "先转")).expect(200);
        long othersTeam = customerOf("sales2", "批量外组");

        JsonNode batch = api.as("leader1").post(RECORDS + "/transfer", Map.of("ids", List.of(mine, alsoMine,
                alreadyHers, othersTeam), "to", "assistant1", "reason", "组内重新分配")).expect(200).json();
        assertEquals(List.of(String.valueOf(mine), String.valueOf(alsoMine)), column(batch.get("transferred"), "id"));
        JsonNode refused = batch.get("refused");
        assertEquals(2, refused.size(), refused.toString());
        assertEquals(alreadyHers, refused.get(0).get("id").asLong());
        assertEquals(400, refused.get(0).get("status").asInt());
        assertEquals("王芳已是负责人", refused.get(0).get("errors").get(0).get("message").asText());
        assertEquals(othersTeam, refused.get(1).get("id").asLong());
        assertEquals(404, refused.get(1).get("status").asInt(), "another team's customer is out of sight");
        assertEquals("组内重新分配", history("admin", alsoMine).get(1).get("reason").asText());
        assertEquals("sales2", api.as("admin").get(RECORDS + "/" + othersTeam).expect(200).json().get("owner").asText());

        // a receiver or a reason that is wrong is wrong for all: nothing moves
        Api.Response bad = api.as("leader1").post(RECORDS + "/transfer", Map.of("ids", List.of(mine), "to", "assistant1",
                "reason", "")).expect(400);
        assertEquals(List.of("reason"), errorFields(bad));
        api.as("leader1").post(RECORDS + "/transfer", Map.of("ids", List.of(), "to", "sales1", "reason", "x"))
                .expect(400);
    }
}
