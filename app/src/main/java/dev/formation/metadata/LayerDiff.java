package dev.formation.metadata;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What changed between two tenant layers (two published versions, or a draft and what it
 * replaces), definition by definition: added, changed or removed, with a unified diff of the
 * YAML text as the tenant wrote it. The text is compared, not the parsed content, so a diff
 * shows exactly the lines someone edited, as git would.
 */
public final class LayerDiff {

    /** Lines of context around each change, as {@code diff -u} and git show. */
    private static final int CONTEXT = 3;

    public static final String ADDED = "added";
    public static final String CHANGED = "changed";
    public static final String REMOVED = "removed";

    /**
     * One definition that differs.
     *
     * @param diff the unified diff, headed {@code --- a/forms/x.yaml} / {@code +++ b/forms/x.yaml}
     *             ({@code /dev/null} for the side that lacks it)
     */
    public record Change(String kind, String key, String change, String diff) {
        public String id() {
            return kind + "/" + key;
        }
    }

    private LayerDiff() {
    }

    /** Every definition that differs from {@code before} to {@code after}, by kind and key; none when they are equal. */
    public static List<Change> between(List<LayerDefinition> before, List<LayerDefinition> after) {
        Map<String, LayerDefinition> old = byId(before);
        Map<String, LayerDefinition> now = byId(after);
        TreeSet<String> ids = new TreeSet<>(old.keySet());
        ids.addAll(now.keySet());
        List<Change> out = new ArrayList<>();
        for (String id : ids) {
            LayerDefinition a = old.get(id);
            LayerDefinition b = now.get(id);
            List<String> aLines = a == null ? List.of() : lines(a.yaml());
            List<String> bLines = b == null ? List.of() : lines(b.yaml());
            if (a != null && b != null && aLines.equals(bLines)) {
                continue;
            }
            LayerDefinition either = b == null ? a : b;
            String path = LayerArchive.path(either.kind(), either.key());
            Patch<String> patch = DiffUtils.diff(aLines, bLines);
            List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(a == null ? "/dev/null" : "a/" + path,
                    b == null ? "/dev/null" : "b/" + path, aLines, patch, CONTEXT);
            String change = a == null ? ADDED : b == null ? REMOVED : CHANGED;
            out.add(new Change(either.kind(), either.key(), change, String.join("\n", unified) + "\n"));
        }
        out.sort(Comparator.comparing(Change::kind).thenComparing(Change::key));
        return out;
    }

    /** A line for a list of versions: {@code changed form/x; added report/y}, or {@code no change}. */
    public static String summary(List<Change> changes) {
        if (changes.isEmpty()) {
            return "no change";
        }
        Map<String, List<String>> byChange = new TreeMap<>(Comparator.comparingInt(c -> List.of(ADDED, CHANGED, REMOVED).indexOf(c)));
        changes.forEach(c -> byChange.computeIfAbsent(c.change(), k -> new ArrayList<>()).add(c.id()));
        return byChange.entrySet().stream().map(e -> e.getKey() + " " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; "));
    }

    private static Map<String, LayerDefinition> byId(List<LayerDefinition> layer) {
        Map<String, LayerDefinition> out = new LinkedHashMap<>();
        layer.forEach(d -> out.put(d.kind() + "/" + d.key(), d));
        return out;
    }

    /** Lines without their ends, so CRLF and LF texts and a missing last newline compare equal. */
    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(List.of(text.split("\\R", -1)));
        if (out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
