package dev.formation.metadata;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Definition by definition, what changed between two layers, with a unified diff of the YAML text. */
class LayerDiffTest {

    private static LayerDefinition form(String key, String yaml) {
        return new LayerDefinition("form", key, yaml);
    }

    @Test
    void aChangedDefinitionHasAUnifiedDiffOfItsLines() {
        List<LayerDiff.Change> changes = LayerDiff.between(
                List.of(form("visit", "fields:\n  - key: a\n    label: {en: A}\n")),
                List.of(form("visit", "fields:\n  - key: a\n    label: {en: Aa}\n")));
        assertEquals(1, changes.size());
        LayerDiff.Change change = changes.get(0);
        assertEquals(LayerDiff.CHANGED, change.change());
        assertEquals("form/visit", change.id());
        assertEquals("""
                --- a/forms/visit.yaml
                +++ b/forms/visit.yaml
                @@ -1,3 +1,3 @@
                 fields:
                   - key: a
                -    label: {en: A}
                +    label: {en: Aa}
                """, change.diff());
    }

    @Test
    void addedAndRemovedDefinitionsDiffAgainstNothing() {
        List<LayerDiff.Change> changes = LayerDiff.between(
                List.of(new LayerDefinition("report", "old_one", "kind: report\n")),
                List.of(new LayerDefinition("dictionary", "new_one", "kind: dictionary\nkey: new_one\n")));
        assertEquals(List.of("dictionary/new_one added", "report/old_one removed"),
                changes.stream().map(c -> c.id() + " " + c.change()).toList());
        // java-diff-utils numbers an empty side from 1 where GNU diff writes 0; readers take either
        assertTrue(changes.get(0).diff().startsWith("--- /dev/null\n+++ b/dictionaries/new_one.yaml\n@@ -1,0 +1,2 @@\n+kind: dictionary\n"),
                changes.get(0).diff());
        assertTrue(changes.get(1).diff().startsWith("--- a/reports/old_one.yaml\n+++ /dev/null\n"), changes.get(1).diff());
        assertEquals("added dictionary/new_one; removed report/old_one", LayerDiff.summary(changes));
    }

    @Test
    void lineEndsAndAMissingLastNewlineAreNoChange() {
        assertEquals(List.of(), LayerDiff.between(List.of(form("visit", "a: 1\r\nb: 2\r\n")), List.of(form("visit", "a: 1\nb: 2"))));
        assertEquals("no change", LayerDiff.summary(List.of()));
    }

    @Test
    void theSummaryGroupsAddedThenChangedThenRemoved() {
        List<LayerDiff.Change> changes = LayerDiff.between(
                List.of(form("b", "x: 1\n"), form("c", "x: 1\n")),
                List.of(form("a", "x: 1\n"), form("b", "x: 2\n"), form("d", "x: 1\n")));
        assertEquals("added form/a, form/d; changed form/b; removed form/c", LayerDiff.summary(changes));
    }
}
