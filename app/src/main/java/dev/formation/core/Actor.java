package dev.formation.core;

import java.util.List;
import java.util.Map;

/**
 * Who is acting: the logged-in user as the engine sees it. When a delegate acts for a
 * principal, the actor is the principal (its permissions, its ownership) and {@code delegate}
 * names the user who really acted, for the audit.
 */
public record Actor(String username, String name, String department, List<String> roles, String delegate) {

    public Actor(String username, String name, String department, List<String> roles) {
        this(username, name, department, roles, null);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** The user who performed the action with their own hands. */
    public String realUsername() {
        return delegate != null ? delegate : username;
    }

    /** {@code $user} in expressions. */
    public Map<String, Object> asVariable() {
        return Map.of("username", username, "name", name == null ? username : name,
                "department", department == null ? "" : department, "roles", roles);
    }
}
