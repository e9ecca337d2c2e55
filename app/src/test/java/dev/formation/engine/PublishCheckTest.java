package dev.formation.engine;

import dev.formation.metadata.MetadataDocument;
import dev.formation.metadata.MetadataException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Setting aside the part a problem names, and telling what sort of problem it is. */
class PublishCheckTest {

    private static MetadataDocument form() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("label", Map.of("en", "Gadget"));
        content.put("titleField", "serial");
        content.put("defaultSort", "-serial");
        content.put("listColumns", List.of("name", "serial"));
        content.put("fields", List.of(Map.of("key", "name", "type", "text"), Map.of("key", "serial", "type", "text"),
                Map.of("key", "size", "type", "integer")));
        return new MetadataDocument("form", "gadget", content, List.of("tenant:form/gadget"));
    }

    @Test
    void theEntryAPointerNamesIsSetAsideWithThePlacesNamingIt() {
        MetadataDocument pruned = PublishCheck.prune(form(), "/fields/1/type (entry \"serial\")").orElseThrow();
        assertEquals(List.of("name", "size"), ((List<?>) pruned.content().get("fields")).stream()
                .map(f -> ((Map<?, ?>) f).get("key")).toList());
        assertEquals(List.of("name"), pruned.content().get("listColumns"));
        assertFalse(pruned.content().containsKey("titleField"));
        assertFalse(pruned.content().containsKey("defaultSort"));
        assertEquals(Map.of("en", "Gadget"), pruned.content().get("label"));
        assertTrue(PublishCheck.prune(form(), "/label").isEmpty(), "no list entry: the whole definition is reverted");
        assertTrue(PublishCheck.prune(form(), "/fields/9/type").isEmpty());
    }

    @Test
    void aProblemIsToldByItsReasonOrItsPlace() {
        MetadataProblem missing = MetadataProblem.of(new MetadataException("forms/visit.yaml + tenant:form/visit",
                "/fields/3/form", "no form named 'supplier'"));
        assertEquals(List.of("form", "visit", "/fields/3/form", "missingForm"),
                List.of(missing.kind(), missing.key(), missing.pointer(), missing.code()));
        assertEquals("No form named 'supplier'", missing.view(Locale.ENGLISH).get("reason"));
        assertEquals("引用的表单“supplier”不存在", missing.view(Locale.CHINA).get("reason"));
        MetadataProblem expression = MetadataProblem.of(new MetadataException("/m/forms/deal.yaml", "/rules/0/assert",
                "unknown field 'x'"));
        assertEquals(List.of("form", "deal", "expression"), List.of(expression.kind(), expression.key(), expression.code()));
        assertEquals("The expression does not type-check: unknown field 'x'", expression.view(Locale.ENGLISH).get("reason"));
        MetadataProblem retype = new MetadataProblem("form", "deal", "/fields/2/type", "retype", "…",
                List.of("amount", "text", "integer", 3L));
        assertTrue(((String) retype.view(Locale.forLanguageTag("zh-CN")).get("reason")).startsWith("字段“amount”的类型不能从文本改为整数"));
        MetadataProblem unknown = MetadataProblem.ofSchema(new MetadataException("tenant:form/gadget",
                "/fields/1/type (entry \"serial\")", "does not have a value in the enumeration"),
                Map.of("fields", List.of(Map.of("key", "serial", "type", "hologram"))));
        assertEquals("unknownType", unknown.code());
        assertEquals("Unknown field type 'hologram'", unknown.view(Locale.ENGLISH).get("reason"));
    }
}
