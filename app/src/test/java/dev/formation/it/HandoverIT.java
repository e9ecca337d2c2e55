package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api.Response;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import dev.formation.testing.Listing;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import org.junit.jupiter.api.Test;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rights come from the row scope and ownership the roles declare, never from having entered a
 * record: once a salesperson hands a customer over, every way into it is closed to them, and a
 * sales assistant keeps only the read access its role grants on the rows it entered.
 */
class HandoverIT extends AppTestBase {

    private static final String CSRF = "0123456789abcdef0123456789abcdef";

    private long version(long id) {
        return read(id).get("version").asLong();
    }

    private Response page(String user, String path) {
        return api.as(user).header("Cookie", "FORMATION_CSRF=" + CSRF).get(path);
    }

    private Response pagePost(String user, String path, String body) {
        return api.as(user).header("Cookie", "FORMATION_CSRF=" + CSRF).send(HttpMethod.POST, path,
                MediaType.APPLICATION_FORM_URLENCODED_TYPE, "_csrf=" + CSRF + (body.isEmpty() ? "" : "&" + body));
    }

    @Test
    void theCreatorLosesEveryWayIntoACustomerTheyHandedOver() {
        String name = Customers.uniqueName("移交");
        long id = api.as("sales1").post(RECORDS, Customers.valid(name)).expect(201).json().get("id").asLong();
        String record = RECORDS + "/" + id;
        api.as("sales1").patch(record, Map.of("version", version(id), "owner", "sales2")).expect(200);
        assertEquals("sales2", read(id).get("owner").asText());
        assertEquals("sales1", read(id).get("created_by").asText());
        long before = version(id);

        // the API: read, change (a contact, as the issue reported), delete, history, shares, owners, actions
        api.as("sales1").get(record).expect(404);
        api.as("sales1").patch(record, Map.of("version", before,
                "contacts", List.of(Customers.contact("改联系人", Customers.mobile(41))))).expect(404);
        api.as("sales1").delete(record).expect(404);
        api.as("sales1").get(record + "/history").expect(404);
        api.as("sales1").get(record + "/shares").expect(404);
        api.as("sales1").post(record + "/shares", Map.of("users", List.of("leader1"))).expect(404);
        api.as("sales1").get(record + "/owners").expect(404);
        new Flows(api).act("sales1", "customer", id, "submit", Map.of("assignee", "contract1")).expect(404);
        assertEquals(before, version(id), "nothing was changed");

        // the pages: detail, edit, the edit page's post, history
        page("sales1", "/forms/customer/" + id).expect(404);
        page("sales1", "/forms/customer/" + id + "/edit").expect(404);
        pagePost("sales1", "/forms/customer/" + id, "version=" + before + "&legal_rep=x").expect(404);
        page("sales1", "/forms/customer/" + id + "/history").expect(404);
        assertEquals(before, version(id));

        // the list: a row sales1 may only list, not one of theirs
        List<JsonNode> found = Listing.all(api.as("sales1"), RECORDS + "?q=" + Customers.encode(name));
        assertEquals(1, found.size(), found.toString());
        assertTrue(Listing.restricted(found.get(0)), found.toString());
        assertFalse(Listing.ids(Listing.all(api.as("sales1"), RECORDS + "?view=mine")).contains(id));

        // the new owner has it all
        api.as("sales2").get(record).expect(200);
        api.as("sales2").patch(record, Map.of("version", before,
                "contacts", List.of(Customers.contact("新负责人联系人", Customers.mobile(42))))).expect(200);
        assertTrue(Listing.ids(Listing.all(api.as("sales2"), RECORDS + "?view=mine")).contains(id));
    }

    @Test
    void aSalesAssistantReadsWhatItEnteredForSomeoneButChangesOnlyWhatItsRoleLetsIt() {
        api.as("sales1").post("/api/delegations", Map.of("delegate", "assistant1", "kind", "create_on_behalf",
                "ends_at", now().plusDays(1).truncatedTo(ChronoUnit.SECONDS).toString())).expect(201);
        long id = api.as("assistant1").post(RECORDS + "?on_behalf_of=sales1",
                Customers.valid(Customers.uniqueName("代录移交"))).expect(201).json().get("id").asLong();
        String record = RECORDS + "/" + id;
        assertEquals("sales1", read(id).get("owner").asText());

        // the role's "created: [read]" on rows it entered: it reads, it does not change or share
        api.as("assistant1").get(record).expect(200);
        api.as("assistant1").patch(record, Map.of("version", version(id), "legal_rep", "代录改")).expect(403);
        page("assistant1", "/forms/customer/" + id + "/edit").expect(403);
        assertFalse(read(id).get("legal_rep").asText("").equals("代录改"));

        // the principal hands it on; the assistant still reads it, by its role, not as an owner
        api.as("sales1").patch(record, Map.of("version", version(id), "owner", "sales2")).expect(200);
        api.as("assistant1").get(record).expect(200);
        api.as("assistant1").patch(record, Map.of("version", version(id), "legal_rep", "代录改")).expect(403);
        api.as("sales1").get(record).expect(404);
    }
}
