package dev.formation.record;

import java.util.List;
import java.util.Map;

/** Who is acting: the logged-in user as the engine sees it. */
public record Actor(String username, String name, String department, List<String> roles) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** {@code $user} in expressions. */
    public Map<String, Object> asVariable() {
        return Map.of("username", username, "name", name == null ? username : name,
                "department", department == null ? "" : department, "roles", roles);
    }
}
