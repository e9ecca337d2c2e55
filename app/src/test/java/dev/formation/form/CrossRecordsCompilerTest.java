package dev.formation.form;

import dev.formation.metadata.MetadataException;
import dev.formation.metadata.MetadataLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A form's {@code noOverlap}, {@code progress} and {@code daySummary}: the meta-schema refuses
 * a malformed declaration, the compiler one that names what is not there or holds the wrong
 * kind of value, each naming the file and the path.
 */
class CrossRecordsCompilerTest {

    @TempDir
    Path overlay;

    private FormCatalog compile(String probe) throws IOException {
        if (probe != null) {
            Path file = overlay.resolve("forms/probe_goal.yaml");
            Files.createDirectories(file.getParent());
            Files.writeString(file, """
                    kind: form
                    key: probe_goal
                    label: {zh-CN: 目标, en: Goal}
                    fields:
                      - {key: person, type: user, label: {zh-CN: 人员, en: Person}}
                      - {key: kind, type: text, label: {zh-CN: 类别, en: Kind}}
                      - {key: starts, type: date, label: {zh-CN: 开始, en: Start}}
                      - {key: ends, type: date, label: {zh-CN: 结束, en: End}}
                      - {key: goal, type: integer, label: {zh-CN: 目标数, en: Goal}}
                      - {key: note, type: textarea, label: {zh-CN: 说明, en: Note}}
                    """ + probe, StandardCharsets.UTF_8);
        }
        return new FormCompiler(new MetadataLoader().load(null, overlay), Set.of("uscc")).compile();
    }

    private void assertRefused(String probe, String path, String words) {
        Exception e = assertThrows(MetadataException.class, () -> compile(probe));
        assertTrue(e.getMessage().contains("probe_goal.yaml") && e.getMessage().contains(path)
                && e.getMessage().contains(words), e.getMessage());
    }

    @Test
    void theShippedTargetsAndDailyReportsDeclareThem() throws IOException {
        FormCatalog catalog = compile(null);
        CrossRecords target = catalog.form("sales_target").orElseThrow().crossRecords();
        assertEquals(List.of("owner", "period"), target.noOverlap().get(0).per());
        assertEquals("start_date", target.noOverlap().get(0).field());
        assertEquals(List.of("new_customers", "visits", "deal_amount", "payment_amount"),
                target.progress().measures().stream().map(Progress.Measure::key).toList());
        DaySummary day = catalog.form("daily_report").orElseThrow().crossRecords().daySummary();
        assertEquals("report_date", day.day());
        assertEquals(DaySummary.Op.LIST, day.fills().get("summary").op());
        assertEquals(5, day.fills().get("summary").sources().size());
    }

    @Test
    void aWellFormedDeclarationCompiles() throws IOException {
        Form form = compile("""
                noOverlap:
                  - {key: one, per: person, start: starts, end: ends}
                progress:
                  person: person
                  start: starts
                  end: ends
                  measures:
                    - {key: visits, label: {zh-CN: 拜访, en: Visits}, goal: goal, form: visit, date: visit_time, op: count}
                daySummary:
                  day: starts
                  sources:
                    - {key: visits, label: {zh-CN: 拜访, en: Visits}, form: visit, date: visit_time}
                  fill:
                    goal: {op: count, source: visits}
                    note: {op: list}
                """).form("probe_goal").orElseThrow();
        assertEquals(List.of("person"), form.crossRecords().noOverlap().get(0).per());
        assertEquals("starts", form.crossRecords().noOverlap().get(0).field(), "the start by default");
        assertEquals("owner", form.crossRecords().progress().measures().get(0).records().person(), "owner by default");
    }

    @Test
    void theMetaSchemaRefusesAMalformedDeclaration() {
        Exception e = assertThrows(MetadataException.class, () -> compile("""
                noOverlap:
                  - {key: one, start: starts, end: ends}
                """));
        assertTrue(e.getMessage().contains("probe_goal.yaml") && e.getMessage().contains("per"), e.getMessage());
        e = assertThrows(MetadataException.class, () -> compile("""
                daySummary:
                  sources:
                    - {key: visits, label: {zh-CN: 拜访}, form: visit, date: visit_time, colour: red}
                  fill: {goal: {op: count, source: visits}}
                """));
        assertTrue(e.getMessage().contains("colour"), e.getMessage());
    }

    @Test
    void aRangeThatIsNotADateIsRefused() {
        assertRefused("""
                noOverlap:
                  - {key: one, per: [person], start: kind, end: ends}
                """, "/noOverlap/0/start", "not a date field");
    }

    @Test
    void aMeasureOfAFormOrFieldThatIsNotThereIsRefused() {
        String progress = """
                progress:
                  person: person
                  start: starts
                  end: ends
                  measures:
                    - {key: m, label: {zh-CN: 量}, goal: %s, form: %s, date: %s, op: %s}
                """;
        assertRefused(progress.formatted("goal", "nothing", "visit_time", "count"), "/progress/measures/0/form",
                "no form named 'nothing'");
        assertRefused(progress.formatted("kind", "visit", "visit_time", "count"), "/progress/measures/0/goal",
                "not a number field");
        assertRefused(progress.formatted("goal", "visit", "purpose", "count"), "/progress/measures/0/date",
                "not a date field of 'visit'");
        assertRefused(progress.formatted("goal", "visit", "visit_time", "sum"), "/progress/measures/0/of",
                "not a number field of 'visit'");
    }

    @Test
    void aFillThatDoesNotFitItsFieldIsRefused() {
        assertRefused("""
                daySummary:
                  sources:
                    - {key: visits, label: {zh-CN: 拜访}, form: visit, date: visit_time}
                  fill:
                    goal: {op: list}
                """, "/daySummary/fill/goal", "a list fills a text field");
        assertRefused("""
                daySummary:
                  sources:
                    - {key: visits, label: {zh-CN: 拜访}, form: visit, date: visit_time}
                  fill:
                    goal: {op: count, source: calls}
                """, "/daySummary/fill/goal/source", "not one of the daySummary's sources");
    }
}
