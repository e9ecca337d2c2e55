package dev.formation.security;

import java.util.List;

/**
 * What a request needs to know about the user a token names, as the database has it now: whether
 * they may still act, with which roles and department, and which token version is current.
 */
public record CurrentUser(String username, String name, String department, List<String> roles, boolean enabled,
                          int tokenVersion) {

    public CurrentUser {
        roles = List.copyOf(roles);
    }
}
