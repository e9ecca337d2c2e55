package dev.formation.imports;

import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.i18n.Texts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which fields of a form a spreadsheet may fill, and how the sheets name them: the main sheet has
 * a column per importable field (its label, {@code *} when required), each sub-table a sheet of
 * its own (named as the table) whose first column is the row of the main sheet its rows belong
 * to. Headers are matched in either language, or by field key, so a file made in English imports
 * for a Chinese user too.
 */
record ImportLayout(Form form, List<Field> fields, List<Field> tables) {

    /** Marks a required column in the template; ignored when reading a header. */
    static final String REQUIRED_MARK = " *";

    /** The columns of the errors sheet that the import reads past (they are not fields). */
    static final List<String> NOTE_HEADER_KEYS = List.of("import.column.sourceRow", "import.column.errors");

    static ImportLayout of(Form form, Set<String> hidden) {
        List<Field> fields = new ArrayList<>();
        List<Field> tables = new ArrayList<>();
        for (Field field : form.fields()) {
            if (hidden.contains(field.key())) {
                continue;
            }
            if (field.isTable()) {
                if (!importable(field.children()).isEmpty()) {
                    tables.add(field);
                }
            } else if (importable(field)) {
                fields.add(field);
            }
        }
        return new ImportLayout(form, List.copyOf(fields), List.copyOf(tables));
    }

    /** A person types the value: not generated, not set by a flow, not a file. */
    static boolean importable(Field field) {
        return !field.isSystemSet() && !field.type().isFiles() && !field.isTable()
                && !"status".equals(field.key());
    }

    static List<Field> importable(List<Field> children) {
        return children.stream().filter(ImportLayout::importable).toList();
    }

    static String header(Field field, Locale locale) {
        return field.label().in(locale) + (field.required() ? REQUIRED_MARK : "");
    }

    /** The first column of a sub-table's sheet: the main sheet's row its rows belong to. */
    static String parentRowHeader(Form form, Locale locale) {
        return Texts.get(locale, "import.column.parentRow", form.label().in(locale));
    }

    /** The field a header names among {@code candidates}: its label in a supported language, or its key. */
    static Optional<Field> match(String header, List<Field> candidates) {
        String name = bare(header);
        for (Field field : candidates) {
            if (field.key().equalsIgnoreCase(name)) {
                return Optional.of(field);
            }
            for (Locale locale : Texts.SUPPORTED) {
                if (field.label().in(locale).equalsIgnoreCase(name)) {
                    return Optional.of(field);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether a header is one of the notes the errors sheet adds (in either language). */
    static boolean isNote(String header) {
        String name = bare(header);
        return NOTE_HEADER_KEYS.stream().anyMatch(key -> Texts.SUPPORTED.stream()
                .anyMatch(locale -> Texts.get(locale, key).equalsIgnoreCase(name)));
    }

    static boolean isParentRow(String header, Form form) {
        String name = bare(header);
        return Texts.SUPPORTED.stream().anyMatch(locale -> parentRowHeader(form, locale).equalsIgnoreCase(name));
    }

    /** The sub-table a sheet's name names, in either language or by key. */
    Optional<Field> table(String sheetName) {
        return match(sheetName, tables);
    }

    static String bare(String header) {
        String name = header == null ? "" : header.strip();
        while (name.endsWith("*")) {
            name = name.substring(0, name.length() - 1).strip();
        }
        return name;
    }

    /** Whether a field takes a value from a list (its drop-down in the template). */
    static boolean isChoice(Field field) {
        return field.valueType() == FieldType.SELECT || field.valueType() == FieldType.BOOLEAN;
    }
}
