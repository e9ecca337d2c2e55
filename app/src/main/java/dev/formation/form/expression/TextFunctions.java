package dev.formation.form.expression;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** {@code len}, {@code contains}, {@code startsWith}, {@code lower}, {@code upper}, {@code trim}. */
final class TextFunctions {

    private TextFunctions() {
    }

    /** Counts characters as people see them, so a character outside the BMP counts once. */
    static Object len(List<Object> arguments, Clock clock) {
        Object value = arguments.get(0);
        if (value == null) {
            return BigDecimal.ZERO;
        }
        if (value instanceof String) {
            String s = (String) value;
            return BigDecimal.valueOf(s.codePointCount(0, s.length()));
        }
        return value instanceof List ? BigDecimal.valueOf(((List<?>) value).size()) : null;
    }

    /** Substring test on strings, element test on lists; a missing haystack contains nothing. */
    static Object contains(List<Object> arguments, Clock clock) {
        Object haystack = arguments.get(0);
        Object needle = arguments.get(1);
        if (haystack == null) {
            return false;
        }
        if (haystack instanceof List) {
            return Values.containsElement((List<?>) haystack, needle);
        }
        if (haystack instanceof String) {
            if (needle == null) {
                return false;
            }
            return needle instanceof String ? ((String) haystack).contains((String) needle) : null;
        }
        return null;
    }

    static Object startsWith(List<Object> arguments, Clock clock) {
        Object s = arguments.get(0);
        Object prefix = arguments.get(1);
        if (s == null || prefix == null) {
            return false;
        }
        if (s instanceof String && prefix instanceof String) {
            return ((String) s).startsWith((String) prefix);
        }
        return null;
    }

    static Object lower(List<Object> arguments, Clock clock) {
        Object s = arguments.get(0);
        return s instanceof String ? ((String) s).toLowerCase(Locale.ROOT) : null;
    }

    static Object upper(List<Object> arguments, Clock clock) {
        Object s = arguments.get(0);
        return s instanceof String ? ((String) s).toUpperCase(Locale.ROOT) : null;
    }

    /** Strips Unicode white space too, such as the ideographic space of Chinese input methods. */
    static Object trim(List<Object> arguments, Clock clock) {
        Object s = arguments.get(0);
        return s instanceof String ? ((String) s).strip() : null;
    }
}
