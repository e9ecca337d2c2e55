package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.engine.SnapshotCompiler;
import dev.formation.form.FormCatalog;
import dev.formation.metadata.MetadataHolder;
import dev.formation.metadata.MetadataLoader;
import dev.formation.metadata.MetadataSnapshot;
import dev.formation.plugin.PluginRegistry;
import dev.formation.plugin.api.FieldFormat;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The seam live metadata will use: a snapshot compiled while the app runs and swapped into the
 * holder is what the next request reads (form description, validation), and swapping back
 * restores the shipped behaviour; a snapshot taken before the swap is unchanged.
 */
class MetadataSwapIT extends AppTestBase {

    /** A snapshot swapped in by hand is not a published version: the watcher would soon put the published one back. */
    @Override
    protected Map<String, Object> overrides(Path tempDir) {
        return Map.of("formation.metadata.watch-interval", "1h");
    }

    private static final String OVERLAY = "kind: form\nkey: customer\nlabel: {zh-CN: 客户（新）, en: Client}\n"
            + "fields:\n  - key: name\n    maxLength: 10\n";

    private MetadataSnapshot compiledWithOverlay() throws IOException {
        Path folder = tempDir.resolve("swap-overlay");
        Path file = folder.resolve("forms/customer.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, OVERLAY, StandardCharsets.UTF_8);
        PluginRegistry plugins = app.context().getBean(PluginRegistry.class);
        return SnapshotCompiler.compile(new MetadataLoader().load(null, folder), plugins.formatNames(),
                name -> plugins.format(name).flatMap(FieldFormat::pattern));
    }

    @Test
    void theNextRequestReadsTheSwappedSnapshotAndSwappingBackRestoresIt() throws IOException {
        MetadataHolder holder = app.context().getBean(MetadataHolder.class);
        MetadataSnapshot shipped = holder.current();
        MetadataSnapshot next = compiledWithOverlay();
        assertNotEquals(shipped.version(), next.version());
        Map<String, Object> longName = Customers.valid(Customers.uniqueName("换快照之后的一个很长的客户名称"));
        holder.replace(next);
        try {
            JsonNode form = api.as("sales1").get("/api/forms/customer").expect(200).json();
            assertEquals("Client", form.get("label").get("en").asText());
            api.as("sales1").post(RECORDS, longName).expect(400);
            assertEquals("Customer", shipped.get(FormCatalog.class).form("customer").orElseThrow()
                    .label().in(Locale.ENGLISH));
        } finally {
            holder.replace(shipped);
        }
        JsonNode form = api.as("sales1").get("/api/forms/customer").expect(200).json();
        assertEquals("Customer", form.get("label").get("en").asText());
        api.as("sales1").post(RECORDS, longName).expect(201);
    }
}
