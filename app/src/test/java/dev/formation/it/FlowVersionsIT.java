package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import dev.formation.testing.FormationApp;
import dev.formation.testing.Resources;
import dev.formation.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flow changed between two starts of the app: the instance begun on version 1 finishes on
 * version 1 and shows it; a new one runs on version 2.
 */
class FlowVersionsIT {

    private static final String RECORDS = "/api/forms/customer/records";

    private static long submitted(Api api, Flows flows) {
        long id = api.as("sales1").post(RECORDS, Customers.valid(Customers.uniqueName("版本"))).expect(201).json()
                .get("id").asLong();
        return flows.act("sales1", "customer", id, "submit", Map.of("assignee", "contract1")).expect(200).json()
                .get("id").asLong();
    }

    private static void contractApproves(Flows flows, long instance) {
        flows.task("contract1", flows.pendingTask("contract1", instance), "approve",
                Map.of("fields", Map.of("category", "sme"))).expect(200);
    }

    @Test
    void anInstanceFinishesOnTheVersionItStartedOn() throws Exception {
        Path temp = Files.createTempDirectory("formation-versions-");
        try (TestDatabase db = TestDatabase.create(temp)) {
            long old;
            try (FormationApp app = FormationApp.start(db, temp.resolve("data"), Map.of())) {
                Flows flows = new Flows(app.api());
                old = submitted(app.api(), flows);
                assertEquals(1, flows.instance("sales1", old).get("flow_version").asInt());
            }
            Map<String, Object> v2 = Map.of("formation.metadata-dir", Resources.folder("overlays/flow-v2").toString(),
                    "formation.demo-data", "false");
            try (FormationApp app = FormationApp.start(db, temp.resolve("data"), v2)) {
                Flows flows = new Flows(app.api());
                contractApproves(flows, old);
                JsonNode finished = flows.instance("sales1", old);
                assertEquals("approved", finished.get("status").asText(), "version 1 has no manager step");
                assertEquals(1, finished.get("flow_version").asInt());
                assertFalse(finished.get("nodes").toString().contains("manager_review"), "shown with its own version");

                long fresh = submitted(app.api(), flows);
                assertEquals(2, flows.instance("sales1", fresh).get("flow_version").asInt());
                contractApproves(flows, fresh);
                assertEquals("running", flows.instance("sales1", fresh).get("status").asText());
                assertTrue(flows.hasPendingTask("manager1", fresh));
            }
        } finally {
            TestDatabase.deleteTree(temp);
        }
    }
}
