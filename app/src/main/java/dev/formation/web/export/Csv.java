package dev.formation.web.export;

import java.util.List;
import java.util.Map;

/** RFC 4180 cells; a leading = + - @ is prefixed with ' so a spreadsheet never runs it as a formula. */
public final class Csv {

    private Csv() {
    }

    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof List<?> || value instanceof Map<?, ?> ? value.toString() : String.valueOf(value);
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
