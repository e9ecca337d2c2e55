package dev.formation.web.page.records;

import dev.formation.form.Field;
import dev.formation.form.FieldType;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A stored value as the text an input holds. */
final class InputText {

    private InputText() {
    }

    /** What an input shows: numbers without exponents, date-times as {@code datetime-local} wants them. */
    static String of(Field field, Object value) {
        if (value == null || value instanceof List<?> || value instanceof Map<?, ?>) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        String text = value.toString();
        if (field.valueType() == FieldType.DATETIME && text.matches("^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}.*")) {
            String iso = text.replace(' ', 'T');
            return iso.length() == 16 ? iso + ":00" : iso.substring(0, Math.min(iso.length(), 19));
        }
        return text;
    }

    static String plain(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }
}
