package dev.formation.web.export;

import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.Option;
import dev.formation.form.PlatformColumns;
import dev.formation.i18n.Texts;
import dev.formation.store.FileStore;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stored values as the cells a person reads: option labels instead of keys, users' and
 * departments' names, referenced records' titles, file names; numbers and dates stay typed.
 * Unknown keys (an option since removed, a deleted user) show as stored rather than vanish.
 */
final class CellValues {

    /** The names one page of rows needs; users and departments are whole maps read once per export. */
    record Names(Map<String, String> users, Map<String, String> departments, Map<String, Map<Long, String>> titles,
                 Map<String, FileStore.StoredFile> files) {
    }

    private final Form form;
    private final Locale locale;

    CellValues(Form form, Locale locale) {
        this.form = form;
        this.locale = locale;
    }

    /** The cell of a main-sheet column (a platform column or a field). */
    Cell of(ExportColumn column, Map<String, Object> row, Names names) {
        Object value = row.get(column.key());
        if (column.field() != null) {
            return of(column.field(), value, names);
        }
        if (value == null) {
            return null;
        }
        return switch (column.key()) {
            case PlatformColumns.OWNER, PlatformColumns.CREATED_BY, PlatformColumns.UPDATED_BY ->
                    text(names.users().getOrDefault(value.toString(), value.toString()));
            case PlatformColumns.STATUS -> form.statusField().map(f -> of(f, value, names)).orElse(text(value.toString()));
            case PlatformColumns.CREATED_AT, PlatformColumns.UPDATED_AT -> new Cell.Moment(LocalDateTime.parse(value.toString()));
            case PlatformColumns.ID, PlatformColumns.VERSION -> number(value, Cell.NumberKind.INTEGER);
            default -> text(value.toString());
        };
    }

    Cell of(Field field, Object value, Names names) {
        if (value == null || (value instanceof String s && s.isEmpty()) || (value instanceof List<?> l && l.isEmpty())) {
            return null;
        }
        return switch (field.valueType()) {
            case SELECT -> text(label(field, value));
            case MULTISELECT -> text(String.join(", ", each(value).stream().map(v -> label(field, v)).toList()));
            case USER -> text(names.users().getOrDefault(value.toString(), value.toString()));
            case DEPARTMENT -> text(names.departments().getOrDefault(value.toString(), value.toString()));
            case REFERENCE -> text(title(field, value, names));
            case BOOLEAN -> text(Texts.get(locale, Boolean.TRUE.equals(value) ? "page.yes" : "page.no"));
            case MONEY -> number(value, Cell.NumberKind.MONEY);
            case PERCENT -> number(value, Cell.NumberKind.PERCENT);
            case INTEGER -> number(value, Cell.NumberKind.INTEGER);
            case NUMBER -> number(value, Cell.NumberKind.DECIMAL);
            case DATE -> new Cell.Day(LocalDate.parse(value.toString()));
            case DATETIME -> new Cell.Moment(LocalDateTime.parse(value.toString()));
            case ADDRESS -> value instanceof Map<?, ?> m ? (m.get("text") == null ? null : text(m.get("text").toString()))
                    : text(value.toString());
            case ATTACHMENT, IMAGE -> text(String.join(", ", each(value).stream().map(id -> {
                FileStore.StoredFile stored = names.files().get(String.valueOf(id));
                return stored == null ? String.valueOf(id) : stored.name();
            }).toList()));
            default -> text(value.toString());
        };
    }

    private String label(Field field, Object key) {
        Option option = field.option(String.valueOf(key));
        return option == null ? String.valueOf(key) : option.label().in(locale);
    }

    private static String title(Field field, Object value, Names names) {
        String title = value instanceof Number n
                ? names.titles().getOrDefault(field.referenceForm(), Map.of()).get(n.longValue()) : null;
        return title == null || title.isBlank() ? "#" + value : title;
    }

    private static List<Object> each(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : List.of(value);
    }

    private static Cell text(String text) {
        return new Cell.Text(text);
    }

    private static Cell number(Object value, Cell.NumberKind kind) {
        BigDecimal number = value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
        return new Cell.Decimal(number, kind);
    }
}
