package dev.formation.record;

import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import dev.formation.i18n.Texts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a client sent, made ready to merge: strings trimmed and blank ones turned into null,
 * unknown keys refused, and keys the system owns (code, status, timestamps, computed values)
 * refused unless they merely repeat the stored value, so a client may send back what it read.
 */
final class RecordInput {

    private RecordInput() {
    }

    /**
     * @param stored the current record for an update, or null for a create
     */
    static Map<String, Object> clean(Form form, Map<String, Object> input, Map<String, Object> stored,
                                     List<FieldError> errors, Locale locale) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : input.entrySet()) {
            String key = entry.getKey();
            Object value = normalise(entry.getValue());
            Field field = form.field(key).orElse(null);
            if (field == null && !RecordValidator.PLATFORM_INPUT.contains(key)) {
                errors.add(new FieldError(key, Texts.get(locale, "validation.unknown", key)));
                continue;
            }
            if (PlatformColumns.VERSION.equals(key)) {
                continue;
            }
            boolean systemOwned = field == null || field.isSystemSet();
            if (systemOwned) {
                Object current = stored == null ? null : stored.get(key);
                if (value != null && !Objects.equals(
                        dev.formation.store.RecordStore.normalise(current),
                        dev.formation.store.RecordStore.normalise(value))) {
                    String label = field == null ? key : field.label().in(locale);
                    errors.add(new FieldError(key, Texts.get(locale, "validation.readOnly", label)));
                }
                continue;
            }
            if (field != null && field.isTable() && value instanceof List<?> rows) {
                value = cleanRows(field, rows);
            }
            out.put(key, value);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> cleanRows(Field table, List<?> rows) {
        List<Object> out = new ArrayList<>();
        for (Object row : rows) {
            if (row instanceof Map<?, ?> map) {
                Map<String, Object> clean = new LinkedHashMap<>();
                ((Map<String, Object>) map).forEach((k, v) -> {
                    Field child = table.child(k);
                    if (child != null && child.isSystemSet()) {
                        return;
                    }
                    clean.put(k, normalise(v));
                });
                out.add(clean);
            } else {
                out.add(row);
            }
        }
        return out;
    }

    static Object normalise(Object value) {
        if (value instanceof String s) {
            String trimmed = s.strip();
            return trimmed.isEmpty() ? null : trimmed;
        }
        return value;
    }
}
