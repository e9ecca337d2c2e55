package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.MustMatch;
import dev.formation.store.ListQuery;
import dev.formation.store.RecordStore;
import dev.formation.store.SqlCondition;
import jakarta.inject.Singleton;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reference field may choose, for its pickers (edit pages, the choices API): the most
 * recently changed records of the target form, by title, read through the record service so
 * the user's own view of that form applies; only records in the target's selectable statuses;
 * and for a field that must agree with another ({@code mustMatch}), only those whose agreeing
 * field holds the value the record (or row) has. The server checks the same on save.
 */
@Singleton
public class ReferenceChoices {

    public static final int LIMIT = 200;

    private final RecordService records;

    public ReferenceChoices(RecordService records) {
        this.records = records;
    }

    /**
     * @param match the value the chosen record's agreeing field must hold, or null when the
     *              field has no {@code mustMatch} or the value it agrees with is not chosen yet
     */
    public Map<Long, String> choices(Field field, Object match, List<String> keywords, Actor actor) {
        Form target = records.form(field.referenceForm());
        Map<String, Object> filters = new LinkedHashMap<>();
        MustMatch mm = field.mustMatch();
        if (mm != null && match != null) {
            java.util.Optional<Object> typed = typed(target.field(mm.via()).orElseThrow(), match);
            if (typed.isEmpty()) {
                return Map.of(); // nothing agrees with what is no value of that kind
            }
            // a filter (not a scope condition), so a column the viewer may not see on list-only
            // rows narrows only the rows they may open
            filters.put(mm.via(), typed.get());
        }
        ListQuery query = new ListQuery(keywords, filters, List.of("-updated_at"), 1, LIMIT, selectable(target));
        Map<Long, String> titles = new LinkedHashMap<>();
        records.list(target.key(), query, actor).items().forEach(r -> {
            Object title = r.get(target.titleField());
            titles.put(((Number) r.get("id")).longValue(), title == null ? null : title.toString());
        });
        return titles;
    }

    /** A value (a number, or text from a query string) as the column of {@code field} compares it. */
    public static java.util.Optional<Object> typed(Field field, Object value) {
        try {
            return java.util.Optional.of(switch (field.valueType()) {
                case REFERENCE, INTEGER -> value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
                case NUMBER, MONEY, PERCENT -> new java.math.BigDecimal(value.toString().trim());
                default -> value.toString();
            });
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** The value a reference must agree with: the row's column of that name, else the record's field. */
    public static Object agreeingValue(Field table, Field field, Map<?, ?> row, Map<String, Object> record) {
        String key = field.mustMatch().field();
        return table != null && row != null && table.child(key) != null ? row.get(key) : record.get(key);
    }

    /** The choices of every reference of one record's page, looked up once per distinct question. */
    public Offer offer(Form form, Map<String, Object> values, Actor actor) {
        return new Offer(form, values, actor);
    }

    /** The reference choices of one page. */
    public final class Offer {
        private final Form form;
        private final Map<String, Object> values;
        private final Actor actor;
        private final Map<List<Object>, Map<Long, String>> asked = new HashMap<>();

        private Offer(Form form, Map<String, Object> values, Actor actor) {
            this.form = form;
            this.values = values;
            this.actor = actor;
        }

        public Form form() {
            return form;
        }

        /** @param row the sub-table row the field is in, or null for a field of the record */
        public Map<Long, String> choices(Field field, Map<?, ?> row) {
            if (field.valueType() != FieldType.REFERENCE || field.isSystemSet()) {
                return Map.of();
            }
            Field table = row == null ? null : form.tableFields().stream()
                    .filter(t -> t.children().contains(field)).findFirst().orElse(null);
            Object match = field.mustMatch() == null ? null : agreeingValue(table, field, row, values);
            String via = field.mustMatch() == null || match == null ? null : field.mustMatch().via();
            List<Object> key = java.util.Arrays.asList(field.referenceForm(), via, RecordStore.normalise(match));
            return asked.computeIfAbsent(key, k -> Collections.unmodifiableMap(ReferenceChoices.this.choices(field, match, List.of(), actor)));
        }
    }

    private static SqlCondition selectable(Form target) {
        // only records another form may choose (e.g. approved customers)
        return target.selectableStatuses().isEmpty() ? null : new SqlCondition("`status` IN (" + String.join(", ",
                Collections.nCopies(target.selectableStatuses().size(), "?")) + ")",
                List.copyOf(target.selectableStatuses()));
    }
}
