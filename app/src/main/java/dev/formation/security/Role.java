package dev.formation.security;

import dev.formation.plugin.api.Message;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A compiled role: admin, or grants per form key ("*" for every form not named), and what it
 * may do to the metadata itself ({@code edit}, {@code publish}), and the notification channels
 * its members get ({@code notify} in its metadata: null when the role says nothing, so the deployment's default applies).
 */
public record Role(String key, Message label, boolean admin, Map<String, Grant> grants, Set<String> metadata,
                   Set<String> channels) {

    public Optional<Grant> grant(String form) {
        Grant own = grants.get(form);
        return Optional.ofNullable(own != null ? own : grants.get("*"));
    }
}
