package dev.formation.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The departments of the user administration in tree order (each under its parent, siblings by
 * name) with their depth, so a flat table reads as the organisation chart.
 */
public final class DepartmentTree {

    private DepartmentTree() {
    }

    /** @param departments as the user administration lists them: key, name, parent, kind, leader; by name */
    public static List<Map<String, Object>> order(List<Map<String, Object>> departments) {
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        departments.forEach(d -> byKey.put((String) d.get("key"), d));
        Map<String, List<Map<String, Object>>> children = new LinkedHashMap<>();
        List<Map<String, Object>> roots = new ArrayList<>();
        for (Map<String, Object> d : departments) {
            Object parent = d.get("parent");
            if (parent == null || !byKey.containsKey(parent.toString())) {
                roots.add(d);
            } else {
                children.computeIfAbsent(parent.toString(), k -> new ArrayList<>()).add(d);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        roots.forEach(root -> walk(root, 0, children, seen, out));
        // a cycle in bad data leaves its members unreached: list them at the end rather than lose them
        departments.stream().filter(d -> !seen.contains((String) d.get("key"))).forEach(d -> out.add(with(d, 0)));
        return out;
    }

    private static void walk(Map<String, Object> d, int depth, Map<String, List<Map<String, Object>>> children,
                             Set<String> seen, List<Map<String, Object>> out) {
        if (!seen.add((String) d.get("key"))) {
            return;
        }
        out.add(with(d, depth));
        children.getOrDefault((String) d.get("key"), List.of()).forEach(c -> walk(c, depth + 1, children, seen, out));
    }

    private static Map<String, Object> with(Map<String, Object> d, int depth) {
        Map<String, Object> out = new LinkedHashMap<>(d);
        out.put("depth", depth);
        return out;
    }
}
