package dev.formation.web.page.records;

import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import dev.formation.i18n.Texts;
import dev.formation.web.page.EditErrors;
import dev.formation.web.page.FieldRights;

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
    private final EditLocks locks;
    private final Locale locale;

    /** @param locks what the record service keeps from changing now (none for a new record) */
    EditView(Form form, FieldInputs inputs, EditErrors errors, FieldRights rights, EditLocks locks, Locale locale) {
        this.form = form;
        this.inputs = inputs;
        this.errors = errors;
        this.rights = rights;
        this.locks = locks;
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
        Map<String, Object> named = new LinkedHashMap<>(values);
        named.put(PlatformColumns.ID, id);
        model.put("title", id == null ? Texts.get(locale, "page.edit.newTitle", formLabel)
                : Texts.get(locale, "page.edit.editTitle", formLabel, RecordHeader.title(form, named)));
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Sections.Group group : Sections.of(form, locale, rights::visible)) {
            List<Map<String, Object>> fields = new ArrayList<>();
            for (Field field : group.fields()) {
                Map<String, Object> input = inputs.input(field, values.get(field.key()),
                        rights.editable(field) && locks.editable(field));
                EditLocks.Note note = rights.editable(field) ? locks.note(field) : null;
                input.put("lock", note == null ? "" : note.text());
                input.put("lockHref", note == null ? "" : note.href());
                fields.add(input);
            }
            groups.add(Map.of("key", group.key(), "label", group.label(), "fields", fields));
        }
        model.put("groups", groups);
        model.put("errors", errors.summary(form));
        model.put("locked", locks.wholeRecord());
        model.put("saveable", locks.saveable());
        return model;
    }
}
