package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Flows;
import dev.formation.testing.Resources;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A file is served only to those who may read a place that holds it: a record they may read
 * (row scope, or an approver's task), through a field they may see, sub-table rows included; a
 * flow's documents and comments to those who may see the flow; a fresh upload to its uploader.
 * Everyone else gets 404, as for a file that does not exist. The overlay adds a sub-table with
 * receipts to visits, hides visit photos from team leaders and has assistant1 review visits.
 */
class FileAccessIT extends AppTestBase {

    private static final String VISITS = "/api/forms/visit/records";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private Flows flows;

    @Override
    protected Map<String, Object> overrides(Path tempDir) {
        return Map.of("formation.metadata-dir", Resources.folder("overlays/file-access").toString());
    }

    @BeforeAll
    void flows() {
        flows = new Flows(api);
    }

    /** A small PNG: the signature, then bytes that differ per call so each upload is its own. */
    static byte[] png() {
        byte[] b = new byte[64];
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        System.arraycopy(signature, 0, b, 0, signature.length);
        int n = SEQ.incrementAndGet();
        for (int i = signature.length; i < b.length; i++) {
            b[i] = (byte) (n * 31 + i);
        }
        return b;
    }

    private String upload(String user, byte[] content) {
        return flows.upload(user, "现场.png", content);
    }

    /** A new visit of the user's, a copy of one of their demo visits (each test changes its own). */
    private JsonNode ownVisit(String user) {
        JsonNode items = api.as(user).get(VISITS + "?view=mine&size=1").expect(200).json().get("items");
        JsonNode demo = api.as(user).get(VISITS + "/" + items.get(0).get("id").asLong()).expect(200).json();
        Map<String, Object> copy = new java.util.LinkedHashMap<>();
        for (String key : List.of("customer", "contact_name", "contact_title", "visit_time", "visit_type", "purpose",
                "sales_stage", "location", "duration_minutes", "summary")) {
            if (demo.hasNonNull(key)) {
                copy.put(key, Api.JSON.convertValue(demo.get(key), Object.class));
            }
        }
        return api.as(user).post(VISITS, copy).expect(201).json();
    }

    private JsonNode patch(String user, JsonNode visit, Map<String, Object> changes) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(changes);
        body.put("version", visit.get("version").asLong());
        return api.as(user).patch(VISITS + "/" + visit.get("id").asLong(), body).expect(200).json();
    }

    private int status(String user, String fileId) {
        return api.as(user).download("/api/files/" + fileId).status();
    }

    @Test
    void aPhotoOnAPrivateVisitOpensOnlyForThoseWhoMayReadTheVisit() {
        byte[] content = png();
        String photo = upload("sales1", content);
        JsonNode visit = patch("sales1", ownVisit("sales1"), Map.of("photos", List.of(photo)));
        long id = visit.get("id").asLong();

        assertArrayEquals(content, api.as("sales1").download("/api/files/" + photo).expect(200).body());
        assertEquals(200, status("manager1", photo), "the manager reads every visit");
        assertEquals(200, status("admin", photo));
        for (String other : List.of("sales2", "assistant1", "contract1", "finance1")) {
            api.as(other).get(VISITS + "/" + id).expect(404);
            assertEquals(404, status(other, photo), other + " may not read the visit, so not its photo either");
        }
    }

    @Test
    void aFieldTheViewerMayNotSeeGivesNoAccessToItsFiles() {
        String photo = upload("sales1", png());
        JsonNode visit = patch("sales1", ownVisit("sales1"), Map.of("photos", List.of(photo)));
        JsonNode asLeader = api.as("leader1").get(VISITS + "/" + visit.get("id").asLong()).expect(200).json();
        assertEquals(false, asLeader.has("photos"), "the field is hidden from team leaders");
        assertEquals(404, status("leader1", photo));
    }

    @Test
    void filesInSubTableRowsFollowTheRecord() {
        String receipt = upload("sales1", png());
        List<Object> rows = new ArrayList<>(List.of(Map.of("item", "出租车", "receipt", List.of(receipt))));
        patch("sales1", ownVisit("sales1"), Map.of("expenses", rows));
        assertEquals(200, status("sales1", receipt));
        assertEquals(200, status("leader1", receipt), "the team leader sees the expenses");
        assertEquals(200, status("manager1", receipt));
        assertEquals(404, status("sales2", receipt));
        assertEquals(404, status("assistant1", receipt));
    }

    @Test
    void aFreshUploadOpensOnlyForItsUploaderAndAFileTakenOutOfTheRecordNoLongerOpensThroughIt() {
        String photo = upload("sales1", png());
        assertEquals(200, status("sales1", photo));
        assertEquals(404, status("sales2", photo));
        assertEquals(404, status("manager1", photo), "nothing holds it yet");

        JsonNode visit = patch("sales1", ownVisit("sales1"), Map.of("photos", List.of(photo)));
        assertEquals(200, status("manager1", photo));
        patch("sales1", visit, Map.of("photos", List.of()));
        assertEquals(404, status("manager1", photo), "no record holds it any more");
        assertEquals(200, status("sales1", photo), "back with its uploader only");
    }

    @Test
    void nobodyAttachesAFileTheyMayNotReadToReadItThroughTheirOwnRecord() {
        String photo = upload("sales1", png());
        patch("sales1", ownVisit("sales1"), Map.of("photos", List.of(photo)));

        JsonNode mine = ownVisit("sales2");
        JsonNode refused = api.as("sales2").patch(VISITS + "/" + mine.get("id").asLong(),
                Map.of("version", mine.get("version").asLong(), "photos", List.of(photo))).expect(400).json();
        assertEquals("photos", refused.get("errors").get(0).get("field").asText());
        List<Object> rows = List.of(Map.of("item", "餐费", "receipt", List.of(photo)));
        JsonNode inRow = api.as("sales2").patch(VISITS + "/" + mine.get("id").asLong(),
                Map.of("version", mine.get("version").asLong(), "expenses", rows)).expect(400).json();
        assertEquals("expenses[0].receipt", inRow.get("errors").get(0).get("field").asText());
        assertEquals(404, status("sales2", photo));
    }

    @Test
    void anApproverReadsTheFilesOfTheRecordTheyReviewThroughTheirTask() {
        String photo = upload("sales1", png());
        JsonNode visit = patch("sales1", ownVisit("sales1"), Map.of("photos", List.of(photo)));
        long id = visit.get("id").asLong();
        assertEquals(404, status("assistant1", photo));

        flows.act("sales1", "visit", id, "submit", Map.of()).expect(200);
        api.as("assistant1").get(VISITS + "/" + id).expect(404);
        assertEquals(200, status("assistant1", photo), "the reviewer sees the visit through the task");
        assertEquals(404, status("sales2", photo));
    }

    @Test
    void anApplicantWhoSeesOnlyTheListColumnsDoesNotGetTheRecordsFiles() {
        String logo = upload("sales1", png());
        Map<String, Object> input = dev.formation.testing.Customers.valid(dev.formation.testing.Customers.uniqueName("标志"));
        input.put("logo", List.of(logo));
        long customer = flows.approveCustomer("sales1", api.as("sales1").post("/api/forms/customer/records", input)
                .expect(201).json().get("id").asLong());

        long instance = flows.act("sales2", "customer", customer, "apply_owner", Map.of()).expect(200).json()
                .get("id").asLong();
        assertEquals(404, status("sales2", logo), "the applicant sees the list columns only, not the logo");
        flows.task("contract1", flows.pendingTask("contract1", instance), "approve", Map.of()).expect(200);
        assertEquals(200, status("sales2", logo), "an owner now");
    }

    @Test
    void aCommentsAttachmentOpensForThoseWhoMaySeeTheFlow() {
        String photo = upload("sales1", png());
        JsonNode visit = patch("sales1", ownVisit("sales1"), Map.of());
        long instance = flows.act("sales1", "visit", visit.get("id").asLong(), "submit", Map.of()).expect(200)
                .json().get("id").asLong();
        String note = flows.upload("sales1", "说明.pdf", Flows.pdf());
        api.as("sales1").post("/api/flows/instances/" + instance + "/comments",
                Map.of("comment", "补充说明", "attachments", List.of(note))).expect(200);

        assertEquals(200, status("sales1", note));
        assertEquals(200, status("assistant1", note), "the reviewer");
        assertEquals(200, status("manager1", note), "may read the visit, so the flow");
        assertEquals(404, status("sales2", note));
        assertEquals(404, status("contract1", note));
        // another user's file cannot be attached to a comment either
        api.as("assistant1").post("/api/flows/instances/" + instance + "/comments",
                Map.of("comment", "转发", "attachments", List.of(photo))).expect(400);
        assertEquals(404, status("assistant1", photo));
    }

    @Test
    void aChangeRequestsDocumentOpensForThoseWhoMaySeeTheRequest() {
        long customer = flows.approveCustomer("sales1", api.as("sales1").post("/api/forms/customer/records",
                dev.formation.testing.Customers.valid(dev.formation.testing.Customers.uniqueName("文件")))
                .expect(201).json().get("id").asLong());
        String doc = flows.upload("sales1", "营业执照.pdf", Flows.pdf());
        long instance = api.as("sales1").post("/api/forms/customer/records/" + customer + "/change-requests",
                Map.of("changes", Map.of("name", dev.formation.testing.Customers.uniqueName("改名")),
                        "attachments", List.of(doc))).expect(201).json().get("id").asLong();
        assertEquals(200, status("contract1", doc), "the reviewer");
        assertEquals(404, status("sales2", doc));
        assertEquals(200, status("sales1", doc));
        assertEquals(instance, api.as("contract1").get("/api/flows/instances/" + instance).expect(200).json()
                .get("id").asLong());
    }

    @Test
    void aMissingFilePartOrABrokenMultipartBodyIsAClear400() throws Exception {
        Api.Response noFile = api.as("sales1").send(HttpMethod.POST, "/api/files", MediaType.MULTIPART_FORM_DATA_TYPE,
                MultipartBody.builder().addPart("note", "只有文字").build());
        assertProblem(noFile, "file");
        Api.Response wrongName = api.as("sales1").send(HttpMethod.POST, "/api/files", MediaType.MULTIPART_FORM_DATA_TYPE,
                MultipartBody.builder().addPart("upload", "a.png", MediaType.APPLICATION_OCTET_STREAM_TYPE, png()).build());
        assertProblem(wrongName, "file");
        Api.Response textNotFile = api.as("sales1").send(HttpMethod.POST, "/api/files", MediaType.MULTIPART_FORM_DATA_TYPE,
                MultipartBody.builder().addPart("file", "不是文件").build());
        assertProblem(textNotFile, "file");

        // sent as raw bytes: a well-behaved client cannot produce these
        String body = "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhello\r\n--abc--\r\n";
        String token = api.login("sales1", Api.PASSWORD);
        for (String type : List.of("multipart/form-data", "multipart/form-data; boundary=",
                "multipart/form-data; boundary=xyz", "multipart/form-data; boundary=abc", "multipart/form-data; boundary=\"\"",
                "multipart/form-data; boundary=ab;c")) {
            String sent = type.endsWith("abc") ? body.replace("--abc--\r\n", "") : body;
            java.net.http.HttpResponse<String> r = raw(token, type, sent);
            assertEquals(400, r.statusCode(), type + " -> " + r.body());
            assertEquals("application/problem+json", r.headers().firstValue("content-type").orElse("").split(";")[0],
                    type + " -> " + r.body());
        }
        assertEquals(400, raw(token, "multipart/form-data; boundary=abc", "--abc--\r\n").statusCode(), "no parts at all");
    }

    private java.net.http.HttpResponse<String> raw(String token, String contentType, String body) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(app.baseUrl() + "/api/files"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(Api.Response r, String field) {
        assertEquals(400, r.status(), r.toString());
        assertEquals("application/problem+json", r.contentType().split(";")[0], r.toString());
        assertEquals(field, r.json().get("errors").get(0).get("field").asText(), r.toString());
    }
}
