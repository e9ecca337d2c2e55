package dev.formation.web.page.records;

import dev.formation.core.Actor;
import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import dev.formation.record.ReferenceChoices;
import dev.formation.security.FieldAccess;
import dev.formation.store.RecordStore;
import dev.formation.web.page.EditErrors;
import dev.formation.web.page.FieldRights;
import dev.formation.web.page.Lookups;
import dev.formation.web.page.RecordPresenter;
import dev.formation.web.protection.FormBody;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A few of a form's fields as edit-page inputs, outside the edit page: the fields an approval
 * node lets its approver fill, the fields a change request governs. The inputs are drawn and
 * read back exactly as on the edit page, so a value means the same whichever page sent it.
 */
@Singleton
public class FieldSubset {

    private final Lookups lookups;
    private final ReferenceChoices referenceChoices;

    FieldSubset(Lookups lookups, ReferenceChoices referenceChoices) {
        this.lookups = lookups;
        this.referenceChoices = referenceChoices;
    }

    /**
     * @param keys     the fields, in this order; keys the form does not have are left out
     * @param editable those drawn as inputs; the rest show their value
     * @param required those marked required (an approval node's required fields)
     */
    public List<Map<String, Object>> inputs(Form form, List<String> keys, Map<String, Object> values,
                                     Collection<String> editable, Collection<String> required, EditErrors errors,
                                     Actor actor, Locale locale) {
        List<Field> fields = keys.stream().map(form::field).flatMap(Optional::stream).toList();
        Lookups.Names names = lookups.names(form, List.of(values));
        boolean references = fields.stream().anyMatch(f -> f.valueType() == FieldType.REFERENCE);
        FieldInputs inputs = new FieldInputs(new RecordPresenter(form, names, locale), names,
                references ? referenceChoices.offer(form, values, actor) : null, errors, locale);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Field field : fields) {
            Map<String, Object> input = inputs.input(field, values.get(field.key()), editable.contains(field.key()));
            if (required.contains(field.key())) {
                input.put("required", true);
            }
            out.add(input);
        }
        return out;
    }

    /** The posted values of the editable fields among {@code keys}, as the JSON API would take them. */
    public static Map<String, Object> read(Form form, FormBody body, Collection<String> editable) {
        Map<String, FieldAccess> access = new LinkedHashMap<>();
        for (Field field : form.fields()) {
            access.put(field.key(), editable.contains(field.key()) ? FieldAccess.EDITABLE : FieldAccess.READONLY);
        }
        Map<String, Object> out = PostedRecord.read(form, body, false, new FieldRights(access));
        out.remove(PlatformColumns.VERSION);
        return out;
    }

    /** Only the values that differ from the record's, so an untouched input changes nothing. */
    public static Map<String, Object> changed(Map<String, Object> posted, Map<String, Object> record) {
        Map<String, Object> out = new LinkedHashMap<>();
        posted.forEach((key, value) -> {
            if (!Objects.equals(canonical(value), canonical(record.get(key)))) {
                out.put(key, value);
            }
        });
        return out;
    }

    /** A value as compared: blanks as null, numbers by value, dates and the like by their text. */
    private static Object canonical(Object value) {
        if (value == null || (value instanceof String s && s.isEmpty())
                || (value instanceof Collection<?> c && c.isEmpty())) {
            return null;
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                Object c = canonical(v);
                if (c != null) {
                    out.put(k, c);
                }
            });
            return out.isEmpty() ? null : out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(FieldSubset::canonical).toList();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return RecordStore.normalise(value);
        }
        return value.toString();
    }
}
