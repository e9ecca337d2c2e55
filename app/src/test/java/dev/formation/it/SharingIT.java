package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api.Response;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Listing;
import io.micronaut.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sharing a record (read access for a user or a whole department): who then reads it, the
 * shared-by-me / shared-with-me views, unsharing, and who may share at all.
 */
class SharingIT extends AppTestBase {

    private long customerOf(String user) {
        return api.as(user).post(RECORDS, Customers.valid(Customers.uniqueName("共享"))).expect(201).json()
                .get("id").asLong();
    }

    private static String shares(long id) {
        return RECORDS + "/" + id + "/shares";
    }

    private Response share(String user, long id, Map<String, Object> body) {
        return api.as(user).post(shares(id), body);
    }

    private Response unshare(String user, long id, Map<String, Object> body) {
        return api.as(user).send(HttpMethod.DELETE, shares(id), body);
    }

    private List<Long> view(String user, String view) {
        return Listing.ids(Listing.all(api.as(user), RECORDS + "?view=" + view));
    }

    @Test
    void sharingWithAUserLetsThemReadItUntilUnshared() {
        long id = customerOf("sales1");
        api.as("sales2").get(RECORDS + "/" + id).expect(404);
        assertFalse(view("sales2", "shared_with_me").contains(id));

        JsonNode after = share("sales1", id, Map.of("users", List.of("sales2"))).expect(200).json();
        assertEquals(List.of("sales2"), names(after.get("users")));
        assertEquals(List.of(), names(after.get("departments")));

        assertEquals(id, api.as("sales2").get(RECORDS + "/" + id).expect(200).json().get("id").asLong());
        assertTrue(view("sales2", "shared_with_me").contains(id), "sales2's shared-with-me view");
        assertTrue(view("sales1", "shared_by_me").contains(id), "sales1's shared-by-me view");
        assertFalse(view("sales2", "mine").contains(id), "shared is not owned");
        assertFalse(view("sales1", "shared_with_me").contains(id));
        assertFalse(view("sales2", "shared_by_me").contains(id));
        JsonNode row = Listing.all(api.as("sales2"), RECORDS + "?q=" + Customers.encode(read(id).get("name").asText()))
                .get(0);
        assertFalse(Listing.restricted(row), "a shared row opens from the list: " + row);
        // the recipient sees who it is shared with, too
        assertEquals(List.of("sales2"), names(api.as("sales2").get(shares(id)).expect(200).json().get("users")));

        // a share gives read access only
        api.as("sales2").patch(RECORDS + "/" + id, Map.of("version", read(id).get("version").asLong(),
                "legal_rep", "李四")).expect(403);
        api.as("sales2").delete(RECORDS + "/" + id).expect(403);
        api.as("sales2").get(RECORDS + "/export").expect(403);
        // and no right to pass it on: sales2 may share only its own records
        share("sales2", id, Map.of("users", List.of("assistant1"))).expect(403);
        // a third user still cannot see it
        api.as("assistant1").get(RECORDS + "/" + id).expect(404);

        // sharing again changes nothing
        assertEquals(List.of("sales2"), names(share("sales1", id, Map.of("users", List.of("sales2"))).expect(200)
                .json().get("users")));

        JsonNode removed = unshare("sales1", id, Map.of("users", List.of("sales2"))).expect(200).json();
        assertEquals(List.of(), names(removed.get("users")));
        api.as("sales2").get(RECORDS + "/" + id).expect(404);
        assertFalse(view("sales2", "shared_with_me").contains(id));
        assertFalse(view("sales1", "shared_by_me").contains(id));
    }

    @Test
    void sharingWithADepartmentReachesItsMembersOnly() {
        long id = customerOf("sales1");
        JsonNode after = share("sales1", id, Map.of("departments", List.of("team_north"))).expect(200).json();
        assertEquals(List.of("team_north"), names(after.get("departments")));

        api.as("sales2").get(RECORDS + "/" + id).expect(200); // sales2 is in team_north
        assertTrue(view("sales2", "shared_with_me").contains(id));
        assertTrue(view("sales1", "shared_by_me").contains(id));
        api.as("assistant1").get(RECORDS + "/" + id).expect(404); // team_east

        unshare("sales1", id, Map.of("departments", List.of("team_north"))).expect(200);
        api.as("sales2").get(RECORDS + "/" + id).expect(404);
    }

    @Test
    void aShareWithAParentDepartmentReachesTheTeamsBelowIt() {
        long id = customerOf("sales2");
        api.as("assistant1").get(RECORDS + "/" + id).expect(404);
        share("sales2", id, Map.of("departments", List.of("sales"))).expect(200);
        // team_east and team_north are under 销售部 (sales)
        api.as("assistant1").get(RECORDS + "/" + id).expect(200);
        api.as("sales1").get(RECORDS + "/" + id).expect(200);
        // contracts is not under sales, but contract1 reads every customer by role anyway; finance too
        api.as("contract1").get(RECORDS + "/" + id).expect(200);
        assertTrue(view("assistant1", "shared_with_me").contains(id));
        assertFalse(view("contract1", "shared_with_me").contains(id), "contracts is not below sales");
    }

    @Test
    void onlyARoleWithShareOnTheRecordMayShareIt() {
        long ofSales1 = customerOf("sales1");
        // cannot see it: the record stays hidden
        share("sales2", ofSales1, Map.of("users", List.of("sales2"))).expect(404);
        unshare("sales2", ofSales1, Map.of("users", List.of("sales2"))).expect(404);
        api.as("sales2").get(shares(ofSales1)).expect(404);
        // reads it but its role has no share action (contract_admin)
        share("contract1", ofSales1, Map.of("users", List.of("sales2"))).expect(403);
        // the sales assistant's role has no share action even on its own records
        long ofAssistant = customerOf("assistant1");
        share("assistant1", ofAssistant, Map.of("users", List.of("sales2"))).expect(403);
        api.as("sales2").get(RECORDS + "/" + ofSales1).expect(404);
        api.as("sales2").get(RECORDS + "/" + ofAssistant).expect(404);
        // the team leader shares within the team's records (share, scope team)
        share("leader1", ofSales1, Map.of("users", List.of("sales2"))).expect(200);
        api.as("sales2").get(RECORDS + "/" + ofSales1).expect(200);
        assertTrue(view("leader1", "shared_by_me").contains(ofSales1));
        assertFalse(view("sales1", "shared_by_me").contains(ofSales1), "shared by leader1, not by sales1");
    }

    @Test
    void unknownUsersAndDepartmentsAre400AndNothingIsShared() {
        long id = customerOf("sales1");
        Response user = share("sales1", id, Map.of("users", List.of("sales2", "no_such_user"))).expect(400);
        assertEquals(List.of("users"), AccessMatrixIT.errorFields(user), user.toString());
        assertTrue(user.body().contains("no_such_user"), user.toString());
        Response dept = share("sales1", id, Map.of("departments", List.of("no_such_team"))).expect(400);
        assertEquals(List.of("departments"), AccessMatrixIT.errorFields(dept), dept.toString());
        share("sales1", id, Map.of("users", "sales2")).expect(400); // not a list

        JsonNode current = api.as("sales1").get(shares(id)).expect(200).json();
        assertEquals(List.of(), names(current.get("users")), "a refused share stores nothing, not even sales2");
        assertEquals(List.of(), names(current.get("departments")));
        api.as("sales2").get(RECORDS + "/" + id).expect(404);
    }

    @Test
    void sharesAndUnsharesAreInTheRecordsHistory() {
        long id = customerOf("sales1");
        share("sales1", id, Map.of("users", List.of("sales2"))).expect(200);
        unshare("sales1", id, Map.of("users", List.of("sales2"))).expect(200);
        JsonNode history = api.as("sales1").get(RECORDS + "/" + id + "/history").expect(200).json();
        List<String> actions = new java.util.ArrayList<>();
        history.forEach(e -> actions.add(e.get("action").asText()));
        assertEquals(List.of("unshare", "share", "create"), actions, history.toString());
        history.forEach(e -> assertEquals("sales1", e.get("user").asText()));
    }

    @Test
    void theOwnersOfASharedRecordAreReadableToo() {
        long id = customerOf("sales1");
        api.as("sales2").get(RECORDS + "/" + id + "/owners").expect(404);
        share("sales1", id, Map.of("users", List.of("sales2"))).expect(200);
        assertEquals(List.of("sales1"), names(api.as("sales2").get(RECORDS + "/" + id + "/owners").expect(200).json()));
        assertEquals(2, api.as("sales2").get(RECORDS + "/" + id + "/history").expect(200).json().size());
    }

    @Test
    void anUnknownViewIs400() {
        api.as("sales1").get(RECORDS + "?view=everything").expect(400);
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
