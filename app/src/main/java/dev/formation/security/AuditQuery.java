package dev.formation.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formation.store.Tx;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import jakarta.inject.Singleton;
import jakarta.persistence.criteria.Predicate;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the audit trail: a record's history, and the admins' operation log search. */
@Singleton
public class AuditQuery {

    /** Filters of the operation log; null means any. */
    public record Filter(String user, String form, Long record, LocalDateTime from, LocalDateTime to) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Tx tx;
    private final AuditRepository entries;

    AuditQuery(Tx tx, AuditRepository entries) {
        this.tx = tx;
        this.entries = entries;
    }

    public List<Map<String, Object>> history(String form, long id) {
        return search(new Filter(null, form, id, null, null), 1, 500).items();
    }

    public record Page(List<Map<String, Object>> items, long total) {
    }

    public Page search(Filter filter, int page, int size) {
        Pageable pageable = Pageable.from(page - 1, size, Sort.of(Sort.Order.desc("id")));
        PredicateSpecification<AuditEntry> where = where(filter);
        io.micronaut.data.model.Page<AuditEntry> found = tx.read(c -> where == null ? entries.findAll(pageable)
                : entries.findAll(where, pageable));
        return new Page(found.getContent().stream().map(this::view).toList(), found.getTotalSize());
    }

    /** The filters that are set, all of them; null when none is. */
    private static PredicateSpecification<AuditEntry> where(Filter filter) {
        if (filter.user() == null && filter.form() == null && filter.record() == null && filter.from() == null
                && filter.to() == null) {
            return null;
        }
        return (root, cb) -> {
            List<Predicate> all = new ArrayList<>();
            if (filter.user() != null) {
                all.add(cb.or(cb.equal(root.get("username"), filter.user()),
                        cb.equal(root.get("onBehalfOf"), filter.user())));
            }
            if (filter.form() != null) {
                all.add(cb.equal(root.get("formKey"), filter.form()));
            }
            if (filter.record() != null) {
                all.add(cb.equal(root.get("recordId"), filter.record()));
            }
            if (filter.from() != null) {
                all.add(cb.greaterThanOrEqualTo(root.get("at"), filter.from()));
            }
            if (filter.to() != null) {
                all.add(cb.lessThan(root.get("at"), filter.to()));
            }
            return cb.and(all.toArray(new Predicate[0]));
        };
    }

    private Map<String, Object> view(AuditEntry entry) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", entry.id());
        e.put("at", entry.at().toString());
        e.put("user", entry.username());
        e.put("on_behalf_of", entry.onBehalfOf());
        e.put("action", entry.action());
        e.put("form", entry.formKey());
        e.put("record_id", entry.recordId());
        e.put("batch", entry.batch());
        e.put("changes", changes(entry.changes()));
        return e;
    }

    /** Stored as field → [before, after]; served as field → {before, after}. */
    private Map<String, Object> changes(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        try {
            Map<String, List<Object>> stored = json.readValue(text, new TypeReference<LinkedHashMap<String, List<Object>>>() { });
            stored.forEach((field, pair) -> {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("before", pair.size() > 0 ? pair.get(0) : null);
                change.put("after", pair.size() > 1 ? pair.get(1) : null);
                out.put(field, change);
            });
        } catch (JsonProcessingException e) {
            out.put("_unreadable", text);
        }
        return out;
    }
}
