package dev.formation.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot of the organisation tree, for turning a scope ("my team", "my department and
 * below", "my branch") into the set of departments it covers.
 */
public final class Organisation {

    private final Map<String, Department> byKey = new HashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();

    public Organisation(List<Department> departments) {
        for (Department d : departments) {
            byKey.put(d.key(), d);
            if (d.parentKey() != null) {
                children.computeIfAbsent(d.parentKey(), k -> new ArrayList<>()).add(d.key());
            }
        }
    }

    /** The departments a scope covers for a user of {@code department}; empty for OWN and ALL. */
    public Set<String> departmentsOf(Scope scope, String department) {
        if (department == null || !byKey.containsKey(department)) {
            return Set.of();
        }
        return switch (scope) {
            case TEAM -> subtree(nearest(department, Department.TEAM, department));
            case DEPARTMENT -> subtree(department);
            case BRANCH -> subtree(nearest(department, Department.BRANCH, root(department)));
            default -> Set.of();
        };
    }

    /** The department and every department above it: a share to any of them reaches its members. */
    public Set<String> ancestorsOrSelf(String department) {
        Set<String> out = new LinkedHashSet<>();
        String d = department;
        // the set also stops a cycle in bad data
        while (d != null && byKey.containsKey(d) && out.add(d)) {
            d = byKey.get(d).parentKey();
        }
        return out;
    }

    public Set<String> subtree(String department) {
        Set<String> out = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(department));
        while (!todo.isEmpty()) {
            String d = todo.remove(todo.size() - 1);
            if (out.add(d)) {
                todo.addAll(children.getOrDefault(d, List.of()));
            }
        }
        return out;
    }

    public String leaderOf(String department) {
        Department d = byKey.get(department);
        return d == null ? null : d.leader();
    }

    private String nearest(String department, String kind, String fallback) {
        for (String d : ancestorsOrSelf(department)) {
            String k = byKey.get(d).kind();
            if (kind.equals(k) || (Department.BRANCH.equals(kind) && Department.COMPANY.equals(k))) {
                return d;
            }
        }
        return fallback;
    }

    private String root(String department) {
        String last = department;
        for (String d : ancestorsOrSelf(department)) {
            last = d;
        }
        return last;
    }
}
