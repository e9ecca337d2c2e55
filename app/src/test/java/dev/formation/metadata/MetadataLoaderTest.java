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

    @Test
    void aDuplicateKeyInAnOverlayListStopsLoadingNamingFileAndPath() throws IOException {
        write("forms/customer.yaml", """
                kind: form
                key: customer
                fields:
                  - {key: wechat, type: text, label: {zh-CN: 微信, en: WeChat}}
                  - {key: wechat, type: text, label: {zh-CN: 微信号, en: WeChat ID}}
                """);
        MetadataException e = assertThrows(MetadataException.class, () -> new MetadataLoader().load(null, overlay));
        assertTrue(e.getMessage().contains("forms/customer.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("/fields/1/key"), e.getMessage());
        assertTrue(e.getMessage().contains("duplicate key 'wechat'"), e.getMessage());
    }

    @Test
    void aDuplicateKeyInTheShippedLayerStopsLoadingToo(@TempDir Path shipped) throws IOException {
        Path file = shipped.resolve("forms/supplier.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                kind: form
                key: supplier
                label: {zh-CN: 供应商, en: Supplier}
                fields:
                  - {key: name, type: text, label: {zh-CN: 名称, en: Name}}
                  - key: contacts
                    type: table
                    label: {zh-CN: 联系人, en: Contacts}
                    fields:
                      - {key: phone, type: phone, label: {zh-CN: 电话, en: Phone}}
                      - {key: phone, type: mobile, label: {zh-CN: 手机, en: Mobile}}
                """, StandardCharsets.UTF_8);
        MetadataException e = assertThrows(MetadataException.class, () -> new MetadataLoader().load(shipped, null));
        assertTrue(e.getMessage().contains("forms/supplier.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("/fields/1/fields/1/key"), "a sub-table's columns too: " + e.getMessage());
    }

    @Test
    void otherIdentifiersRepeatedInAListAreRefusedToo() throws IOException {
        write("demo/org.yaml", """
                kind: demo
                key: org
                users:
                  - {username: sales9, name: 甲}
                  - {username: sales9, name: 乙}
                """);
        MetadataException e = assertThrows(MetadataException.class, () -> new MetadataLoader().load(null, overlay));
        assertTrue(e.getMessage().contains("demo/org.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("duplicate username 'sales9'"), e.getMessage());
    }

    @Test
    void theSameKeyInDifferentListsIsFine() throws IOException {
        write("forms/customer.yaml", """
                kind: form
                key: customer
                fields:
                  - key: wechat
                    type: select
                    label: {zh-CN: 微信, en: WeChat}
                    options:
                      - {key: wechat, label: {zh-CN: 有, en: Has one}}
                """);
        new MetadataLoader().load(null, overlay);
    }
}
