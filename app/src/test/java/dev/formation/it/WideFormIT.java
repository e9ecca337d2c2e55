package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api.Response;
import dev.formation.testing.AppTestBase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.formation.it.CustomerCreateIT.assertProblem400;
import static dev.formation.it.CustomerCreateIT.errorFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A form of 300 text fields of up to 200 characters each: on MySQL/MariaDB that is far beyond
 * the 65,535-byte row limit if every field were a VARCHAR(200) in utf8mb4, so this checks that
 * the store lays such a form out so it can be created, written full and read back.
 */
class WideFormIT extends AppTestBase {

    private static final int FIELDS = 300;
    private static final int LENGTH = 200;
    private static final String WIDE = "/api/forms/wide/records";

    @Override
    protected Map<String, Object> overrides(Path tempDir) throws IOException {
        Path forms = Files.createDirectories(tempDir.resolve("overlay").resolve("forms"));
        StringBuilder yaml = new StringBuilder("""
                kind: form
                key: wide
                label: {zh-CN: 宽表单, en: Wide form}
                fields:
                """);
        for (int i = 1; i <= FIELDS; i++) {
            yaml.append(String.format("  - {key: f%03d, type: text, label: {zh-CN: 字段%03d, en: Field %03d}, maxLength: %d}%n",
                    i, i, i, LENGTH));
        }
        Files.writeString(forms.resolve("wide.yaml"), yaml, StandardCharsets.UTF_8);
        return Map.of("formation.metadata-dir", tempDir.resolve("overlay").toString());
    }

    /** 200 Chinese characters, different for every field so a column mix-up shows. */
    private static String value(int field, int variant) {
        StringBuilder s = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            s.append((char) (0x4E00 + (field * 7 + i * 13 + variant * 31) % 20000));
        }
        return s.toString();
    }

    private static Map<String, Object> fullRecord(int variant) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 1; i <= FIELDS; i++) {
            record.put(String.format("f%03d", i), value(i, variant));
        }
        return record;
    }

    @Test
    void aRowWith300Full200CharacterChineseFieldsIsStoredAndReadBack() {
        Map<String, Object> record = fullRecord(0);
        JsonNode created = api.as("admin").post(WIDE, record).expect(201).json();
        long id = created.get("id").asLong();
        assertEquals(1, created.get("version").asLong());

        JsonNode read = api.as("admin").get(WIDE + "/" + id).expect(200).json();
        for (Map.Entry<String, Object> e : record.entrySet()) {
            assertEquals(e.getValue(), read.get(e.getKey()).asText(), e.getKey());
        }
        assertEquals(LENGTH, read.get("f300").asText().codePointCount(0, read.get("f300").asText().length()));
        assertTrue(count("SELECT COUNT(*) FROM f_wide WHERE id = ?", id) == 1);

        Map<String, Object> changed = fullRecord(1);
        changed.put("version", 1);
        JsonNode patched = api.as("admin").patch(WIDE + "/" + id, changed).expect(200).json();
        assertEquals(2, patched.get("version").asLong());
        JsonNode again = api.as("admin").get(WIDE + "/" + id).expect(200).json();
        for (int i = 1; i <= FIELDS; i++) {
            assertEquals(value(i, 1), again.get(String.format("f%03d", i)).asText());
        }
        assertEquals(1, api.as("admin").get(WIDE + "?q=" + created.get("code").asText()).expect(200).json()
                .get("total").asLong());
    }

    @Test
    void theLimitIsCharactersNotBytes() {
        Map<String, Object> record = fullRecord(2);
        record.put("f150", value(150, 2) + "多");
        Response r = api.as("admin").post(WIDE, record);
        assertProblem400(r);
        assertEquals(List.of("f150"), errorFields(r));
    }

    @Test
    void theFormIsDescribedWithAllItsFields() {
        JsonNode form = api.as("admin").get("/api/forms/wide").expect(200).json();
        assertEquals(FIELDS, form.get("fields").size());
        assertEquals(200, form.get("fields").get(299).get("maxLength").asInt());
        List<String> columns = db.columns("f_wide");
        for (int i = 1; i <= FIELDS; i++) {
            assertTrue(columns.contains(String.format("f%03d", i)), "column f" + i + " in " + columns);
        }
    }
}
