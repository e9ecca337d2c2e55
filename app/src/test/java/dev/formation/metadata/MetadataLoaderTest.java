package dev.formation.metadata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped layer (packaged metadata/) plus an overlay folder, validated against the meta-schemas. */
class MetadataLoaderTest {

    @TempDir
    Path overlay;

    private void write(String relative, String yaml) throws IOException {
        Path file = overlay.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> fieldKeys(MetadataSet set, String form) {
        Map<String, Object> content = set.find("form", form).orElseThrow().content();
        return ((List<Map<String, Object>>) content.get("fields")).stream().map(f -> f.get("key")).toList();
    }

    @Test
    void theShippedLayerLoadsWithoutAnOverlay() {
        MetadataSet set = new MetadataLoader().load(null, null);
        assertTrue(set.find("form", "customer").isPresent());
        assertTrue(fieldKeys(set, "customer").containsAll(List.of("code", "name", "uscc", "contacts")));
        assertFalse(set.all("dictionary").isEmpty());
    }

    @Test
    void anOverlayFieldIsAddedToTheShippedForm() throws IOException {
        write("forms/customer.yaml", """
                kind: form
                key: customer
                fields:
                  - {key: wechat, type: text, label: {zh-CN: 微信, en: WeChat}, maxLength: 50}
                """);
        MetadataSet set = new MetadataLoader().load(null, overlay);
        List<Object> keys = fieldKeys(set, "customer");
        assertEquals("wechat", keys.get(keys.size() - 1));
        assertTrue(keys.contains("name"));
        assertEquals(2, set.find("form", "customer").orElseThrow().sources().size(), "both layers are named");
    }

    @Test
    void aFileWhoseKeyIsNotItsNameIsRefused() throws IOException {
        write("forms/client.yaml", """
                kind: form
                key: customer
                fields:
                  - {key: wechat, type: text, label: {zh-CN: 微信, en: WeChat}}
                """);
        MetadataException e = assertThrows(MetadataException.class, () -> new MetadataLoader().load(null, overlay));
        assertTrue(e.getMessage().contains("forms/client.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("/key"), e.getMessage());
    }

    @Test
    void badYamlNamesTheFile() throws IOException {
        write("forms/customer.yaml", "kind: form\nkey: customer\nfields: [ {key: x\n");
        MetadataException e = assertThrows(MetadataException.class, () -> new MetadataLoader().load(null, overlay));
        assertTrue(e.getMessage().contains("forms/customer.yaml"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
