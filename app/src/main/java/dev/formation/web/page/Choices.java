package dev.formation.web.page;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Options for selects and checkboxes, and lists of keys shown by name (users, departments). */
public final class Choices {

    private Choices() {
    }

    /** value → label as options, those in {@code selected} marked. */
    public static List<Map<String, Object>> of(Map<String, String> labels, Collection<String> selected) {
        List<Map<String, Object>> out = new ArrayList<>();
        labels.forEach((value, label) -> {
            Map<String, Object> option = new LinkedHashMap<>();
            option.put("value", value);
            option.put("label", label == null ? value : label);
            option.put("selected", selected.contains(value));
            out.add(option);
        });
        return out;
    }

    /** Keys with their names; a key no longer known shows as itself. */
    public static List<Map<String, Object>> named(Collection<String> keys, Map<String, String> names) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String key : keys) {
            out.add(Map.of("value", key, "name", names.getOrDefault(key, key)));
        }
        return out;
    }
}
