package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Flows;
import dev.formation.testing.FormationApp;
import dev.formation.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Two app nodes on one database: a file uploaded through one downloads through the other. On
 * MariaDB the database is the default file storage; on the embedded H2, whose default is the
 * data folder of its single node, the test chooses the database storage to run the same check.
 * Files kept the old way (in a node's folder, without links) are taken over at start-up.
 */
class FileNodesIT extends AppTestBase {

    private FormationApp nodeB;
    private Flows flows;

    @Override
    protected Map<String, Object> overrides(Path tempDir) {
        return nodeSettings();
    }

    private static Map<String, Object> nodeSettings() {
        Map<String, Object> p = new HashMap<>();
        if (!TestDatabase.isMariaDb()) {
            p.put("formation.files.store", "database");
        }
        return p;
    }

    @BeforeAll
    void startSecondNode() {
        nodeB = FormationApp.start(db, tempDir.resolve("data-b"), nodeSettings());
        flows = new Flows(api);
    }

    @AfterAll
    void stopSecondNode() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    /** A picture's signature followed by random bytes: a type the upload accepts, of any size. */
    private static byte[] picture(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        System.arraycopy(signature, 0, b, 0, signature.length);
        return b;
    }

    @Test
    void aLargeUploadThroughOneNodeDownloadsWholeThroughTheOther() throws Exception {
        byte[] content = picture(19 * 1024 * 1024 + 12_345, 1);
        String id = flows.upload("sales1", "大图.png", content);

        Api.Download d = nodeB.api().as("sales1").download("/api/files/" + id).expect(200);
        assertEquals(content.length, d.body().length);
        assertArrayEquals(content, d.body());
        assertEquals(String.valueOf(content.length), d.header("content-length"));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)),
                db.queryString("SELECT sha256 FROM files WHERE id = ?", id));
        // kept in parts in the database, not in either node's folder
        assertEquals((content.length + 512 * 1024 - 1) / (512 * 1024),
                count("SELECT COUNT(*) FROM file_contents WHERE file_id = ?", id));
        assertFalse(Files.exists(tempDir.resolve("data").resolve("uploads").resolve(id)));
        assertEquals(404, nodeB.api().as("sales2").download("/api/files/" + id).status(), "still only its uploader's");
    }

    @Test
    void uploadsKeptTheOldWayAreTakenOverWhenANodeStarts() throws Exception {
        // a visit whose photo predates links and shared storage: the bytes only in node C's folder
        byte[] content = picture(70_000, 2);
        String photo = flows.upload("sales1", "旧照片.png", content);
        JsonNode visits = api.as("sales1").get("/api/forms/visit/records?view=mine&size=1").expect(200).json();
        long visitId = visits.get("items").get(0).get("id").asLong();
        JsonNode visit = api.as("sales1").get("/api/forms/visit/records/" + visitId).expect(200).json();
        api.as("sales1").patch("/api/forms/visit/records/" + visitId, Map.of("version",
                visit.get("version").asLong(), "photos", List.of(photo))).expect(200);
        Path oldFolder = tempDir.resolve("data-c").resolve("uploads");
        Files.createDirectories(oldFolder);
        Files.write(oldFolder.resolve(photo), content);
        sql("DELETE FROM file_contents WHERE file_id = ?", photo);
        sql("DELETE FROM file_links WHERE file_id = ?", photo);
        sql("INSERT INTO startup_tasks (task) VALUES ('link-existing-files')");
        assertEquals(404, api.as("manager1").download("/api/files/" + photo).status(), "no link: nobody but sales1");

        try (FormationApp nodeC = FormationApp.start(db, tempDir.resolve("data-c"), nodeSettings())) {
            assertEquals(0, count("SELECT COUNT(*) FROM startup_tasks"), "done once");
        }
        assertArrayEquals(content, nodeB.api().as("manager1").download("/api/files/" + photo).expect(200).body(),
                "linked to the visit again, and its bytes in the shared storage");
        assertEquals(404, nodeB.api().as("sales2").download("/api/files/" + photo).status());
    }

    private void sql(String sql, Object... params) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
