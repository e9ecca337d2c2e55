package dev.formation.web.page.records;

import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import dev.formation.web.page.FieldRights;
import dev.formation.web.protection.FormBody;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a posted edit form into the same value map the JSON API takes, so the record service
 * sees one shape whichever way a record arrives. Only the form's own editable fields are read.
 * Text that should be a number but is not stays text: the service's schema check then reports
 * a type error in the user's language rather than this class inventing its own message.
 */
final class PostedRecord {

    private static final Pattern ROW_KEY = Pattern.compile("^([A-Za-z0-9_]+)\\[(\\d{1,6})\\]\\.(.+)$");

    private PostedRecord() {
    }

    /**
     * @param creating a new record: a required field left empty is left out, so the service
     *                 answers "required" (and applies a default) rather than "null is not text";
     *                 on an update an emptied field must be sent as null to clear it
     * @param rights   fields the user may not change are not read, whatever was posted
     */
    static Map<String, Object> read(Form form, FormBody body, boolean creating, FieldRights rights) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field field : form.fields()) {
            if (!rights.editable(field)) {
                continue;
            }
            if (field.isTable()) {
                List<Map<String, Object>> rows = rows(field, body);
                if (rows != null) {
                    out.put(field.key(), rows);
                }
            } else if (sent(field, field.key(), body)) {
                Object value = value(field, field.key(), body);
                if (value != null || !creating || !field.required()) {
                    out.put(field.key(), value);
                }
            }
        }
        String version = body.first(PlatformColumns.VERSION);
        if (version != null) {
            out.put(PlatformColumns.VERSION, whole(version));
        }
        return out;
    }

    /**
     * A table's rows in the order of their indexes, or null when the page had no such table.
     * The bare table key is sent by the page even with no rows, so deleting every row is seen.
     */
    private static List<Map<String, Object>> rows(Field table, FormBody body) {
        TreeSet<Integer> indexes = new TreeSet<>();
        for (String key : body.keys()) {
            Matcher m = ROW_KEY.matcher(key);
            if (m.matches() && m.group(1).equals(table.key())) {
                indexes.add(Integer.parseInt(m.group(2)));
            }
        }
        if (indexes.isEmpty() && !body.has(table.key())) {
            return null;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int index : indexes) {
            String prefix = table.key() + "[" + index + "].";
            Map<String, Object> row = new LinkedHashMap<>();
            Object id = whole(body.first(prefix + "id"));
            if (id != null) {
                row.put("id", id);
            }
            for (Field child : table.children()) {
                if (child.isSystemSet() || !sent(child, prefix + child.key(), body)) {
                    continue;
                }
                Object value = value(child, prefix + child.key(), body);
                // a new row left blank takes the field's default, as it would through the API
                if (value != null || id != null) {
                    row.put(child.key(), value);
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private static boolean sent(Field field, String name, FormBody body) {
        return switch (field.valueType()) {
            case ADDRESS -> body.has(name + ".text") || body.has(name + ".lng") || body.has(name + ".lat");
            default -> body.has(name);
        };
    }

    private static Object value(Field field, String name, FormBody body) {
        return switch (field.valueType()) {
            case NUMBER, MONEY, PERCENT -> decimal(text(body.first(name)));
            case INTEGER, REFERENCE -> whole(body.first(name));
            case BOOLEAN -> bool(body.last(name));
            case DATETIME -> dateTime(text(body.first(name)));
            case MULTISELECT, ATTACHMENT, IMAGE -> list(body.all(name));
            case ADDRESS -> address(name, body);
            default -> text(body.first(name));
        };
    }

    private static String text(String raw) {
        if (raw == null) {
            return null;
        }
        String trimmed = raw.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static Object decimal(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.replace(",", ""));
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static Object whole(String raw) {
        Object number = decimal(text(raw));
        if (number instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                return raw.strip();
            }
        }
        return number;
    }

    private static Object bool(String raw) {
        String text = text(raw);
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "true", "on" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> text;
        };
    }

    /**
     * In the form records hold date-times ({@code LocalDateTime.toString()}, zero seconds
     * omitted), so saving an unchanged page changes nothing; text that is no date-time stays
     * as typed for the service to refuse.
     */
    private static String dateTime(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.replace(' ', 'T')).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    private static List<String> list(List<String> raw) {
        List<String> out = raw.stream().map(PostedRecord::text).filter(v -> v != null).distinct().toList();
        return out.isEmpty() ? null : out;
    }

    private static Map<String, Object> address(String name, FormBody body) {
        String text = text(body.first(name + ".text"));
        Object lng = decimal(text(body.first(name + ".lng")));
        Object lat = decimal(text(body.first(name + ".lat")));
        if (text == null && lng == null && lat == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("text", text);
        out.put("lng", lng);
        out.put("lat", lat);
        return out;
    }
}
