package dev.formation.record;

import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.store.RecordStore;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The field-level before/after of a change, as the audit trail stores it. */
final class AuditDiff {

    private AuditDiff() {
    }

    static Map<String, Object> created(Form form, Map<String, Object> record) {
        Map<String, Object> diff = new LinkedHashMap<>();
        for (Field field : form.fields()) {
            Object value = record.get(field.key());
            if (value != null) {
                diff.put(field.key(), Arrays.asList(null, value));
            }
        }
        return diff;
    }

    static Map<String, Object> changed(Form form, Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> diff = new LinkedHashMap<>();
        for (Field field : form.fields()) {
            Object b = before.get(field.key());
            Object a = after.get(field.key());
            if (!Objects.equals(RecordStore.normalise(b), RecordStore.normalise(a))) {
                diff.put(field.key(), Arrays.asList(b, a));
            }
        }
        return diff;
    }
}
