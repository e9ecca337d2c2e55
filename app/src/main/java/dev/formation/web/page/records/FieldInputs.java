package dev.formation.web.page.records;

import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.RecordSchemaCompiler;
import dev.formation.i18n.Texts;
import dev.formation.record.ReferenceChoices;
import dev.formation.web.page.EditErrors;
import dev.formation.web.page.Lookups;
import dev.formation.web.page.RecordPresenter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The edit page's input for one field: which control to draw ({@code kind}), its name and id,
 * its current text, choices and error. Table fields get a grid of these, one per row and column,
 * plus a blank row for the page's "add a row" template.
 */
final class FieldInputs {

    /** Stands for the row index in the blank row; the page's script puts the real index in. */
    static final String ROW_MARK = "__i__";

    private static final int MAX_STARTING_ROWS = 5;

    private final RecordPresenter presenter;
    private final Lookups.Names names;
    private final ReferenceChoices.Offer referenceChoices;
    private final EditErrors errors;
    private final Locale locale;

    /** @param referenceChoices what the page's reference inputs offer, or null when it has none */
    FieldInputs(RecordPresenter presenter, Lookups.Names names, ReferenceChoices.Offer referenceChoices,
                EditErrors errors, Locale locale) {
        this.presenter = presenter;
        this.names = names;
        this.referenceChoices = referenceChoices;
        this.errors = errors;
        this.locale = locale;
    }

    /** @param editable false shows the value without an input, so the page does not post it */
    Map<String, Object> input(Field field, Object value, boolean editable) {
        Map<String, Object> input = control(field, field.key(), "f-" + field.key(), value, editable, null, null, null);
        input.put("error", errors.forField(field));
        if (field.isTable()) {
            input.put("kind", "table");
            input.put("table", table(field, value, editable));
        }
        return input;
    }

    /** @param table, row, rowIndex the sub-table, row and row index of a cell; null for a field of the record */
    private Map<String, Object> control(Field field, String name, String id, Object value, boolean editable,
                                        Field table, Map<?, ?> row, String rowIndex) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("key", field.key());
        in.put("name", name);
        in.put("id", id);
        in.put("label", field.label().in(locale));
        in.put("required", field.required());
        in.put("help", field.help() == null ? "" : field.help().in(locale));
        in.put("placeholder", field.placeholder() == null ? "" : field.placeholder().in(locale));
        in.put("full", field.fullWidth());
        in.put("value", InputText.of(field, value));
        if (!editable && !field.isTable()) {
            in.put("kind", "readonly");
            in.put("display", presenter.value(field, value));
            in.put("hint", value != null || !field.isSystemSet() ? "" : Texts.get(locale,
                    field.type() == FieldType.AUTONUMBER ? "page.edit.autoNumber" : "page.edit.computed"));
            return in;
        }
        switch (field.valueType()) {
            case TEXT, PHONE, MOBILE, EMAIL, URL, REGION -> textInput(field, in);
            case TEXTAREA -> {
                in.put("kind", "textarea");
                in.put("maxlength", field.maxLength() == null ? 0 : field.maxLength());
            }
            case NUMBER, MONEY, PERCENT, INTEGER -> {
                in.put("kind", "input");
                // what the user typed that is no number stays visible (a number input would blank it)
                in.put("inputType", value instanceof String ? "text" : "number");
                in.put("step", field.valueType() == FieldType.INTEGER || field.scale() <= 0 ? "1"
                        : BigDecimal.ONE.movePointLeft(field.scale()).toPlainString());
                in.put("min", field.min() == null ? "" : field.min().toPlainString());
                in.put("max", field.max() == null ? "" : field.max().toPlainString());
                in.put("suffix", field.valueType() == FieldType.PERCENT ? "%" : "");
            }
            case DATE -> {
                in.put("kind", "input");
                in.put("inputType", "date");
            }
            case DATETIME -> {
                in.put("kind", "input");
                in.put("inputType", "datetime-local");
                in.put("step", "1");
            }
            case BOOLEAN -> {
                in.put("kind", "checkbox");
                in.put("checked", Boolean.TRUE.equals(value));
            }
            case SELECT -> select(field, in, optionLabels(field), value);
            case USER -> select(field, in, names.users(), value);
            case DEPARTMENT -> select(field, in, names.departments(), value);
            case REFERENCE -> {
                select(field, in, references(field, value, row), value);
                agreement(field, in, table, rowIndex);
            }
            case MULTISELECT -> checks(field, in, value);
            case ADDRESS -> address(field, in, value);
            case ATTACHMENT, IMAGE -> files(field, in, value);
            default -> textInput(field, in);
        }
        return in;
    }

    private void textInput(Field field, Map<String, Object> in) {
        in.put("kind", "input");
        in.put("inputType", switch (field.valueType()) {
            case PHONE, MOBILE -> "tel";
            case EMAIL -> "email";
            case URL -> "url";
            default -> "text";
        });
        in.put("maxlength", field.maxLength() == null ? 0 : field.maxLength());
        String pattern = field.pattern() != null ? field.pattern().pattern()
                : field.valueType() == FieldType.MOBILE ? RecordSchemaCompiler.MOBILE : "";
        in.put("pattern", pattern);
        if (field.valueType() == FieldType.REGION && field.placeholder() == null) {
            in.put("placeholder", Texts.get(locale, "page.edit.regionPlaceholder"));
        }
        lookup(field, in);
    }

    /**
     * A field with a lookup names the lookup API and what each candidate attribute fills, so the
     * page's script offers candidates as the user types and fills the form with the one chosen.
     * The keys are validated metadata keys and attribute names, so the JSON needs no escaping
     * beyond the attribute's (FreeMarker's).
     */
    private void lookup(Field field, Map<String, Object> in) {
        if (field.lookup() == null) {
            return;
        }
        StringBuilder fill = new StringBuilder("{");
        field.lookup().fill().forEach((attribute, targets) -> {
            if (fill.length() > 1) {
                fill.append(',');
            }
            fill.append('"').append(attribute).append("\":[");
            fill.append(String.join(",", targets.stream().map(t -> "\"" + t + "\"").toList())).append(']');
        });
        in.put("lookupUrl", "/api/lookup/" + field.lookup().source());
        in.put("lookupFill", fill.append('}').toString());
        in.put("lookupHint", Texts.get(locale, "page.edit.lookupHint"));
        in.put("lookupNone", Texts.get(locale, "page.edit.lookupNone"));
    }

    private Map<String, String> optionLabels(Field field) {
        Map<String, String> out = new LinkedHashMap<>();
        field.options().forEach(o -> out.put(o.key(), o.label().in(locale)));
        return out;
    }

    /**
     * Recent records of the target form (of those that agree with the record, for a field that
     * must), and the current one even when it is older than those or no longer agrees.
     */
    private Map<String, String> references(Field field, Object value, Map<?, ?> row) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value != null && !(value instanceof Number)) {
            out.put(value.toString(), value.toString());
        } else if (value != null) {
            String title = names.title(field.referenceForm(), value);
            out.put(value.toString(), title == null || title.isBlank() ? "#" + value : title);
        }
        Map<Long, String> offered = referenceChoices == null ? Map.of()
                : referenceChoices.choices(field, row);
        offered.forEach((id, title) ->
                out.putIfAbsent(id.toString(), title == null || title.isBlank() ? "#" + id : title));
        return out;
    }

    /**
     * A reference that must agree with another field names that field's input and the choices
     * API, so the page's script offers the right records again when the other value changes.
     */
    private void agreement(Field field, Map<String, Object> in, Field table, String rowIndex) {
        if (field.mustMatch() == null || referenceChoices == null) {
            return;
        }
        String other = field.mustMatch().field();
        boolean inRow = table != null && table.child(other) != null;
        in.put("matchName", inRow ? table.key() + "[" + rowIndex + "]." + other : other);
        in.put("choicesUrl", "/api/forms/" + referenceChoices.form().key() + "/fields/"
                + (table == null ? "" : table.key() + ".") + field.key() + "/choices");
    }

    private void select(Field field, Map<String, Object> in, Map<String, String> choices, Object value) {
        String current = value == null ? "" : InputText.of(field, value);
        List<Map<String, Object>> options = new ArrayList<>();
        boolean found = false;
        for (Map.Entry<String, String> choice : choices.entrySet()) {
            boolean selected = choice.getKey().equals(current);
            found |= selected;
            options.add(option(choice.getKey(), choice.getValue(), selected));
        }
        if (!found && !current.isEmpty()) {
            // a value no longer offered (a retired option, a disabled user) must not silently change
            options.add(0, option(current, current, true));
        }
        in.put("kind", "select");
        in.put("blank", !field.required() || current.isEmpty());
        in.put("options", options);
    }

    private void checks(Field field, Map<String, Object> in, Object value) {
        List<?> current = value instanceof List<?> l ? l : value == null ? List.of() : List.of(value);
        List<Map<String, Object>> options = new ArrayList<>();
        optionLabels(field).forEach((key, label) -> options.add(option(key, label, current.contains(key))));
        in.put("kind", "checks");
        in.put("options", options);
    }

    private void address(Field field, Map<String, Object> in, Object value) {
        Map<?, ?> map = value instanceof Map<?, ?> m ? m : Map.of();
        in.put("kind", "address");
        in.put("text", InputText.plain(map.get("text")));
        in.put("lng", InputText.plain(map.get("lng")));
        in.put("lat", InputText.plain(map.get("lat")));
        in.put("coordinates", field.withCoordinates());
    }

    private void files(Field field, Map<String, Object> in, Object value) {
        List<Map<String, Object>> list = new ArrayList<>();
        if (value instanceof List<?> ids) {
            ids.forEach(id -> list.add(RecordPresenter.file(String.valueOf(id), names.files().get(String.valueOf(id)))));
        }
        boolean image = field.valueType() == FieldType.IMAGE;
        in.put("kind", "files");
        in.put("image", image);
        in.put("files", list);
        in.put("maxFiles", field.maxFiles());
        in.put("accept", field.accept().isEmpty() ? (image ? "image/*" : "") : String.join(",", field.accept()));
    }

    private Map<String, Object> table(Field table, Object value, boolean editable) {
        List<Map<String, Object>> columns = new ArrayList<>();
        for (Field child : table.children()) {
            columns.add(Map.of("label", child.label().in(locale), "required", child.required(),
                    "help", child.help() == null ? "" : child.help().in(locale)));
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        table.children().forEach(child -> {
            if (child.defaultValue() != null && !(child.defaultValue() instanceof String s && s.startsWith("$"))) {
                defaults.put(child.key(), child.defaultValue());
            }
        });
        List<?> list = value instanceof List<?> l ? l : null;
        if (list == null && table.minItems() != null && editable) {
            // a new record starts with the rows it must have, rather than an error on first save
            list = Collections.nCopies(Math.min(table.minItems(), MAX_STARTING_ROWS), defaults);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; list != null && i < list.size(); i++) {
            Map<?, ?> row = list.get(i) instanceof Map<?, ?> m ? m : Map.of();
            rows.add(row(table, String.valueOf(i), row, editable));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("columns", columns);
        out.put("rows", rows);
        out.put("blank", row(table, ROW_MARK, defaults, editable));
        out.put("editable", editable);
        out.put("min", table.minItems() == null ? 0 : table.minItems());
        out.put("max", table.maxItems() == null ? 0 : table.maxItems());
        return out;
    }

    private Map<String, Object> row(Field table, String index, Map<?, ?> values, boolean editable) {
        List<Map<String, Object>> cells = new ArrayList<>();
        for (Field child : table.children()) {
            String name = table.key() + "[" + index + "]." + child.key();
            Map<String, Object> cell = control(child, name, "f-" + table.key() + "-" + index + "-" + child.key(),
                    values.get(child.key()), editable && !child.isSystemSet(), table, values, index);
            cell.put("error", errors.at(name));
            cells.add(cell);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("index", index);
        row.put("id", values.get("id") == null ? "" : values.get("id").toString());
        row.put("idName", table.key() + "[" + index + "].id");
        row.put("error", errors.at(table.key() + "[" + index + "]"));
        row.put("cells", cells);
        return row;
    }

    private static Map<String, Object> option(String value, String label, boolean selected) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", value);
        out.put("label", label);
        out.put("selected", selected);
        return out;
    }
}
