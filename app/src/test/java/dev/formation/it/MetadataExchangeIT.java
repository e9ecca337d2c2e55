package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.FormationApp;
import dev.formation.testing.TestDatabase;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tenant's layer out of one app and into another as a zip, through the API only: exported
 * after a change, imported into a fresh app's draft, published there and live; the versions
 * tell what each publish changed, with a unified diff; a bad archive is refused naming the file
 * and why, and changes nothing.
 */
class MetadataExchangeIT extends AppTestBase {

    private static final String METADATA = "/api/admin/metadata";
    private static final MediaType YAML = MediaType.of("application/yaml");
    private static final MediaType ZIP = MediaType.of("application/zip");
    private static final String WECHAT = "fields:\n  - key: wechat\n    type: text\n"
            + "    label: {zh-CN: 微信, en: WeChat}\n    section: basic\n    maxLength: 64\n";
    private static final String INDUSTRY = "options:\n  - {key: aerospace, label: {zh-CN: 航空航天, en: Aerospace}}\n";

    /** name → text of every entry. */
    private static Map<String, String> unzip(byte[] zip) {
        Map<String, String> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static byte[] zip(String... namesAndTexts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (int i = 0; i < namesAndTexts.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndTexts[i]));
                zip.write(namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static boolean hasField(Api node, String form, String key) {
        for (JsonNode field : node.as("sales1").get("/api/forms/" + form).expect(200).json().get("fields")) {
            if (key.equals(field.get("key").asText())) {
                return true;
            }
        }
        return false;
    }

    private void putDraft(String kind, String key, String yaml) {
        api.as("admin").send(HttpMethod.PUT, METADATA + "/" + kind + "/" + key, YAML, yaml).expect(204);
    }

    private int publish(String comment) {
        return api.as("admin").post(METADATA + "/publish", Map.of("comment", comment)).expect(200).json().get("version").asInt();
    }

    /** The draft's definitions as the export has them (the manifest, which carries the time, left out). */
    private Map<String, String> draftFiles() {
        Map<String, String> files = unzip(api.as("admin").download(METADATA + "/export").expect(200).body());
        files.remove("manifest.yaml");
        return files;
    }

    private JsonNode refused(Api.Call as, byte[] archive) {
        Api.Response r = as.send(HttpMethod.POST, METADATA + "/import", ZIP, archive).expect(400);
        assertTrue(r.contentType().startsWith("application/problem+json"), r.toString());
        return r.json();
    }

    private static String fields(JsonNode problem) {
        List<String> out = new ArrayList<>();
        problem.get("errors").forEach(e -> out.add(e.get("field").asText()));
        return String.join(" ", out);
    }

    @Test
    void anExportImportedIntoAFreshAppIsLiveThereOncePublished() throws IOException {
        putDraft("form", "customer", WECHAT);
        putDraft("dictionary", "industry", INDUSTRY);
        Api.Download export = api.as("admin").download(METADATA + "/export").expect(200);
        assertTrue(export.header("content-type").startsWith("application/zip"), export.headers().toString());
        assertTrue(export.header("content-disposition").contains("metadata-draft.zip"), export.headers().toString());
        Map<String, String> files = unzip(export.body());
        assertEquals("manifest.yaml", files.keySet().iterator().next(), files.keySet().toString());
        assertEquals(WECHAT, files.get("forms/customer.yaml"));
        assertEquals(INDUSTRY, files.get("dictionaries/industry.yaml"));
        String manifest = files.get("manifest.yaml");
        assertTrue(manifest.contains("format: formation-metadata-layer") && manifest.contains("source: draft")
                && manifest.contains("exportedBy: admin"), manifest);

        Path folder = Files.createTempDirectory("formation-it-fresh-");
        try (TestDatabase freshDb = TestDatabase.create(folder);
             FormationApp fresh = FormationApp.start(freshDb, folder.resolve("data"), Map.of())) {
            Api there = fresh.api();
            assertFalse(hasField(there, "customer", "wechat"));
            long started = System.nanoTime();
            JsonNode imported = there.as("admin").send(HttpMethod.POST, METADATA + "/import", ZIP, export.body())
                    .expect(200).json();
            long importMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(files.size() - 1, imported.get("definitions").asInt(), imported.toString());
            assertTrue(imported.get("summary").asText().contains("form/customer"), imported.toString());
            assertTrue(imported.get("summary").asText().startsWith("added "), imported.toString());
            assertFalse(hasField(there, "customer", "wechat"), "an import fills the draft; nothing is live before a publish");

            JsonNode published = there.as("admin").post(METADATA + "/publish", Map.of("comment", "从测试环境导入"))
                    .expect(200).json();
            assertEquals(1, published.get("version").asInt(), published.toString());
            assertTrue(hasField(there, "customer", "wechat"));
            assertTrue(freshDb.columns("f_customer").contains("wechat"), freshDb.columns("f_customer").toString());
            Map<String, Object> input = Customers.valid(Customers.uniqueName("导入之后"));
            input.put("wechat", "wx_imported");
            long id = there.as("sales1").post(RECORDS, input).expect(201).json().get("id").asLong();
            assertEquals("wx_imported", there.as("admin").get(RECORDS + "/" + id).expect(200).json().get("wechat").asText());

            Map<String, String> back = unzip(there.as("admin").download(METADATA + "/export?version=1").expect(200).body());
            String backManifest = back.remove("manifest.yaml");
            files.remove("manifest.yaml");
            assertEquals(files, back, "the published layer is the imported one, file for file");
            assertTrue(backManifest.contains("source: version") && backManifest.contains("version: 1"), backManifest);
            System.out.printf("MetadataExchangeIT: import of %d definitions (%d bytes) took %d ms%n",
                    files.size(), export.body().length, importMillis);
        } finally {
            TestDatabase.deleteTree(folder);
        }
    }

    @Test
    void eachVersionNamesTheDefinitionsItChangedWithADiff() {
        putDraft("form", "visit", "label: {zh-CN: 拜访, en: Visit}\n");
        int first = publish("拜访");
        putDraft("form", "visit", "label: {zh-CN: 客户拜访, en: Customer visit}\n");
        putDraft("dictionary", "visit_type", "options:\n  - {key: online, label: {zh-CN: 线上拜访, en: Online visit}}\n");
        int second = publish("拜访改名");
        assertEquals(first + 1, second);

        JsonNode version = api.as("admin").get(METADATA + "/versions/" + second).expect(200).json();
        assertEquals(first, version.get("previous").asInt(), version.toString());
        assertEquals("拜访改名", version.get("comment").asText());
        JsonNode changes = version.get("changes");
        assertEquals(2, changes.size(), changes.toString());
        assertEquals("dictionary visit_type added", changes.get(0).get("kind").asText() + " "
                + changes.get(0).get("key").asText() + " " + changes.get(0).get("change").asText());
        JsonNode visit = changes.get(1);
        assertEquals("form visit changed", visit.get("kind").asText() + " " + visit.get("key").asText() + " "
                + visit.get("change").asText());
        String diff = visit.get("diff").asText();
        assertTrue(diff.startsWith("--- a/forms/visit.yaml\n+++ b/forms/visit.yaml\n@@ "), diff);
        assertTrue(diff.contains("\n-label: {zh-CN: 拜访, en: Visit}\n+label: {zh-CN: 客户拜访, en: Customer visit}\n"), diff);
        assertEquals("added dictionary/visit_type; changed form/visit", version.get("summary").asText());

        JsonNode listed = null;
        for (JsonNode row : api.as("admin").get(METADATA + "/versions").expect(200).json()) {
            if (row.get("version").asInt() == second) {
                listed = row;
            }
        }
        assertTrue(listed != null && listed.get("summary").asText().equals(version.get("summary").asText()), String.valueOf(listed));
        assertFalse(listed.get("changes").get(0).has("diff"), "the list is short: no diffs");

        Map<String, String> older = unzip(api.as("admin").download(METADATA + "/export?version=" + first).expect(200).body());
        assertEquals("label: {zh-CN: 拜访, en: Visit}\n", older.get("forms/visit.yaml"));
        assertFalse(older.containsKey("dictionaries/visit_type.yaml"), older.keySet().toString());
        api.as("admin").download(METADATA + "/export?version=" + (second + 100)).expect(404);
        api.as("admin").get(METADATA + "/export?version=x").expect(400);
    }

    @Test
    void aBadArchiveIsRefusedNamingTheFileAndNothingChanges() {
        putDraft("form", "follow_up", "label: {zh-CN: 跟进, en: Follow-up}\n");
        Map<String, String> before = draftFiles();
        String visit = "label: {zh-CN: 导入的拜访, en: Imported visit}\n";

        JsonNode notZip = refused(api.as("admin"), "kind: form\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("archive", fields(notZip), notZip.toString());
        assertEquals("无法导入该压缩包，草稿未作任何改动", notZip.get("title").asText(), notZip.toString());

        JsonNode slip = refused(api.as("admin").english(), zip("forms/visit.yaml", visit, "../forms/customer.yaml", WECHAT));
        assertEquals("../forms/customer.yaml", fields(slip), slip.toString());
        assertTrue(slip.get("errors").get(0).get("message").asText().contains("unsafe"), slip.toString());

        JsonNode bomb = refused(api.as("admin"), zip("forms/visit.yaml", "#".repeat(2 * 1024 * 1024)));
        assertEquals("forms/visit.yaml", fields(bomb), bomb.toString());

        JsonNode stray = refused(api.as("admin").english(), zip("forms/visit.yaml", visit, "notes.txt", "hello"));
        assertEquals("notes.txt", fields(stray), stray.toString());
        assertTrue(stray.get("errors").get(0).get("message").asText().contains("<folder>/<key>.yaml"), stray.toString());

        JsonNode badType = refused(api.as("admin"), zip("forms/visit.yaml", visit, "forms/customer.yaml",
                "fields:\n  - {key: hologram, type: hologram, label: {en: Hologram}}\n", "dictionaries/industry.yaml", "options: [\n"));
        String named = fields(badType);
        assertTrue(named.startsWith("dictionaries/industry.yaml forms/customer.yaml#/fields/"), badType.toString());
        assertTrue(badType.get("errors").get(0).get("message").asText().contains("line"), badType.toString());

        JsonNode wrongKind = refused(api.as("admin"), zip("forms/visit.yaml", "kind: report\n"));
        assertEquals("forms/visit.yaml#/kind", fields(wrongKind), wrongKind.toString());

        api.as("admin").send(HttpMethod.POST, METADATA + "/import", MediaType.APPLICATION_JSON_TYPE, "{}").expect(415);
        assertEquals(before, draftFiles(), "every refusal left the draft as it was");

        JsonNode imported = api.as("admin").send(HttpMethod.POST, METADATA + "/import", ZIP,
                zip("forms/visit.yaml", visit)).expect(200).json();
        assertEquals(1, imported.get("definitions").asInt(), imported.toString());
        assertEquals(Map.of("forms/visit.yaml", visit), draftFiles(), "an import replaces the draft");
        assertNotEquals(before, draftFiles());
    }

    @Test
    void aLayerOfManyNewDefinitionsImportsInOneGo() {
        int count = 200;
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add("dictionaries/imported_" + i + ".yaml");
            entries.add("kind: dictionary\nkey: imported_" + i + "\nlabel: {zh-CN: 导入" + i + ", en: Imported " + i + "}\n"
                    + "options:\n  - {key: one, label: {zh-CN: 一, en: One}}\n  - {key: two, label: {zh-CN: 二, en: Two}}\n");
        }
        byte[] archive = zip(entries.toArray(String[]::new));
        byte[] before = api.as("admin").download(METADATA + "/export").expect(200).body();
        long started = System.nanoTime();
        JsonNode imported = api.as("admin").send(HttpMethod.POST, METADATA + "/import", ZIP, archive).expect(200).json();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(count, imported.get("definitions").asInt(), imported.toString());
        Map<String, String> draft = draftFiles();
        assertEquals(count, draft.size(), draft.keySet().toString());
        assertEquals(entries.get(1), draft.get(entries.get(0)));
        System.out.printf("MetadataExchangeIT: import of %d new definitions (%d bytes) took %d ms%n", count, archive.length, millis);

        entries.set(entries.size() - 1, "kind: dictionary\nkey: imported_" + (count - 1) + "\noptions: []\n");
        started = System.nanoTime();
        JsonNode refused = refused(api.as("admin"), zip(entries.toArray(String[]::new)));
        millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals("dictionaries/imported_" + (count - 1) + ".yaml#/options", fields(refused), refused.toString());
        assertEquals(count, draftFiles().size(), "the refused import left the draft as it was");
        System.out.printf("MetadataExchangeIT: a refused import of %d definitions, one bad, took %d ms%n", count, millis);

        for (int i = 0; i < 30; i++) {
            entries.set(2 * i + 1, "kind: dictionary\nkey: imported_" + i + "\nlabel: {en: X}\noptions: [{key: Bad}]\n");
        }
        started = System.nanoTime();
        JsonNode many = refused(api.as("admin").english(), zip(entries.toArray(String[]::new)));
        millis = (System.nanoTime() - started) / 1_000_000;
        JsonNode errors = many.get("errors");
        assertEquals(21, errors.size(), many.toString());
        assertEquals("archive", errors.get(20).get("field").asText(), many.toString());
        assertTrue(errors.get(20).get("message").asText().contains("fix these 20 first"), many.toString());
        System.out.printf("MetadataExchangeIT: a refused import of %d definitions, 31 bad (20 named), took %d ms%n", count, millis);

        // the draft as it was, so that a publish in another test does not compile 200 dictionaries
        api.as("admin").send(HttpMethod.POST, METADATA + "/import", ZIP, before).expect(200);
        assertEquals(unzip(before).size() - 1, draftFiles().size());
    }

    @Test
    void aSalespersonMayNeitherExportNorImport() {
        api.as("sales1").download(METADATA + "/export").expect(403);
        api.as("sales1").send(HttpMethod.POST, METADATA + "/import", ZIP, zip("forms/visit.yaml", "label: {en: X}\n"))
                .expect(403);
        api.as("sales1").get(METADATA + "/versions").expect(403);
        api.anonymous().download(METADATA + "/export").expect(401);
    }
}
