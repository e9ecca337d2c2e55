package dev.formation.imports;

import dev.formation.core.FieldError;
import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.form.Option;
import dev.formation.form.PlatformColumns;
import dev.formation.i18n.Texts;
import dev.formation.record.RecordImports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a person typed into a cell, as the value the record service takes: an option's label (in
 * either language) or key, a user's name or username, a department's name or key, a referenced
 * record's code, title or {@code #id}, dates as spreadsheets and people write them, 是/否. A cell
 * it cannot read becomes a field error naming what it expected; the record service judges the
 * rest (required, lengths, formats) as for any input. One reader serves one import: it keeps
 * what it looked up.
 */
final class CellReader {

    private static final Pattern LIST_SEPARATORS = Pattern.compile("\\s*[,，、;；]\\s*");
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ofPattern("yyyy-M-d"),
            DateTimeFormatter.ofPattern("yyyy/M/d"), DateTimeFormatter.ofPattern("yyyy.M.d"),
            DateTimeFormatter.ofPattern("yyyyMMdd"), DateTimeFormatter.ofPattern("yyyy年M月d日"));
    private static final List<DateTimeFormatter> TIMES = List.of(DateTimeFormatter.ofPattern("yyyy-M-d H:mm[:ss]"),
            DateTimeFormatter.ofPattern("yyyy/M/d H:mm[:ss]"), DateTimeFormatter.ofPattern("yyyy-M-d'T'H:mm[:ss]"));
    private static final Set<String> YES = Set.of("是", "yes", "y", "true", "1", "√", "✓");
    private static final Set<String> NO = Set.of("否", "no", "n", "false", "0", "×", "✗");

    private final FormCatalog forms;
    private final RecordImports records;
    private final Locale locale;
    private final Map<String, String> usernames = new HashMap<>();
    private final Set<String> ambiguousUsers = new java.util.HashSet<>();
    private final Map<String, String> departments = new HashMap<>();
    private final Set<String> ambiguousDepartments = new java.util.HashSet<>();
    private final Map<String, Map<String, Optional<Long>>> references = new HashMap<>();

    CellReader(FormCatalog forms, RecordImports records, Map<String, String> userNames,
               Map<String, String> departmentNames, Locale locale) {
        this.forms = forms;
        this.records = records;
        this.locale = locale;
        index(userNames, usernames, ambiguousUsers);
        index(departmentNames, departments, ambiguousDepartments);
    }

    /** key → key and name → key, a name two entries share marked ambiguous (the key still works). */
    private static void index(Map<String, String> names, Map<String, String> out, Set<String> ambiguous) {
        names.forEach((key, name) -> {
            if (name != null && !name.equals(key)) {
                String known = out.putIfAbsent(name, key);
                if (known != null && !known.equals(key)) {
                    ambiguous.add(name);
                }
            }
        });
        names.keySet().forEach(key -> {
            out.put(key, key);
            ambiguous.remove(key);
        });
    }

    /** The value of {@code text} for {@code field}; null for an empty cell or one in error (added to {@code errors}). */
    Object read(Field field, String text, String path, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String label = field.label().in(locale);
        try {
            return switch (field.valueType()) {
                case SELECT -> option(field, text).map(k -> (Object) k).orElseGet(() -> fail(errors, path, "import.error.option", label,
                        text, allowed(field)));
                case MULTISELECT -> {
                    List<String> keys = new ArrayList<>();
                    for (String part : LIST_SEPARATORS.split(text)) {
                        Optional<String> key = option(field, part);
                        if (key.isEmpty()) {
                            yield fail(errors, path, "import.error.option", label, part, allowed(field));
                        }
                        keys.add(key.get());
                    }
                    yield keys;
                }
                case BOOLEAN -> {
                    String t = text.strip().toLowerCase(Locale.ROOT);
                    if (YES.contains(t) || t.equals(Texts.get(locale, "page.yes").toLowerCase(Locale.ROOT))) {
                        yield Boolean.TRUE;
                    }
                    if (NO.contains(t) || t.equals(Texts.get(locale, "page.no").toLowerCase(Locale.ROOT))) {
                        yield Boolean.FALSE;
                    }
                    yield fail(errors, path, "import.error.boolean", label, text);
                }
                case INTEGER, NUMBER, MONEY, PERCENT -> number(field, text, path, errors);
                case DATE -> date(text).map(d -> (Object) d.toString())
                        .orElseGet(() -> fail(errors, path, "import.error.date", label, text));
                case DATETIME -> dateTime(text).map(d -> (Object) d.toString())
                        .orElseGet(() -> fail(errors, path, "import.error.dateTime", label, text));
                case USER -> named(usernames, ambiguousUsers, text).map(u -> (Object) u).orElseGet(() ->
                        fail(errors, path, ambiguousUsers.contains(text) ? "import.error.userAmbiguous"
                                : "import.error.user", label, text));
                case DEPARTMENT -> named(departments, ambiguousDepartments, text).map(d -> (Object) d).orElseGet(() ->
                        fail(errors, path, ambiguousDepartments.contains(text) ? "import.error.departmentAmbiguous"
                                : "import.error.department", label, text));
                case REFERENCE -> reference(field, text).map(id -> (Object) id).orElseGet(() ->
                        fail(errors, path, "import.error.reference", label, text,
                                forms.form(field.referenceForm()).map(f -> f.label().in(locale))
                                        .orElse(field.referenceForm())));
                case ADDRESS -> Map.of("text", text);
                default -> text;
            };
        } catch (RuntimeException e) {
            // a value no parser above could make sense of: the cell is in error, the import goes on
            return fail(errors, path, "import.error.unreadable", label, text);
        }
    }

    private <T> T fail(List<FieldError> errors, String path, String key, Object... args) {
        errors.add(new FieldError(path, Texts.get(locale, key, args)));
        return null;
    }

    private Optional<String> option(Field field, String text) {
        String t = text.strip();
        for (Option option : field.options()) {
            if (option.key().equals(t)) {
                return Optional.of(option.key());
            }
        }
        for (Option option : field.options()) {
            for (Locale l : Texts.SUPPORTED) {
                if (option.label().in(l).equalsIgnoreCase(t)) {
                    return Optional.of(option.key());
                }
            }
        }
        return Optional.empty();
    }

    private String allowed(Field field) {
        return String.join("、", field.options().stream().map(o -> o.label().in(locale)).toList());
    }

    private Object number(Field field, String text, String path, List<FieldError> errors) {
        String t = text.strip().replace(",", "").replace("，", "").replace("¥", "").replace("￥", "");
        boolean percent = t.endsWith("%");
        if (percent) {
            t = t.substring(0, t.length() - 1).strip();
        }
        BigDecimal number;
        try {
            number = new BigDecimal(t);
        } catch (NumberFormatException e) {
            return fail(errors, path, "import.error.number", field.label().in(locale), text);
        }
        if (percent && field.valueType() != dev.formation.form.FieldType.PERCENT) {
            number = number.movePointLeft(2);
        }
        if (field.valueType() == dev.formation.form.FieldType.INTEGER) {
            try {
                return number.longValueExact();
            } catch (ArithmeticException e) {
                return fail(errors, path, "import.error.integer", field.label().in(locale), text);
            }
        }
        return number;
    }

    static Optional<LocalDate> date(String text) {
        String t = text.strip();
        for (DateTimeFormatter f : DATES) {
            try {
                return Optional.of(LocalDate.parse(t, f));
            } catch (DateTimeParseException e) {
                // try the next way of writing a date
            }
        }
        return dateTime(t).map(LocalDateTime::toLocalDate);
    }

    static Optional<LocalDateTime> dateTime(String text) {
        String t = text.strip();
        for (DateTimeFormatter f : TIMES) {
            try {
                return Optional.of(LocalDateTime.parse(t, f));
            } catch (DateTimeParseException e) {
                // try the next way of writing a time
            }
        }
        return Optional.empty();
    }

    private static Optional<String> named(Map<String, String> index, Set<String> ambiguous, String text) {
        String t = text.strip();
        if (ambiguous.contains(t)) {
            return Optional.empty();
        }
        return Optional.ofNullable(index.get(t));
    }

    /** A live record of the referenced form by {@code #id}, code or title; one that several titles share is not found. */
    private Optional<Long> reference(Field field, String text) {
        String t = text.strip();
        Map<String, Optional<Long>> known = references.computeIfAbsent(field.referenceForm(), k -> new HashMap<>());
        return known.computeIfAbsent(t, value -> {
            Form target = forms.form(field.referenceForm()).orElse(null);
            if (target == null) {
                return Optional.empty();
            }
            if (value.matches("#\\d{1,18}")) {
                long id = Long.parseLong(value.substring(1));
                return records.idsHolding(target, PlatformColumns.ID, List.of(id)).isEmpty()
                        ? Optional.empty() : Optional.of(id);
            }
            for (String column : List.of(PlatformColumns.CODE, target.titleField())) {
                if (column == null || (target.field(column).isEmpty() && !PlatformColumns.CODE.equals(column))) {
                    continue;
                }
                List<Long> ids = records.idsHolding(target, column, List.of(value)).getOrDefault(value, List.of());
                if (ids.size() == 1) {
                    return Optional.of(ids.get(0));
                }
            }
            return Optional.empty();
        });
    }
}
