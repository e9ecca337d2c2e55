package dev.formation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.flow.FlowDefinitions;
import dev.formation.form.FormCatalog;
import dev.formation.form.FormSchemas;
import dev.formation.metadata.MetadataException;
import dev.formation.metadata.MetadataHolder;
import dev.formation.metadata.MetadataLoader;
import dev.formation.metadata.MetadataSnapshot;
import dev.formation.plugin.PluginRegistry;
import dev.formation.record.RecordValidator;
import dev.formation.report.ReportCatalog;
import dev.formation.security.RoleCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Swapping the snapshot: the next call sees the new one, whoever took the old one keeps it. */
class SnapshotSwapTest {

    private static final String NOTE_FORM = "kind: form\nkey: note_board\nlabel: {zh-CN: 便签, en: Notes}\n"
            + "fields:\n  - {key: title, type: text, label: {zh-CN: 标题, en: Title}}\n";

    @TempDir
    static Path overlay;

    private static MetadataSnapshot shipped;
    private static MetadataSnapshot withNotes;

    private static MetadataSnapshot compile(Path overlayFolder) {
        return SnapshotCompiler.compile(new MetadataLoader().load(null, overlayFolder), Set.of("uscc"),
                name -> Optional.empty());
    }

    @BeforeAll
    static void compileBoth() throws IOException {
        shipped = compile(null);
        Path file = overlay.resolve("forms/note_board.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, NOTE_FORM, StandardCharsets.UTF_8);
        withNotes = compile(overlay);
    }

    @Test
    void theNextCallSeesTheNewSnapshotWhileAnEarlierOneIsKept() {
        MetadataHolder holder = new MetadataHolder(shipped);
        MetadataSnapshot taken = holder.current();
        FormCatalog takenForms = taken.get(FormCatalog.class);

        holder.replace(withNotes);

        assertSame(withNotes, holder.current());
        assertTrue(holder.current().get(FormCatalog.class).form("note_board").isPresent());
        assertFalse(takenForms.form("note_board").isPresent());
        assertFalse(taken.get(FormCatalog.class).form("note_board").isPresent());
        assertSame(shipped, taken);
    }

    @Test
    void aBeanThatAsksPerCallServesTheNewSchemasAndTheOldDocumentStaysAsItWas() {
        MetadataHolder holder = new MetadataHolder(shipped);
        RecordValidator validator = new RecordValidator(new PluginRegistry(), holder, Clock.systemUTC());
        var anyShippedForm = shipped.get(FormCatalog.class).forms().iterator().next();
        JsonNode before = validator.schemaDocument(anyShippedForm);

        holder.replace(withNotes);

        var notes = withNotes.get(FormCatalog.class).form("note_board").orElseThrow();
        assertTrue(validator.schemaDocument(notes).path("properties").has("title"));
        assertSame(withNotes.get(FormSchemas.class).of(anyShippedForm), validator.schemaDocument(anyShippedForm));
        assertSame(before, shipped.get(FormSchemas.class).of(anyShippedForm));
    }

    @Test
    void theVersionFollowsTheContent() {
        assertEquals(shipped.version(), compile(null).version());
        assertNotEquals(shipped.version(), withNotes.version());
    }

    @Test
    void everyCompiledPartIsInTheSnapshot() {
        assertFalse(shipped.get(RoleCatalog.class).roles().isEmpty());
        assertFalse(shipped.get(ReportCatalog.class).reports().isEmpty());
        assertFalse(shipped.get(ReportCatalog.class).dashboards().isEmpty());
        assertNotNull(shipped.get(FlowDefinitions.class));
        assertThrows(IllegalStateException.class, () -> shipped.get(String.class));
    }

    @Test
    void aBrokenSetMakesNoSnapshot() throws IOException {
        Path broken = overlay.resolveSibling(overlay.getFileName() + "-broken");
        Path file = broken.resolve("forms/note_board.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, NOTE_FORM.replace("type: text", "type: text, dictionary: no_such_dictionary"),
                StandardCharsets.UTF_8);
        assertThrows(MetadataException.class, () -> compile(broken));
    }
}
