package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.plugin.api.RecordChange;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import dev.formation.testing.MarkerHookFactory;
import dev.formation.testing.MarkerHookFactory.Seen;
import dev.formation.testing.PageClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A record hook from a plugin ({@link MarkerHookFactory}, found through the SPI on the test class
 * path, not wired by the test) sees and can veto writes on every path: the REST API, a page's
 * form post and a flow's effect. The shipped flows create no records, so the flow case is an
 * update effect (new-customer approval's "approve → active").
 */
class RecordHookIT extends AppTestBase {

    private PageClient pages;
    private Flows flows;

    @BeforeAll
    void clients() {
        pages = new PageClient(api);
        flows = new Flows(api);
    }

    private static List<Seen> seenWith(String name) {
        return MarkerHookFactory.SEEN.stream().filter(s -> name.equals(s.change().newValues().get("name"))).toList();
    }

    @Test
    void aCreateThroughTheApiIsSeenBeforeAndAfterAndCanBeVetoed() {
        String name = Customers.uniqueName(MarkerHookFactory.MARKER + "api");
        long id = create(Customers.valid(name)).get("id").asLong();
        List<Seen> seen = seenWith(name);
        assertEquals(List.of("before", "after"), seen.stream().map(Seen::when).toList());
        RecordChange before = seen.get(0).change();
        assertEquals(RecordChange.Operation.CREATE, before.operation());
        assertEquals("customer", before.formKey());
        assertTrue(before.recordId().isEmpty(), "no id before the row is stored");
        assertTrue(before.storedValues().isEmpty());
        assertEquals("admin", before.userId());
        assertFalse(before.onBehalfOfFlow());
        assertEquals(id, seen.get(1).change().recordId().orElseThrow());
        assertThrows(UnsupportedOperationException.class, () -> before.newValues().put("name", "x"), "read-only");

        String vetoed = Customers.uniqueName(MarkerHookFactory.VETO + "api");
        Api.Response refused = api.as("admin").post(RECORDS, Customers.valid(vetoed)).expect(400);
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertEquals(List.of("name"), CustomerCreateIT.errorFields(refused));
        assertEquals(MarkerHookFactory.REFUSAL.in(java.util.Locale.forLanguageTag("zh-CN")),
                CustomerCreateIT.message(refused, "name"));
        Api.Response english = api.as("admin").english().post(RECORDS, Customers.valid(vetoed)).expect(400);
        assertEquals("The test plugin refuses this value", CustomerCreateIT.message(english, "name"));
        assertEquals(0, total(vetoed), "a vetoed create stores nothing");
    }

    @Test
    void anUpdateAndADeleteAreSeenWithTheStoredValues() {
        String name = Customers.uniqueName(MarkerHookFactory.MARKER + "upd");
        JsonNode created = create(Customers.valid(name));
        long id = created.get("id").asLong();
        api.as("admin").patch(RECORDS + "/" + id, Map.of("version", created.get("version").asLong(),
                "name", name + MarkerHookFactory.VETO)).expect(400);
        api.as("admin").patch(RECORDS + "/" + id, Map.of("version", created.get("version").asLong(),
                "website", "https://example.com")).expect(200);
        RecordChange update = seenWith(name).stream().map(Seen::change)
                .filter(c -> c.operation() == RecordChange.Operation.UPDATE).findFirst().orElseThrow();
        assertEquals(id, update.recordId().orElseThrow());
        assertEquals(name, update.storedValues().get("name"));
        assertEquals("https://example.com", update.newValues().get("website"));

        api.as("admin").delete(RECORDS + "/" + id).expect(204);
        assertTrue(seenWith(name).stream().anyMatch(s -> s.when().equals("after")
                && s.change().operation() == RecordChange.Operation.DELETE));
    }

    @Test
    void aCreateThroughTheEditPageIsSeenAndAVetoShowsUnderTheField() {
        String name = Customers.uniqueName(MarkerHookFactory.MARKER + "page");
        pages.post("sales1", "/forms/customer", Customers.pageFields(name)).expect(303);
        List<Seen> seen = seenWith(name);
        assertEquals(List.of("before", "after"), seen.stream().map(Seen::when).toList());
        assertEquals("sales1", seen.get(0).change().userId());
        assertFalse(seen.get(0).change().onBehalfOfFlow());

        String vetoed = Customers.uniqueName(MarkerHookFactory.VETO + "page");
        String page = PageClient.html(pages.post("sales1", "/forms/customer", Customers.pageFields(vetoed)).expect(400));
        assertTrue(page.contains(MarkerHookFactory.REFUSAL.in(java.util.Locale.forLanguageTag("zh-CN"))), page);
        assertEquals(0, total(vetoed));
    }

    @Test
    void aFlowEffectIsSeenAsTheFlowsWriteAndAVetoRefusesTheApproval() {
        String name = Customers.uniqueName(MarkerHookFactory.MARKER + "flow");
        long[] run = submitted(name);
        long id = run[0];
        flows.task("contract1", flows.pendingTask("contract1", run[1]), "approve",
                Map.of("fields", Map.of("category", "key_account"))).expect(200);
        assertEquals("active", read(id).get("status").asText());
        RecordChange approved = seenWith(name).stream().map(Seen::change)
                .filter(c -> "active".equals(c.newValues().get("status"))).findFirst().orElseThrow();
        assertEquals(RecordChange.Operation.UPDATE, approved.operation());
        assertTrue(approved.onBehalfOfFlow());
        assertEquals("pending", approved.storedValues().get("status"));

        String vetoedName = Customers.uniqueName(MarkerHookFactory.FLOW_VETO);
        long[] vetoedRun = submitted(vetoedName);
        long vetoed = vetoedRun[0];
        long instance = vetoedRun[1];
        Api.Response refused = flows.task("contract1", flows.pendingTask("contract1", instance), "approve",
                Map.of("fields", Map.of("category", "key_account"))).expect(400);
        assertEquals(List.of("name"), CustomerCreateIT.errorFields(refused));
        assertEquals("pending", read(vetoed).get("status").asText(), "the approval is undone with the write");
        assertTrue(flows.hasPendingTask("contract1", instance), "the task waits for another decision");
    }

    /** A draft customer of sales1's submitted for approval to contract1: its id and the flow instance's. */
    private long[] submitted(String name) {
        long id = api.as("sales1").post(RECORDS, Customers.valid(name)).expect(201).json().get("id").asLong();
        long instance = flows.act("sales1", "customer", id, "submit", Map.of("assignee", "contract1")).expect(200)
                .json().get("id").asLong();
        return new long[] {id, instance};
    }
}
