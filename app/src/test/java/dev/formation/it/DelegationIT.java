package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api.Response;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delegation (代理): a principal lets a delegate create records on their behalf within a window;
 * the record belongs to the principal, the audit names both, and the grant ends by its window
 * or by revocation.
 */
class DelegationIT extends AppTestBase {

    private static final String DELEGATIONS = "/api/delegations";

    private static String at(LocalDateTime time) {
        return time.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private JsonNode grant(String principal, String delegate, LocalDateTime startsAt, LocalDateTime endsAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("delegate", delegate);
        body.put("kind", "create_on_behalf");
        if (startsAt != null) {
            body.put("starts_at", at(startsAt));
        }
        body.put("ends_at", at(endsAt));
        return api.as(principal).post(DELEGATIONS, body).expect(201).json();
    }

    private Response createFor(String delegate, String principal, String name) {
        return api.as(delegate).post(RECORDS + "?on_behalf_of=" + principal, Customers.valid(name));
    }

    @Test
    void aDelegateCreatesForThePrincipalUntilTheGrantIsRevoked() {
        JsonNode grant = grant("sales1", "assistant1", null, now().plusDays(7));
        long grantId = grant.get("id").asLong();
        assertEquals("sales1", grant.get("principal").asText());
        assertEquals("assistant1", grant.get("delegate").asText());
        assertTrue(grant.get("active").asBoolean(), grant.toString());

        // the lists of both sides
        JsonNode given = find(api.as("sales1").get(DELEGATIONS).expect(200).json().get("given"), grantId);
        assertEquals("assistant1", given.get("delegate").asText());
        assertEquals("create_on_behalf", given.get("kind").asText());
        assertTrue(given.get("active").asBoolean());
        JsonNode received = find(api.as("assistant1").get(DELEGATIONS).expect(200).json().get("received"), grantId);
        assertEquals("sales1", received.get("principal").asText());
        assertTrue(api.as("sales2").get(DELEGATIONS).expect(200).json().get("given").isEmpty(), "sales2 gave nothing");

        String name = Customers.uniqueName("代录");
        JsonNode created = createFor("assistant1", "sales1", name).expect(201).json();
        long id = created.get("id").asLong();
        assertEquals("sales1", created.get("owner").asText(), created.toString());
        assertEquals("assistant1", created.get("created_by").asText(), created.toString());
        api.as("sales1").get(RECORDS + "/" + id).expect(200); // the principal owns it
        assertTrue(listedAsMine("sales1", id));

        JsonNode history = api.as("sales1").get(RECORDS + "/" + id + "/history").expect(200).json();
        assertEquals(1, history.size(), history.toString());
        JsonNode entry = history.get(0);
        assertEquals("create", entry.get("action").asText());
        assertEquals("assistant1", entry.get("user").asText());
        assertEquals("sales1", entry.get("on_behalf_of").asText());
        assertEquals(name, entry.get("changes").get("name").get("after").asText(), entry.toString());

        JsonNode audit = api.as("admin").get("/api/audit?user=assistant1&form=customer").expect(200).json();
        JsonNode logged = null;
        for (JsonNode e : audit.get("items")) {
            if (e.get("record_id").asLong() == id) {
                logged = e;
            }
        }
        assertNotNull(logged, "admin finds the entry by the delegate's name: " + audit);
        assertEquals("sales1", logged.get("on_behalf_of").asText());
        assertEquals("create", logged.get("action").asText());
        // and by the principal's, since it was done for them
        assertTrue(auditRecordIds("sales1").contains(id));

        // only the principal (or an admin) revokes
        api.as("sales2").delete(DELEGATIONS + "/" + grantId).expect(404);
        api.as("assistant1").delete(DELEGATIONS + "/" + grantId).expect(404);
        createFor("assistant1", "sales1", Customers.uniqueName("仍可代录")).expect(201);

        api.as("sales1").delete(DELEGATIONS + "/" + grantId).expect(204);
        long before = totalCustomers();
        Response refused = createFor("assistant1", "sales1", Customers.uniqueName("撤销后"));
        refused.expect(403);
        assertEquals(before, totalCustomers(), "nothing was created");
        JsonNode revoked = find(api.as("sales1").get(DELEGATIONS).expect(200).json().get("given"), grantId);
        assertFalse(revoked.get("active").asBoolean(), revoked.toString());
        assertFalse(revoked.get("revoked_at").isNull(), revoked.toString());
        assertFalse(find(api.as("assistant1").get(DELEGATIONS).expect(200).json().get("received"), grantId)
                .get("active").asBoolean());
    }

    @Test
    void aGrantOutsideItsWindowIsRefused() {
        LocalDateTime now = now();
        JsonNode past = grant("sales2", "assistant1", now.minusDays(10), now.minusDays(3));
        assertFalse(past.get("active").asBoolean(), past.toString());
        createFor("assistant1", "sales2", Customers.uniqueName("过期")).expect(403);

        JsonNode future = grant("leader1", "assistant1", now.plusDays(2), now.plusDays(5));
        assertFalse(future.get("active").asBoolean(), future.toString());
        createFor("assistant1", "leader1", Customers.uniqueName("未生效")).expect(403);
    }

    @Test
    void withoutAnyGrantActingForSomeoneIsRefused() {
        createFor("assistant1", "manager1", Customers.uniqueName("无授权")).expect(403);
        createFor("sales2", "sales1", Customers.uniqueName("冒名")).expect(403);
        createFor("assistant1", "no_such_user", Customers.uniqueName("查无此人")).expect(403);
        // on_behalf_of oneself is just creating
        JsonNode own = createFor("sales2", "sales2", Customers.uniqueName("本人")).expect(201).json();
        assertEquals("sales2", own.get("owner").asText());
    }

    @Test
    void aDelegateActsWithThePrincipalsRightsNotTheirOwn() {
        // contract1 may not create customers; acting for sales1 it may, as sales1 would
        grant("sales1", "contract1", null, now().plusHours(2));
        JsonNode created = createFor("contract1", "sales1", Customers.uniqueName("合同代录")).expect(201).json();
        assertEquals("sales1", created.get("owner").asText());
        assertEquals("contract1", created.get("created_by").asText());
        // and with sales1's field rights: the management fields stay closed
        Map<String, Object> withCategory = Customers.valid(Customers.uniqueName("代录带分类"));
        withCategory.put("category", "sme");
        Response refused = api.as("contract1").post(RECORDS + "?on_behalf_of=sales1", withCategory).expect(403);
        assertEquals(List.of("category"), AccessMatrixIT.errorFields(refused), refused.toString());
    }

    @Test
    void aDisabledPrincipalCannotBeActedFor() {
        String principal = LockoutIT.newUser(api, "away");
        grant(principal, "assistant1", null, now().plusDays(1));
        createFor("assistant1", principal, Customers.uniqueName("停用前")).expect(201);
        api.as("admin").patch("/api/users/" + principal, Map.of("enabled", false)).expect(200);
        createFor("assistant1", principal, Customers.uniqueName("停用后")).expect(403);
        api.as("admin").patch("/api/users/" + principal, Map.of("enabled", true)).expect(200);
        createFor("assistant1", principal, Customers.uniqueName("启用后")).expect(201);
    }

    @Test
    void anAdminMayRevokeAnyonesGrant() {
        long id = grant("leader1", "sales1", null, now().plusDays(1)).get("id").asLong();
        createFor("sales1", "leader1", Customers.uniqueName("组长授权")).expect(201);
        api.as("admin").delete(DELEGATIONS + "/" + id).expect(204);
        createFor("sales1", "leader1", Customers.uniqueName("管理员撤销后")).expect(403);
        api.as("admin").delete(DELEGATIONS + "/987654").expect(404);
    }

    @Test
    void badGrantsAre400() {
        LocalDateTime now = now();
        Map<String, Object> toSelf = Map.of("delegate", "sales1", "kind", "create_on_behalf", "ends_at",
                at(now.plusDays(1)));
        assertEquals(List.of("delegate"), AccessMatrixIT.errorFields(api.as("sales1").post(DELEGATIONS, toSelf)
                .expect(400)));
        Map<String, Object> unknown = Map.of("delegate", "no_such_user", "kind", "create_on_behalf", "ends_at",
                at(now.plusDays(1)));
        assertEquals(List.of("delegate"), AccessMatrixIT.errorFields(api.as("sales1").post(DELEGATIONS, unknown)
                .expect(400)));
        Map<String, Object> kind = Map.of("delegate", "assistant1", "kind", "everything", "ends_at",
                at(now.plusDays(1)));
        assertEquals(List.of("kind"), AccessMatrixIT.errorFields(api.as("sales1").post(DELEGATIONS, kind)
                .expect(400)));
        Map<String, Object> backwards = Map.of("delegate", "assistant1", "kind", "create_on_behalf", "starts_at",
                at(now.plusDays(2)), "ends_at", at(now.plusDays(1)));
        assertEquals(List.of("ends_at"), AccessMatrixIT.errorFields(api.as("sales1").post(DELEGATIONS, backwards)
                .expect(400)));
        api.as("sales1").post(DELEGATIONS, Map.of("delegate", "assistant1", "kind", "create_on_behalf",
                "ends_at", "next tuesday")).expect(400);
    }

    private boolean listedAsMine(String user, long id) {
        return dev.formation.testing.Listing.ids(dev.formation.testing.Listing.all(api.as(user), RECORDS + "?view=mine"))
                .contains(id);
    }

    private List<Long> auditRecordIds(String user) {
        List<Long> out = new java.util.ArrayList<>();
        api.as("admin").get("/api/audit?size=200&form=customer&user=" + user).expect(200).json().get("items")
                .forEach(e -> out.add(e.get("record_id").asLong()));
        return out;
    }

    private static JsonNode find(JsonNode list, long id) {
        for (JsonNode d : list) {
            if (d.get("id").asLong() == id) {
                return d;
            }
        }
        throw new AssertionError("delegation " + id + " not in " + list);
    }
}
