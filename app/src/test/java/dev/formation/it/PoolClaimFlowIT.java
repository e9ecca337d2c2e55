package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import dev.formation.testing.Listing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The customer pool (公海) of seeds 001 and 002, built from the shipped YAML flows: a team
 * leader releases a customer (it loses its owners and remembers the team), a salesperson of the
 * same team claims it at once, one of another team needs the previous team leader's review,
 * and a refused claim leaves it in the pool.
 */
class PoolClaimFlowIT extends AppTestBase {

    private Flows flows;

    @Override
    protected Map<String, Object> overrides(java.nio.file.Path tempDir) {
        return Map.of("formation.metadata-dir", dev.formation.testing.Resources.folder("overlays/pool-limit").toString());
    }

    @BeforeAll
    void flows() {
        flows = new Flows(api);
    }

    /** An approved customer of sales1 (team_east) that leader1 released to the pool. */
    private long released() {
        long id = flows.approveCustomer("sales1", api.as("sales1").post(RECORDS,
                Customers.valid(Customers.uniqueName("公海"))).expect(201).json().get("id").asLong());
        flows.act("sales1", "customer", id, "release", Map.of()).expect(403);
        flows.act("leader1", "customer", id, "release", Map.of()).expect(200);
        JsonNode record = read(id);
        assertTrue(record.get("owner").isNull(), record.toString());
        assertEquals("team_east", record.get("previous_team").asText());
        return id;
    }

    private List<Long> pool(String user) {
        return Listing.ids(Listing.all(api.as(user), RECORDS + "?view=unowned"));
    }

    @Test
    void aReleasedCustomerLeavesItsOwnerAndWaitsInThePool() {
        long id = released();
        assertTrue(pool("sales2").contains(id), "every salesperson sees the pool");
        // and may view a pool customer before claiming it, but not change it
        JsonNode viewed = api.as("sales2").get(RECORDS + "/" + id).expect(200).json();
        api.as("sales1").patch(RECORDS + "/" + id, Map.of("version", viewed.get("version").asLong(),
                "contacts", List.of(Customers.contact("改联系人", Customers.mobile(9))))).expect(403);
        String page = api.as("sales2").get("/forms/customer?view=unowned&size=200").expect(200).body();
        assertTrue(page.contains("action=\"/forms/customer/" + id + "/actions/claim\""), "a 分配给我 button on the row");
        // released, it is no longer the team's to release
        flows.act("leader1", "customer", id, "release", Map.of()).expect(403);
    }

    @Test
    void aClaimFromTheSameTeamIsGrantedAtOnce() {
        long id = released();
        JsonNode instance = flows.act("sales1", "customer", id, "claim", Map.of()).expect(200).json();
        assertEquals("approved", instance.get("status").asText());
        assertEquals("sales1", read(id).get("owner").asText());
        api.as("sales1").get(RECORDS + "/" + id).expect(200);
        assertTrue(!pool("sales2").contains(id), "out of the pool");
    }

    @Test
    void aClaimFromAnotherTeamWaitsForThePreviousLeader() {
        long id = released();
        long instance = flows.act("sales2", "customer", id, "claim", Map.of()).expect(200).json().get("id").asLong();
        assertTrue(read(id).get("owner").isNull(), "still in the pool while under review");
        flows.act("sales1", "customer", id, "claim", Map.of()).expect(409);
        flows.task("leader1", flows.pendingTask("leader1", instance), "approve", Map.of()).expect(200);
        assertEquals("sales2", read(id).get("owner").asText());
        api.as("sales2").get(RECORDS + "/" + id).expect(200);
    }

    @Test
    void aRefusedClaimLeavesTheCustomerInThePool() {
        long id = released();
        long instance = flows.act("sales2", "customer", id, "claim", Map.of()).expect(200).json().get("id").asLong();
        flows.task("leader1", flows.pendingTask("leader1", instance), "reject", Map.of("comment", "本组仍在跟进"))
                .expect(200);
        assertTrue(read(id).get("owner").isNull());
        assertTrue(pool("sales2").contains(id));
        // the pool is open again: someone of the previous team takes it
        flows.act("sales1", "customer", id, "claim", Map.of()).expect(200);
        assertEquals("sales1", read(id).get("owner").asText());
    }

    @Test
    void aSalespersonClaimsOnlySoManyADayAndAWithdrawnClaimDoesNotCount() {
        api.as("admin").post("/api/users", Map.of("username", "sales3", "name", "吴磊",
                "email", "sales3@formation-demo.example.com", "password", "first-pass1", "department", "team_north",
                "supervisor", "manager1", "roles", List.of("salesperson"))).expect(201);
        var sales3 = api.withToken(api.login("sales3", "first-pass1"));
        List<Long> claims = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            claims.add(sales3.post(Flows.action("customer", released(), "claim"), Map.of()).expect(200).json()
                    .get("id").asLong());
        }
        long fourth = released();
        JsonNode refused = sales3.post(Flows.action("customer", fourth, "claim"), Map.of()).expect(409).json();
        assertTrue(refused.get("title").asText().contains("上限"), refused.toString());
        sales3.post("/api/flows/instances/" + claims.get(0) + "/withdraw", Map.of()).expect(200);
        sales3.post(Flows.action("customer", fourth, "claim"), Map.of()).expect(200);
    }

    @Test
    void twoClaimsAtTheSameInstantCannotBothPassTheLimit() throws Exception {
        api.as("admin").post("/api/users", Map.of("username", "sales4", "name", "郑浩",
                "email", "sales4@formation-demo.example.com", "password", "first-pass1", "department", "team_north",
                "supervisor", "manager1", "roles", List.of("salesperson"))).expect(201);
        var sales4 = api.withToken(api.login("sales4", "first-pass1"));
        for (int i = 0; i < 2; i++) {
            sales4.post(Flows.action("customer", released(), "claim"), Map.of()).expect(200);
        }
        long a = released();
        long b = released();
        FlowRaceIT.exactlyOneWins(FlowRaceIT.together(List.of(
                () -> sales4.post(Flows.action("customer", a, "claim"), Map.of()),
                () -> sales4.post(Flows.action("customer", b, "claim"), Map.of()))), 200);
    }
}
