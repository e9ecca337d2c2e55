package dev.formation.metadata;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How an overlay layer deep-merges onto the shipped one. */
class LayerMergerTest {

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static final Map<String, Object> BASE = map(
            "kind", "form", "key", "customer",
            "label", map("zh-CN", "客户", "en", "Customer"),
            "searchFields", List.of("code", "name"),
            "fields", List.of(
                    map("key", "code", "type", "autonumber"),
                    map("key", "name", "type", "text", "maxLength", 200),
                    map("key", "uscc", "type", "text")));

    @Test
    void mapsMergeKeyByKey() {
        Map<String, Object> merged = LayerMerger.merge(BASE, map("label", map("en", "Client")));
        assertEquals(map("zh-CN", "客户", "en", "Client"), merged.get("label"));
        assertEquals("customer", merged.get("key"));
    }

    @Test
    void aFieldWithANewKeyIsAppended() {
        Map<String, Object> merged = LayerMerger.merge(BASE, map("fields", List.of(map("key", "wechat", "type", "text"))));
        assertEquals(List.of("code", "name", "uscc", "wechat"), keys(merged));
    }

    @Test
    void aFieldWithAKnownKeyIsMergedInPlace() {
        Map<String, Object> merged = LayerMerger.merge(BASE, map("fields", List.of(map("key", "name", "maxLength", 100))));
        assertEquals(List.of("code", "name", "uscc"), keys(merged));
        assertEquals(map("key", "name", "type", "text", "maxLength", 100), fields(merged).get(1));
    }

    @Test
    void afterPlacesANewFieldAndRemoveDropsOne() {
        Map<String, Object> merged = LayerMerger.merge(BASE, map("fields", List.of(
                map("key", "wechat", "type", "text", "$after", "code"),
                map("key", "uscc", "$remove", true))));
        assertEquals(List.of("code", "wechat", "name"), keys(merged));
        assertEquals(map("key", "wechat", "type", "text"), fields(merged).get(1), "$after is not kept");
    }

    @Test
    void listsOfPlainValuesAreReplaced() {
        Map<String, Object> merged = LayerMerger.merge(BASE, map("searchFields", List.of("name")));
        assertEquals(List.of("name"), merged.get("searchFields"));
    }

    @Test
    void theBaseIsNotChanged() {
        LayerMerger.merge(BASE, map("fields", List.of(map("key", "name", "maxLength", 1)), "label", "x"));
        assertEquals(200, fields(BASE).get(1).get("maxLength"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> fields(Map<String, Object> form) {
        return (List<Map<String, Object>>) form.get("fields");
    }

    private static List<Object> keys(Map<String, Object> form) {
        return fields(form).stream().map(f -> f.get("key")).toList();
    }
}
