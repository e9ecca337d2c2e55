package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.engine.SnapshotCompiler;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.metadata.MetadataHolder;
import dev.formation.metadata.MetadataLoader;
import dev.formation.metadata.MetadataSnapshot;
import dev.formation.plugin.PluginRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A value the form no longer offers (its option was taken away by a publish) passes where the
 * stored record already holds it, at the same place, and nowhere else.
 */
class HeldOptionsTest {

    private static final String FORM = """
            kind: form
            key: held_board
            label: {zh-CN: 看板, en: Board}
            fields:
              - key: colour
                type: select
                label: {zh-CN: 颜色, en: Colour}
                options: [{key: red, label: {zh-CN: 红, en: Red}}]
              - key: tags
                type: multiselect
                label: {zh-CN: 标签, en: Tags}
                options: [{key: a, label: {zh-CN: 甲, en: A}}]
              - key: rows
                type: table
                label: {zh-CN: 明细, en: Rows}
                fields:
                  - key: size
                    type: select
                    label: {zh-CN: 尺寸, en: Size}
                    options: [{key: s, label: {zh-CN: 小, en: Small}}]
            """;

    @TempDir
    static Path overlay;

    private static RecordValidator validator;
    private static Form form;

    @BeforeAll
    static void compile() throws IOException {
        Path file = overlay.resolve("forms/held_board.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, FORM, StandardCharsets.UTF_8);
        MetadataSnapshot snapshot = SnapshotCompiler.compile(new MetadataLoader().load(null, overlay), Set.of("uscc"),
                name -> Optional.empty());
        validator = new RecordValidator(new PluginRegistry(), new MetadataHolder(snapshot), Clock.systemUTC());
        form = snapshot.get(FormCatalog.class).form("held_board").orElseThrow();
    }

    private static List<String> problems(Map<String, Object> candidate, Map<String, Object> stored) {
        List<FieldError> errors = validator.validate(form, candidate, stored, new Actor("tester", "Tester", null, List.of()), Locale.ENGLISH);
        return errors.stream().map(FieldError::field).toList();
    }

    private static Map<String, Object> record(Object colour, Object tags, Object rows) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("colour", colour);
        r.put("tags", tags);
        r.put("rows", rows);
        return r;
    }

    private static Map<String, Object> row(Long id, String size) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (id != null) {
            r.put("id", id);
        }
        r.put("size", size);
        return r;
    }

    @Test
    void aValueTheStoredRecordHoldsStaysValidWhileItIsKept() {
        Map<String, Object> stored = record("blue", List.of("a", "gone"), List.of(row(7L, "huge")));
        assertEquals(List.of(), problems(record("blue", List.of("a", "gone"), List.of(row(7L, "huge"))), stored));
        assertEquals(List.of(), problems(record("red", List.of("gone"), List.of(row(7L, "huge"), row(8L, "s"))), stored),
                "other fields and rows may change around it");
    }

    @Test
    void choosingItAnewIsRefused() {
        Map<String, Object> stored = record("blue", List.of("a", "gone"), List.of(row(7L, "huge")));
        assertEquals(List.of("colour"), problems(record("green", List.of("a"), List.of()), stored));
        assertTrue(problems(record(null, List.of("a", "other"), List.of()), stored).get(0).startsWith("tags"));
        assertEquals(List.of("rows[1].size"), problems(record(null, List.of(), List.of(row(7L, "huge"), row(null, "huge"))),
                stored), "a new row may not take the held value of another");
        assertEquals(List.of("rows[0].size"), problems(record(null, List.of(), List.of(row(9L, "huge"))), stored));
        assertEquals(List.of("colour"), problems(record("blue", List.of(), List.of()), Map.of()), "a new record");
    }
}
