package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.form.Form;
import dev.formation.security.AccessPolicy;
import dev.formation.security.AuditTrail;
import dev.formation.security.FieldAccess;
import dev.formation.store.ListQuery;
import dev.formation.store.RecordPage;
import dev.formation.store.RecordStore;
import dev.formation.store.SqlCondition;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** The read side of records in bulk: lists and exports, each row cut to what the reader may see. */
@Singleton
public class RecordReads {

    private final RecordStore store;
    private final AccessPolicy access;
    private final AuditTrail audit;
    private final Tx tx;
    private final Clock clock;

    public RecordReads(RecordStore store, AccessPolicy access, AuditTrail audit, Tx tx, Clock clock) {
        this.store = store;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** The fields the actor's roles hide on this form. */
    Set<String> hiddenFields(Form form, Actor actor) {
        Set<String> hidden = new HashSet<>();
        access.fields(actor, form).forEach((field, fieldAccess) -> {
            if (fieldAccess == FieldAccess.HIDDEN) {
                hidden.add(field);
            }
        });
        return hidden;
    }

    Map<String, Object> withoutHidden(Form form, Map<String, Object> record, Actor actor) {
        record.keySet().removeAll(hiddenFields(form, actor));
        return record;
    }

    /** Rows the actor may export, in pages, hidden fields removed; the export is audited. */
    void export(Form form, ListQuery query, Actor actor, Consumer<Map<String, Object>> sink, int maxRows) {
        SqlCondition rows = AccessPolicy.and(access.rows(actor, form, AccessPolicy.EXPORT), query.scope());
        int sent = 0;
        for (int page = 1; sent < maxRows; page++) {
            ListQuery pageQuery = new ListQuery(query.keywords(), query.filters(), query.sort(), page, ListQuery.MAX_SIZE,
                    rows, null);
            RecordPage result = tx.read(c -> store.list(c, form, pageQuery));
            for (Map<String, Object> row : result.items()) {
                row.remove("_readable");
                sink.accept(withoutHidden(form, row, actor));
                if (++sent >= maxRows) {
                    break;
                }
            }
            if (result.items().size() < ListQuery.MAX_SIZE) {
                break;
            }
        }
        int total = sent;
        tx.write(c -> {
            audit.record(actor, "export", form.key(), null, Map.of("rows", Arrays.asList(null, total),
                    "query", Arrays.asList(null, String.join(" ", query.keywords()))),
                    LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS));
            return null;
        });
    }

    /**
     * A page of the rows the actor may list, the view applied in SQL. Rows they may list but
     * not open carry only the role's list columns and {@code "_restricted": true}.
     */
    RecordPage list(Form form, ListQuery query, RecordService.View view, Actor actor) {
        // list columns, less any field the viewer's roles hide (as the flow pages show such rows)
        List<String> listOnly = new ArrayList<>(access.listOnlyColumns(actor, form));
        listOnly.removeAll(hiddenFields(form, actor));
        // Filtering, searching or sorting by a column the viewer may not see on list-only rows would
        // reveal its values through which rows come back; such a query reaches only readable rows.
        SqlCondition visible = touchesHiddenColumns(form, query, listOnly)
                ? access.rows(actor, form, AccessPolicy.READ) : access.listRows(actor, form);
        SqlCondition rows = AccessPolicy.and(visible, query.scope());
        rows = switch (view) {
            case MINE -> AccessPolicy.and(rows, access.own(actor, form));
            case SHARED_BY_ME -> AccessPolicy.and(rows, access.sharedBy(actor, form));
            case SHARED_WITH_ME -> AccessPolicy.and(rows, access.sharedWith(actor, form));
            // records nobody owns, such as those released to a shared pool
            case UNOWNED -> AccessPolicy.and(rows, new SqlCondition("`owner` IS NULL", List.of()));
            // the recycle bin is RecycleBin's list, never this one
            case ALL, DELETED -> rows;
        };
        ListQuery scoped = query.scoped(rows, access.rows(actor, form, AccessPolicy.READ));
        RecordPage page = tx.read(c -> store.list(c, form, scoped));
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map<String, Object> row : page.items()) {
            boolean readable = Boolean.TRUE.equals(row.remove("_readable"));
            if (readable) {
                items.add(withoutHidden(form, row, actor));
            } else {
                Map<String, Object> restricted = new LinkedHashMap<>();
                listOnly.forEach(column -> restricted.put(column, row.get(column)));
                restricted.put("_restricted", true);
                items.add(restricted);
            }
        }
        return new RecordPage(items, page.total(), page.page(), page.size(), page.totalExact());
    }

    private static boolean touchesHiddenColumns(Form form, ListQuery query, List<String> listOnly) {
        String defaultSort = form.defaultSort().replace("-", "");
        for (String column : query.filters().keySet()) {
            if (!listOnly.contains(column)) {
                return true;
            }
        }
        for (String key : query.sort()) {
            String column = key.replace("-", "");
            if (!listOnly.contains(column) && !column.equals(defaultSort)) {
                return true;
            }
        }
        return !query.keywords().isEmpty() && !listOnly.containsAll(form.searchFields());
    }
}
