package dev.formation.flow;

import dev.formation.store.DateTimeColumn;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An in-app notification and, through its {@code email*} columns, its place in the outbox of
 * every channel, e-mail and chat robots alike (pending → sent | failed | none; claimed by the
 * node sending it; {@code emailChannels} the channels it has yet to reach, null for rows from
 * before channels were chosen, which go to every channel that reaches the user).
 */
@MappedEntity("notifications")
record StoredNotification(@Id @GeneratedValue @Nullable Long id, String username, @DateTimeColumn LocalDateTime at, String kind,
                          String subject, String body, @Nullable String link, @Nullable Long instanceId,
                          @Nullable @DateTimeColumn LocalDateTime readAt, String emailStatus, int emailAttempts,
                          @Nullable @DateTimeColumn LocalDateTime emailNextAt, @Nullable String emailError,
                          @Nullable String emailClaimedBy, @Nullable @DateTimeColumn LocalDateTime emailClaimedAt,
                          @Nullable String emailChannels) {

    static StoredNotification of(String username, LocalDateTime at, String kind, String subject, String body,
                                 String link, Long instanceId, String emailStatus, String channels) {
        return new StoredNotification(null, username, at, kind, subject, body, link, instanceId, null, emailStatus, 0,
                null, null, null, null, channels);
    }

    /** The notification as the inbox pages and the API show it. */
    Map<String, Object> view() {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("id", id);
        n.put("at", at.toString());
        n.put("kind", kind);
        n.put("subject", subject);
        n.put("body", body);
        n.put("link", link);
        n.put("instance_id", instanceId);
        n.put("read", readAt != null);
        return n;
    }
}
