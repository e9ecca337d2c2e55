package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.security.AccessPolicy;
import dev.formation.security.AuditQuery;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record's audit trail as one viewer may read it: only for those who may read the record
 * (404 otherwise), and each entry's field-level changes without the fields their roles hide,
 * so the history never tells what the record itself does not.
 */
@Singleton
public class RecordHistory {

    private final RecordService records;
    private final AuditQuery audit;

    public RecordHistory(RecordService records, AuditQuery audit) {
        this.records = records;
        this.audit = audit;
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> of(String formKey, long id, Actor actor) {
        records.requireAccess(formKey, id, AccessPolicy.READ, actor);
        RecordSight sight = records.sight(formKey, id, actor, false);
        return audit.history(formKey, id).stream().map(entry -> {
            Map<String, Object> seen = new LinkedHashMap<>(entry);
            if (entry.get("changes") instanceof Map<?, ?> changes) {
                seen.put("changes", sight.only((Map<String, Object>) changes));
            }
            return seen;
        }).toList();
    }
}
