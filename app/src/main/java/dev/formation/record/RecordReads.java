package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
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

    /** Rows per keyset page of an export: a few MB of values, one child-row query per table field. */
    static final int EXPORT_PAGE = 1_000;

    /**
     * Rows the actor may export, page by page in id order (each page read in its own short
     * transaction, by keyset so no page costs more than the first), hidden fields removed and each
     * row carrying its sub-table rows under the table field's key. The export is audited.
     */
    void export(Form form, ListQuery query, Actor actor, String format, Consumer<List<Map<String, Object>>> pages,
                int maxRows) {
        SqlCondition rows = AccessPolicy.and(access.rows(actor, form, AccessPolicy.EXPORT), query.scope());
        ListQuery scoped = new ListQuery(query.keywords(), query.filters(), List.of(), 1, 1, rows, null);
        Set<String> hidden = hiddenFields(form, actor);
        List<Field> tables = form.fields().stream().filter(f -> f.isTable() && !hidden.contains(f.key())).toList();
        int sent = 0;
        long after = Long.MIN_VALUE;
        while (sent < maxRows) {
            int limit = Math.min(EXPORT_PAGE, maxRows - sent);
            long from = after;
            List<Map<String, Object>> page = tx.read(c -> {
                List<Map<String, Object>> found = store.listAfter(c, form, scoped, from, limit);
                List<Long> ids = found.stream().map(r -> ((Number) r.get(PlatformColumns.ID)).longValue()).toList();
                for (Field table : tables) {
                    Map<Long, List<Map<String, Object>>> children = store.loadRows(c, form, table, ids);
                    for (int i = 0; i < found.size(); i++) {
                        found.get(i).put(table.key(), children.getOrDefault(ids.get(i), List.of()));
                    }
                }
                return found;
            });
            if (page.isEmpty()) {
                break;
            }
            after = ((Number) page.get(page.size() - 1).get(PlatformColumns.ID)).longValue();
            page.forEach(row -> row.keySet().removeAll(hidden));
            sent += page.size();
            pages.accept(page);
            if (page.size() < limit) {
                break;
            }
        }
        int total = sent;
        tx.write(c -> {
            audit.record(actor, "export", form.key(), null, Map.of("rows", Arrays.asList(null, total),
                    "format", Arrays.asList(null, format),
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
