package dev.formation.security;

import dev.formation.plugin.api.Message;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A compiled role: admin, or grants per form key ("*" for every form not named), and what it
 * may do to the metadata itself ({@code edit}, {@code publish}).
 */
public record Role(String key, Message label, boolean admin, Map<String, Grant> grants, Set<String> metadata) {

    public Optional<Grant> grant(String form) {
        Grant own = grants.get(form);
        return Optional.ofNullable(own != null ? own : grants.get("*"));
    }
}
