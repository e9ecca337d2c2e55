package dev.formation.form;

import dev.formation.metadata.MetadataException;
import dev.formation.metadata.MetadataLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Form rules are checked when metadata loads; number limits follow the field's column. */
class FormRulesAndLimitsTest {

    private static final java.time.Clock CLOCK = java.time.Clock.fixed(java.time.Instant.parse("2026-11-24T02:00:00Z"),
            java.time.ZoneId.of("Asia/Shanghai"));

    @TempDir
    Path overlay;

    private FormCatalog compileWithOverlay(String yaml) throws IOException {
        Path file = overlay.resolve("forms/sales_target.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "kind: form\nkey: sales_target\nlabel: {zh-CN: 销售指标}\n" + yaml, StandardCharsets.UTF_8);
        return new FormCompiler(new MetadataLoader().load(null, overlay), Set.of("uscc")).compile();
    }

    private MetadataException refused(String yaml) {
        return assertThrows(MetadataException.class, () -> compileWithOverlay(yaml));
    }

    @Test
    void theShippedTargetRuleCompilesAndReadsBothDates() throws IOException {
        Form target = compileWithOverlay("fields:\n  - {key: name, type: text, label: {zh-CN: 指标名称}}\n")
                .form("sales_target").orElseThrow();
        FormRule rule = target.rules().stream().filter(r -> r.key().equals("end_not_before_start")).findFirst()
                .orElseThrow();
        assertEquals("end_date", rule.field());
        assertEquals(Set.of("end_date", "start_date"), rule.assertion().references());
        Map<String, Object> backwards = Map.of("start_date", java.time.LocalDate.of(2026, 10, 1),
                "end_date", java.time.LocalDate.of(2026, 9, 30));
        assertTrue(rule.applies(backwards, CLOCK));
        assertTrue(rule.isBrokenBy(backwards, CLOCK));
        assertFalse(rule.applies(Map.of("end_date", java.time.LocalDate.of(2026, 9, 30)), CLOCK),
                "not checked while a date it reads is empty");
    }

    @Test
    void aRuleMustAssertSomethingTrueOrFalse() {
        MetadataException e = refused("""
                fields:
                  - {key: name, type: text, label: {zh-CN: 指标名称}}
                rules:
                  - {key: days, field: end_date, assert: "daysBetween(start_date, end_date)", message: {zh-CN: 错}}
                """);
        assertTrue(e.getMessage().contains("/rules/1/assert"), e.getMessage());
        assertTrue(e.getMessage().contains("must be true or false"), e.getMessage());
    }

    @Test
    void aRuleMustNameAFieldOfTheForm() {
        MetadataException e = refused("""
                fields:
                  - {key: name, type: text, label: {zh-CN: 指标名称}}
                rules:
                  - {key: other, field: finish, assert: "end_date > start_date", message: {zh-CN: 错}}
                """);
        assertTrue(e.getMessage().contains("/rules/1/field"), e.getMessage());
    }

    @Test
    void aRuleMayOnlyReadFieldsTheFormHas() {
        MetadataException e = refused("""
                fields:
                  - {key: name, type: text, label: {zh-CN: 指标名称}}
                rules:
                  - {key: other, field: end_date, assert: "end_date > begin", message: {zh-CN: 错}}
                """);
        assertTrue(e.getMessage().contains("/rules/1/assert"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown field 'begin'"), e.getMessage());
    }

    @Test
    void aDeclaredBoundBeyondTheColumnStopsStartUp() {
        MetadataException e = refused("""
                fields:
                  - {key: target_deal_amount, type: money, label: {zh-CN: 成交金额}, max: 1e20}
                """);
        assertTrue(e.getMessage().contains("/max"), e.getMessage());
        assertTrue(e.getMessage().contains("9999999999999.99"), e.getMessage());
    }

    @Test
    void numberLimitsComeFromTheColumnAndNarrowToTheDeclaredBounds() throws IOException {
        Form target = compileWithOverlay("fields:\n  - {key: name, type: text, label: {zh-CN: 指标名称}}\n")
                .form("sales_target").orElseThrow();
        NumberLimits money = target.field("target_deal_amount").orElseThrow().numberLimits();
        assertEquals(0, money.minimum().compareTo(BigDecimal.ZERO), "declared min 0");
        assertEquals(new BigDecimal("9999999999999.99"), money.maximum());
        assertEquals(2, money.scale());
        NumberLimits whole = target.field("target_visits").orElseThrow().numberLimits();
        assertEquals(NumberLimits.MAX_SAFE_INTEGER, whole.maximum());
        assertEquals(0, whole.scale());
        Field days = target.field("period_days").orElseThrow();
        assertEquals(0, days.numberLimits().scale(), "a computed integer has no decimal places");
    }
}
