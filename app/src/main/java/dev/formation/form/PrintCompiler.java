package dev.formation.form;

import dev.formation.metadata.MetadataDocument;
import dev.formation.metadata.MetadataException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A form's {@code prints:}: read from its document, then checked against the other forms once
 * every form is compiled, since each related list names a reference field of another form that
 * must point back at this one. Whether the template files exist is the report package's check.
 */
final class PrintCompiler {

    static final String DEFAULT_SORT = "-" + PlatformColumns.UPDATED_AT;
    static final int DEFAULT_LIMIT = 10;

    private PrintCompiler() {
    }

    static List<FormPrint> prints(MetadataDocument doc) {
        List<FormPrint> out = new ArrayList<>();
        for (Map<String, Object> p : FormCompiler.maps(doc.content().get("prints"))) {
            List<FormPrint.Related> related = new ArrayList<>();
            for (Map<String, Object> r : FormCompiler.maps(p.get("related"))) {
                related.add(new FormPrint.Related((String) r.get("key"), FormCompiler.text(r.get("label")),
                        (String) r.get("form"), (String) r.get("field"), (String) r.getOrDefault("sort", DEFAULT_SORT),
                        ((Number) r.getOrDefault("limit", DEFAULT_LIMIT)).intValue()));
            }
            out.add(new FormPrint((String) p.get("key"), FormCompiler.text(p.get("label")), (String) p.get("template"),
                    related));
        }
        return out;
    }

    static void check(MetadataDocument doc, Form form, Map<String, Form> forms) {
        for (int i = 0; i < form.prints().size(); i++) {
            List<FormPrint.Related> related = form.prints().get(i).related();
            for (int j = 0; j < related.size(); j++) {
                check(doc, "/prints/" + i + "/related/" + j, form, related.get(j), forms);
            }
        }
    }

    private static void check(MetadataDocument doc, String at, Form form, FormPrint.Related related,
                              Map<String, Form> forms) {
        Form other = forms.get(related.form());
        if (other == null) {
            throw new MetadataException(doc.source(), at + "/form", "no form named '" + related.form() + "'");
        }
        Field link = other.field(related.field()).orElse(null);
        if (link == null || link.valueType() != FieldType.REFERENCE || !form.key().equals(link.referenceForm())) {
            throw new MetadataException(doc.source(), at + "/field", "'" + related.field() + "' is not a field of form '"
                    + other.key() + "' that refers to form '" + form.key() + "'");
        }
        String column = related.sort().startsWith("-") ? related.sort().substring(1) : related.sort();
        boolean sortable = PlatformColumns.ALL.contains(column)
                || other.field(column).filter(f -> !f.isTable() && !f.valueType().isFiles()).isPresent();
        if (!sortable) {
            throw new MetadataException(doc.source(), at + "/sort", "'" + column + "' is not a column of form '"
                    + other.key() + "'");
        }
    }
}
