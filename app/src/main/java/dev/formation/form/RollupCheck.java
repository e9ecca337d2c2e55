package dev.formation.form;

import dev.formation.metadata.MetadataDocument;
import dev.formation.metadata.MetadataException;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a form's rollup fields against the form they aggregate, once every form is compiled:
 * the other form exists and is another form, {@code via} is its reference to this form, the
 * aggregated field holds what the rollup's result type can store, and the filter names
 * fields whose values are keys (options, users, text).
 */
final class RollupCheck {

    /** Value types a filter can compare with its listed keys. */
    static final Set<FieldType> KEYED = Set.of(FieldType.SELECT, FieldType.TEXT, FieldType.USER,
            FieldType.DEPARTMENT, FieldType.AUTONUMBER);

    private RollupCheck() {
    }

    static void check(MetadataDocument doc, Form form, Map<String, Form> forms) {
        for (int i = 0; i < form.fields().size(); i++) {
            Field field = form.fields().get(i);
            if (field.rollup() != null) {
                check(doc, "/fields/" + i + "/rollup", form, field, forms);
            }
        }
    }

    private static void check(MetadataDocument doc, String at, Form form, Field field, Map<String, Form> forms) {
        Rollup r = field.rollup();
        Form child = forms.get(r.form());
        if (child == null || child == form) {
            fail(doc, at + "/form", "'" + r.form() + "' is not another form");
        }
        Field via = child.field(r.via()).orElse(null);
        if (via == null || via.type() != FieldType.REFERENCE || !form.key().equals(via.referenceForm())) {
            fail(doc, at + "/via", "'" + r.via() + "' is not a field of '" + child.key()
                    + "' that refers to '" + form.key() + "'");
        }
        if (r.of() != null) {
            Field of = column(child, r.of());
            if (of == null) {
                fail(doc, at + "/of", "'" + r.of() + "' is not a field of '" + child.key() + "' (sub-tables cannot be used)");
            }
            boolean fits = switch (r.op()) {
                case COUNT -> true;
                case SUM -> of.valueType().isNumeric() && field.valueType().isNumeric();
                default -> of.valueType() == field.valueType()
                        || of.valueType().isNumeric() && field.valueType().isNumeric();
            };
            if (!fits) {
                fail(doc, at + "/of", "'" + child.key() + "." + r.of() + "' (" + of.valueType().metadataName()
                        + ") does not fit the rollup's result type " + field.valueType().metadataName());
            }
        }
        if (r.by() != null && column(child, r.by()) == null) {
            fail(doc, at + "/by", "'" + r.by() + "' is not a field of '" + child.key() + "'");
        }
        for (Map.Entry<String, List<String>> w : r.where().entrySet()) {
            Field f = column(child, w.getKey());
            if (f == null || !KEYED.contains(f.valueType())) {
                fail(doc, at + "/where/" + w.getKey(), "'" + w.getKey() + "' is not a field of '" + child.key()
                        + "' holding a key (select, text, user, department)");
            }
        }
    }

    private static Field column(Form child, String key) {
        Field f = child.field(key).orElse(null);
        return f == null || f.isTable() || f.type() == FieldType.ADDRESS ? null : f;
    }

    private static void fail(MetadataDocument doc, String at, String reason) {
        throw new MetadataException(doc.source(), at, reason);
    }
}
