package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two people acting on one approval at the same moment, from parallel threads against the real
 * server: exactly one wins, the other gets 409 with a message, and the instance is never left
 * half-done. Run on H2 and (the point of it) on MariaDB.
 */
class FlowRaceIT extends AppTestBase {

    private static final int ROUNDS = 5;
    private Flows flows;
    private Api.Call contract2;

    @BeforeAll
    void secondContractAdmin() {
        flows = new Flows(api);
        api.as("admin").post("/api/users", Map.of("username", "contract2", "name", "周洁",
                "email", "contract2@formation-demo.example.com", "password", "first-pass1", "department", "contracts",
                "roles", List.of("contract_admin"))).expect(201);
        contract2 = api.withToken(api.login("contract2", "first-pass1"));
    }

    /** Runs the calls together (released by one barrier) and returns their statuses in order. */
    static List<Integer> together(List<Callable<Api.Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CyclicBarrier start = new CyclicBarrier(calls.size());
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (Callable<Api.Response> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return call.call();
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Response> f : futures) {
                Api.Response r = f.get(60, TimeUnit.SECONDS);
                if (r.status() == 409) {
                    assertTrue(r.contentType().startsWith("application/problem+json"), r.toString());
                    assertTrue(r.json().get("title").asText().length() > 5, "a message: " + r);
                }
                statuses.add(r.status());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    static void exactlyOneWins(List<Integer> statuses, int success) {
        assertEquals(1, statuses.stream().filter(s -> s == success).count(), "one winner: " + statuses);
        assertEquals(statuses.size() - 1, statuses.stream().filter(s -> s == 409).count(), "others 409: " + statuses);
    }

    private long activeCustomer() {
        return flows.approveCustomer("sales1", api.as("sales1").post(RECORDS,
                Customers.valid(Customers.uniqueName("并发"))).expect(201).json().get("id").asLong());
    }

    @Test
    void twoApproversOfAnAnyOneNodeApproveAtOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            long id = activeCustomer();
            long instance = api.as("sales1").post(RECORDS + "/" + id + "/change-requests",
                    Map.of("changes", Map.of("website", "https://race" + round + ".example.com"))).expect(201)
                    .json().get("id").asLong();
            long t1 = flows.pendingTask("contract1", instance);
            long t2 = contract2.get("/api/tasks?box=pending&size=200").expect(200).json().findValues("id").stream()
                    .map(JsonNode::asLong).filter(t -> t != t1 && isTaskOf(t, instance)).findFirst().orElseThrow();
            List<Integer> statuses = together(List.of(
                    () -> flows.task("contract1", t1, "approve", Map.of()),
                    () -> contract2.post("/api/tasks/" + t2 + "/approve", Map.of())));
            exactlyOneWins(statuses, 200);
            JsonNode view = flows.instance("sales1", instance);
            assertEquals("approved", view.get("status").asText());
            long approved = 0;
            for (JsonNode t : view.get("tasks")) {
                approved += t.get("status").asText().equals("approved") ? 1 : 0;
            }
            assertEquals(1, approved, "one approval recorded: " + view.get("tasks"));
            assertEquals("https://race" + round + ".example.com", read(id).get("website").asText());
        }
    }

    private boolean isTaskOf(long task, long instance) {
        return count("SELECT COUNT(*) FROM flow_tasks WHERE id = ? AND instance_id = ?", task, instance) == 1;
    }

    @Test
    void approvalRacesWithdrawal() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            long id = api.as("sales1").post(RECORDS, Customers.valid(Customers.uniqueName("撤销并发"))).expect(201)
                    .json().get("id").asLong();
            long instance = flows.act("sales1", "customer", id, "submit", Map.of("assignee", "contract1")).expect(200)
                    .json().get("id").asLong();
            long task = flows.pendingTask("contract1", instance);
            List<Integer> statuses = together(List.of(
                    () -> flows.task("contract1", task, "approve", Map.of("fields", Map.of("category", "sme"))),
                    () -> api.as("sales1").post("/api/flows/instances/" + instance + "/withdraw", Map.of())));
            exactlyOneWins(statuses, 200);
            String instanceStatus = flows.instance("sales1", instance).get("status").asText();
            String recordStatus = read(id).get("status").asText();
            if (statuses.get(0) == 200) {
                assertEquals("approved", instanceStatus);
                assertEquals("active", recordStatus);
            } else {
                assertEquals("withdrawn", instanceStatus);
                assertEquals("draft", recordStatus);
                assertEquals(0, count("SELECT COUNT(*) FROM flow_tasks WHERE instance_id = ? AND status = 'pending'",
                        instance));
            }
        }
    }

    @Test
    void twoChangeRequestsAtOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            long id = activeCustomer();
            String path = RECORDS + "/" + id + "/change-requests";
            List<Integer> statuses = together(List.of(
                    () -> api.as("sales1").post(path, Map.of("changes", Map.of("website", "https://a.example.com"))),
                    () -> api.as("sales1").post(path, Map.of("changes", Map.of("website", "https://b.example.com")))));
            exactlyOneWins(statuses, 201);
            assertEquals(1, count("SELECT COUNT(*) FROM flow_instances WHERE form_key = 'customer' AND record_id = ? "
                    + "AND flow_key = 'customer_change'", id), "the loser left nothing behind");
            assertEquals(1, count("SELECT COUNT(*) FROM flow_locks WHERE lock_key = ?", "customer:" + id));
        }
    }

    @Test
    void aDoubleClickApprovesOnce() throws Exception {
        long id = api.as("sales1").post(RECORDS, Customers.valid(Customers.uniqueName("双击"))).expect(201)
                .json().get("id").asLong();
        long instance = flows.act("sales1", "customer", id, "submit", Map.of("assignee", "contract1")).expect(200)
                .json().get("id").asLong();
        long task = flows.pendingTask("contract1", instance);
        Map<String, Object> body = Map.of("fields", Map.of("category", "sme"), "comment", "同意");
        exactlyOneWins(together(List.of(() -> flows.task("contract1", task, "approve", body),
                () -> flows.task("contract1", task, "approve", body))), 200);
        assertEquals(1, count("SELECT COUNT(*) FROM flow_events WHERE instance_id = ? AND action = 'approve'", instance));
    }
}
