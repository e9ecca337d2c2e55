package dev.formation.web.page;

import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.i18n.Texts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The edit page's model: the form's sections of inputs, the error summary, where to post. */
final class EditView {

    private final Form form;
    private final FieldInputs inputs;
    private final EditErrors errors;
    private final FieldRights rights;
    private final Locale locale;

    EditView(Form form, FieldInputs inputs, EditErrors errors, FieldRights rights, Locale locale) {
        this.form = form;
        this.inputs = inputs;
        this.errors = errors;
        this.rights = rights;
        this.locale = locale;
    }

    /**
     * @param id      the record's id, or null for a new record
     * @param version the version the user is editing, posted back for optimistic locking
     * @param values  what the inputs show: the stored or default values, overlaid with what was posted
     */
    Map<String, Object> model(Long id, Object version, Map<String, Object> values) {
        String formLabel = form.label().in(locale);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("form", Map.of("key", form.key(), "label", formLabel, "href", "/forms/" + form.key()));
        model.put("isNew", id == null);
        model.put("action", id == null ? "/forms/" + form.key() : "/forms/" + form.key() + "/" + id);
        model.put("cancelHref", id == null ? "/forms/" + form.key() : "/forms/" + form.key() + "/" + id);
        model.put("version", version == null ? "" : version.toString());
        Object title = id == null ? null : values.get(form.titleField());
        model.put("title", id == null ? Texts.get(locale, "page.edit.newTitle", formLabel)
                : Texts.get(locale, "page.edit.editTitle", formLabel, title == null ? "#" + id : title.toString()));
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Sections.Group group : Sections.of(form, locale, rights::visible)) {
            List<Map<String, Object>> fields = new ArrayList<>();
            for (Field field : group.fields()) {
                fields.add(inputs.input(field, values.get(field.key()), rights.editable(field)));
            }
            groups.add(Map.of("key", group.key(), "label", group.label(), "fields", fields));
        }
        model.put("groups", groups);
        model.put("errors", errors.summary(form));
        return model;
    }
}
