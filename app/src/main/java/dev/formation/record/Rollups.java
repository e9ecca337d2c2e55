package dev.formation.record;

import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.metadata.MetadataHolder;
import dev.formation.store.RollupStore;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps rollup fields right: after a record is created, changed, deleted or restored (inside
 * that write's transaction) the rollups of the records it refers to, before and after, are
 * recomputed from the database, and so are the computed fields that read them (a balance that
 * is a total minus another). {@link #rebuild} recomputes whole forms for existing data.
 */
@Singleton
public class Rollups {

    private final MetadataHolder metadata;
    private final RollupStore store;
    private final Clock clock;

    public Rollups(MetadataHolder metadata, RollupStore store, Clock clock) {
        this.metadata = metadata;
        this.store = store;
        this.clock = clock;
    }

    /** The rollup fields of one form that aggregate one other form through one of its references. */
    record Group(Form parent, Form child, String via, List<Field> fields) {
        Set<String> inputs() {
            Set<String> out = new HashSet<>();
            fields.forEach(f -> out.addAll(f.rollup().inputs()));
            return out;
        }
    }

    /**
     * Recomputes what a write of a {@code child} record changes.
     *
     * @param before  the stored record, null for a create (and for a restore, which brings it back)
     * @param after   the record as written, null for a delete
     * @param changed the keys the write changed (fields and platform columns); ignored when one side is null
     */
    public void afterWrite(Connection c, Form child, Map<String, Object> before, Map<String, Object> after,
                           Set<String> changed) throws SQLException {
        for (Group g : groups(catalog(), null)) {
            if (!g.child().key().equals(child.key())) {
                continue;
            }
            if (before != null && after != null && changed.stream().noneMatch(g.inputs()::contains)) {
                continue;
            }
            Set<Long> ids = new LinkedHashSet<>();
            addId(ids, before, g.via());
            addId(ids, after, g.via());
            store.recompute(c, g.parent(), g.child(), g.fields(), ids);
            recomputeDerived(c, g.parent(), ids);
        }
    }

    /**
     * Rebuilds every rollup field (and the computed fields reading them) of one form, or of
     * every form when {@code formKey} is null, from the data as it is.
     *
     * @return form key → how many of its rows were written
     */
    public Map<String, Integer> rebuild(Connection c, FormCatalog catalog, String formKey) throws SQLException {
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (Group g : groups(catalog, formKey)) {
            int n = store.recompute(c, g.parent(), g.child(), g.fields(), null);
            rows.merge(g.parent().key(), n, Math::max);
        }
        for (String key : rows.keySet()) {
            Form parent = catalog.form(key).orElseThrow();
            if (!derived(parent).isEmpty()) {
                recomputeDerived(c, parent, store.ids(c, parent));
            }
        }
        return rows;
    }

    /**
     * The forms of {@code next} with a rollup field that {@code previous} did not have in the same
     * shape: their new columns start empty (or hold what another definition left) until rebuilt.
     */
    public static List<String> changedRollups(FormCatalog previous, FormCatalog next) {
        List<String> out = new ArrayList<>();
        for (Form form : next.forms()) {
            Form before = previous.form(form.key()).orElse(null);
            boolean changed = form.fields().stream().filter(f -> f.rollup() != null).anyMatch(f -> before == null
                    || before.field(f.key()).map(old -> !f.rollup().equals(old.rollup())
                    || old.valueType() != f.valueType()).orElse(true));
            if (changed) {
                out.add(form.key());
            }
        }
        return out;
    }

    private FormCatalog catalog() {
        return metadata.current().get(FormCatalog.class);
    }

    static List<Group> groups(FormCatalog catalog, String onlyParent) {
        List<Group> out = new ArrayList<>();
        for (Form parent : catalog.forms()) {
            if (onlyParent != null && !onlyParent.equals(parent.key())) {
                continue;
            }
            Map<List<String>, List<Field>> byChild = new LinkedHashMap<>();
            for (Field f : parent.fields()) {
                if (f.rollup() != null) {
                    byChild.computeIfAbsent(List.of(f.rollup().form(), f.rollup().via()), k -> new ArrayList<>()).add(f);
                }
            }
            byChild.forEach((k, fields) -> catalog.form(k.get(0))
                    .ifPresent(child -> out.add(new Group(parent, child, k.get(1), fields))));
        }
        return out;
    }

    /** Computed fields that read a rollup (directly or through another such field), in form order. */
    static List<Field> derived(Form form) {
        Set<String> sources = new HashSet<>();
        form.fields().stream().filter(f -> f.rollup() != null).forEach(f -> sources.add(f.key()));
        List<Field> out = new ArrayList<>();
        for (Field f : form.fields()) {
            if (f.type() == FieldType.COMPUTED && f.expression().references().stream().anyMatch(sources::contains)) {
                out.add(f);
                sources.add(f.key());
            }
        }
        return out;
    }

    private void recomputeDerived(Connection c, Form parent, Collection<Long> ids) throws SQLException {
        List<Field> derived = derived(parent);
        if (derived.isEmpty()) {
            return;
        }
        List<Field> columns = parent.fields().stream().filter(f -> !f.isTable()).toList();
        for (long id : ids) {
            Map<String, Object> row = store.values(c, parent, id, columns);
            if (row.isEmpty()) {
                continue;
            }
            Map<Field, Object> values = new LinkedHashMap<>();
            for (Field f : derived) {
                Object value = RecordValues.computedValue(f,
                        f.expression().evaluate(ExpressionVariables.of(parent, row, null), clock));
                if (value instanceof java.math.BigDecimal d && !f.numberLimits().holds(d)) {
                    value = null; // beyond what the field's column holds (totals of extreme amounts): shown empty
                }
                row.put(f.key(), value);
                values.put(f, value);
            }
            store.write(c, parent, id, values);
        }
    }

    private static void addId(Set<Long> ids, Map<String, Object> record, String via) {
        Object value = record == null ? null : record.get(via);
        if (value instanceof Number n) {
            ids.add(n.longValue());
        } else if (value != null && !value.toString().isBlank()) {
            ids.add(Long.parseLong(value.toString()));
        }
    }
}
