package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import dev.formation.store.OwnerHistoryStore;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The owner history of records: a row for each change of owner, written in the change's own
 * transaction (every path: edits, flows, imports, transfers, restores), read back as who owned
 * the record from when, its creation first.
 */
@Singleton
public class OwnerHistory {

    private final OwnerHistoryStore store;
    private final Tx tx;

    public OwnerHistory(OwnerHistoryStore store, Tx tx) {
        this.store = store;
        this.tx = tx;
    }

    /**
     * Writes the change of owner, if it is one. The kind and reason are the scope's
     * {@link OwnerChange}; without one, the write's audit action (an edit, an import).
     */
    void changed(Connection c, Form form, long id, String previous, String next, String action, Actor actor,
                 LocalDateTime at) throws SQLException {
        if (Objects.equals(previous, next)) {
            return;
        }
        OwnerChange why = OwnerChange.current().orElse(new OwnerChange(action, null));
        store.insert(c, form.key(), id, new OwnerHistoryStore.Change(previous, next, why.kind(), why.reason(),
                actor.realUsername(), at));
    }

    /**
     * The record's owners, oldest first: its first owner from its creation, then one entry per
     * change ({@code owner}, {@code from}, {@code kind}, {@code reason}, {@code by}, {@code at}).
     */
    public List<Map<String, Object>> of(Form form, Map<String, Object> record) {
        long id = ((Number) record.get(PlatformColumns.ID)).longValue();
        List<Map<String, Object>> changes = tx.read(c -> store.of(c, form.key(), id));
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("owner", changes.isEmpty() ? record.get(PlatformColumns.OWNER) : changes.get(0).get("from"));
        first.put("from", null);
        first.put("kind", "create");
        first.put("reason", null);
        first.put("by", record.get(PlatformColumns.CREATED_BY));
        first.put("at", record.get(PlatformColumns.CREATED_AT));
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(first);
        out.addAll(changes);
        return out;
    }
}
