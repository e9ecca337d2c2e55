package dev.formation.web.page;

import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.record.Actor;
import dev.formation.record.RecordService;
import dev.formation.store.ListQuery;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a reference drop-down offers: the most recently changed records of the target form, by
 * title, read through the record service so the user's own view of that form applies.
 */
@Singleton
public class ReferenceChoices {

    static final int LIMIT = 200;

    private final RecordService records;

    public ReferenceChoices(RecordService records) {
        this.records = records;
    }

    /** Target form key → (id → title), for every reference field of the form and its tables. */
    public Map<String, Map<Long, String>> forForm(Form form, Actor actor) {
        Set<String> targets = new LinkedHashSet<>();
        for (Field field : form.fields()) {
            addTargets(field, targets);
            field.children().forEach(child -> addTargets(child, targets));
        }
        Map<String, Map<Long, String>> out = new LinkedHashMap<>();
        for (String target : targets) {
            Form targetForm = records.form(target);
            // only records another form may choose (e.g. approved customers)
            dev.formation.store.SqlCondition selectable = targetForm.selectableStatuses().isEmpty() ? null
                    : new dev.formation.store.SqlCondition("`status` IN (" + String.join(", ",
                    java.util.Collections.nCopies(targetForm.selectableStatuses().size(), "?")) + ")",
                    List.copyOf(targetForm.selectableStatuses()));
            ListQuery query = new ListQuery(List.of(), Map.of(), List.of("-updated_at"), 1, LIMIT, selectable);
            Map<Long, String> titles = new LinkedHashMap<>();
            records.list(target, query, actor).items().forEach(r -> {
                Object title = r.get(targetForm.titleField());
                titles.put(((Number) r.get("id")).longValue(), title == null ? null : title.toString());
            });
            out.put(target, titles);
        }
        return out;
    }

    private static void addTargets(Field field, Set<String> targets) {
        if (field.valueType() == FieldType.REFERENCE && !field.isSystemSet()) {
            targets.add(field.referenceForm());
        }
    }
}
