package dev.formation.security;

import dev.formation.core.Actor;
import dev.formation.store.JsonMapConverter;
import io.micronaut.core.convert.ConversionContext;
import jakarta.inject.Singleton;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * Writes audit entries in the caller's transaction, so a change and its entry are stored
 * together or not at all. {@code changes} is field → [before, after].
 */
@Singleton
public class AuditTrail {

    private final AuditRepository entries;
    private final JsonMapConverter json;

    AuditTrail(AuditRepository entries, JsonMapConverter json) {
        this.entries = entries;
        this.json = json;
    }

    /** An entry by the actor (and, when a delegate acted, for whom). */
    public void record(Actor actor, String action, String form, Long recordId, Map<String, Object> changes,
                       LocalDateTime at) {
        record(actor.realUsername(), actor.delegate() != null ? actor.username() : null, action, form, recordId,
                changes, at);
    }

    public void record(String username, String onBehalfOf, String action, String form, Long recordId,
                       Map<String, Object> changes, LocalDateTime at) {
        entries.save(new AuditEntry(null, at, username, action, form, recordId,
                json.convertToPersistedValue(changes, ConversionContext.DEFAULT), onBehalfOf, null,
                AuditBatch.current().orElse(null)));
    }
}
