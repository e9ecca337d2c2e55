package dev.formation.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The flow API as tests use it: record actions, tasks by box, task actions, uploads. */
public final class Flows {

    private final Api api;

    public Flows(Api api) {
        this.api = api;
    }

    public static String action(String form, long id, String action) {
        return "/api/forms/" + form + "/records/" + id + "/actions/" + action;
    }

    public Api.Response act(String user, String form, long id, String action, Map<String, Object> body) {
        return api.as(user).post(action(form, id, action), body);
    }

    /** The ids of the tasks in a user's box, newest first. */
    public List<JsonNode> box(String user, String box) {
        List<JsonNode> out = new ArrayList<>();
        api.as(user).get("/api/tasks?size=200&box=" + box).expect(200).json().get("items").forEach(out::add);
        return out;
    }

    /** The user's pending task on an instance; fails when there is none. */
    public long pendingTask(String user, long instanceId) {
        return box(user, "pending").stream().filter(t -> t.get("instance_id").asLong() == instanceId)
                .map(t -> t.get("id").asLong()).findFirst()
                .orElseThrow(() -> new AssertionError(user + " has no pending task on instance " + instanceId
                        + "; pending: " + box(user, "pending")));
    }

    public boolean hasPendingTask(String user, long instanceId) {
        return box(user, "pending").stream().anyMatch(t -> t.get("instance_id").asLong() == instanceId);
    }

    public Api.Response task(String user, long taskId, String action, Map<String, Object> body) {
        return api.as(user).post("/api/tasks/" + taskId + "/" + action, body);
    }

    public JsonNode instance(String user, long instanceId) {
        return api.as(user).get("/api/flows/instances/" + instanceId).expect(200).json();
    }

    /**
     * Takes a draft customer through the new-customer approval (its owner submits, contract1
     * approves with the management information), so other forms may choose it.
     */
    public long approveCustomer(String owner, long customerId) {
        long instance = act(owner, "customer", customerId, "submit", Map.of("assignee", "contract1")).expect(200)
                .json().get("id").asLong();
        task("contract1", pendingTask("contract1", instance), "approve",
                Map.of("fields", Map.of("category", "key_account"))).expect(200);
        return customerId;
    }

    /** Uploads a file (the type comes from its content) and returns its id. */
    public String upload(String user, String name, byte[] content) {
        return api.as(user).send(HttpMethod.POST, "/api/files", MediaType.MULTIPART_FORM_DATA_TYPE,
                MultipartBody.builder().addPart("file", name, MediaType.APPLICATION_OCTET_STREAM_TYPE, content).build())
                .expect(201).json().get("id").asText();
    }

    /** The smallest PDF a PDF reader opens: enough for the content check. */
    public static byte[] pdf() {
        String text = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                + "trailer<</Root 1 0 R>>\n%%EOF\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
