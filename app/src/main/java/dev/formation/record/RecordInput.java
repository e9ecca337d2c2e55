package dev.formation.record;

import dev.formation.core.FieldError;
import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import dev.formation.form.TextRules;
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
            if (field == null && form.crossRecords().progress() != null && Form.PROGRESS.equals(key)) {
                // the progress a read answered with, sent back with the record: computed, never stored
                continue;
            }
            if (field == null && !PlatformColumns.ALL.contains(key)) {
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
                value = cleanRows(field, rows, key, errors, locale);
            } else if (field != null) {
                value = wholeNumber(field, value, key, errors, locale);
            }
            out.put(key, value);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> cleanRows(Field table, List<?> rows, String tableKey, List<FieldError> errors,
                                          Locale locale) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Object row = rows.get(i);
            if (row instanceof Map<?, ?> map) {
                String prefix = tableKey + "[" + i + "].";
                Map<String, Object> clean = new LinkedHashMap<>();
                ((Map<String, Object>) map).forEach((k, v) -> {
                    Field child = table.child(k);
                    if (child != null && child.isSystemSet()) {
                        return;
                    }
                    Object value = normalise(v);
                    if (child != null) {
                        value = wholeNumber(child, value, prefix + k, errors, locale);
                    } else if (PlatformColumns.ID.equals(k)) {
                        value = rowId(value, prefix + k, errors, locale);
                    }
                    clean.put(k, value);
                });
                out.add(clean);
            } else {
                out.add(row);
            }
        }
        return out;
    }

    /**
     * An integer or reference field's value as a Long when it is a whole number in the column's
     * (BIGINT) range; a whole number beyond it is a field error here, before anything could
     * wrap it. Other values pass on for the schema to judge (e.g. 1.5 is not an integer).
     */
    private static Object wholeNumber(Field field, Object value, String path, List<FieldError> errors, Locale locale) {
        FieldType type = field.valueType();
        if ((type != FieldType.INTEGER && type != FieldType.REFERENCE) || !(value instanceof Number)) {
            return value;
        }
        var exact = WholeNumbers.exactLong(value);
        if (exact.isPresent()) {
            return exact.get();
        }
        if (WholeNumbers.isWhole(value)) {
            errors.add(new FieldError(path, Texts.get(locale, "validation.integerRange", field.label().in(locale),
                    String.valueOf(Long.MIN_VALUE), String.valueOf(Long.MAX_VALUE))));
            return null;
        }
        return value;
    }

    /** A sub-table row's id names a stored row: it must be a whole number in range, never wrapped onto another. */
    private static Object rowId(Object value, String path, List<FieldError> errors, Locale locale) {
        if (value == null || !(value instanceof Number)) {
            return value;
        }
        var exact = WholeNumbers.exactLong(value);
        if (exact.isEmpty()) {
            errors.add(new FieldError(path, Texts.get(locale, "validation.rowId")));
            return null;
        }
        return exact.get();
    }

    /** Text loses white space at both ends (the ECMAScript set, see {@link TextRules}); blank text is no value. */
    static Object normalise(Object value) {
        if (value instanceof String s) {
            String trimmed = TextRules.trim(s);
            return trimmed.isEmpty() ? null : trimmed;
        }
        return value;
    }
}
