package dev.formation.form.expression;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The run-time value model: how variables are normalised, what is truthy, when two values are
 * equal or ordered, and how members are read. Nothing here calls a method chosen by the
 * expression; member access only ever reads a {@link Map} key.
 */
final class Values {

    private Values() {
    }

    /** Numbers become BigDecimal (non-finite doubles become null); other values are kept. */
    static Object normalize(Object value) {
        if (!(value instanceof Number) || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof BigInteger) {
            return new BigDecimal((BigInteger) value);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        double d = ((Number) value).doubleValue();
        return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
    }

    static boolean truthy(Object value) {
        Object v = normalize(value);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).signum() != 0;
        }
        if (v instanceof String) {
            return !((String) v).isEmpty();
        }
        if (v instanceof Collection) {
            return !((Collection<?>) v).isEmpty();
        }
        if (v instanceof Map) {
            return !((Map<?, ?>) v).isEmpty();
        }
        return true;
    }

    static boolean isEmpty(Object value) {
        return value == null
                || (value instanceof String && ((String) value).isEmpty())
                || (value instanceof Collection && ((Collection<?>) value).isEmpty())
                || (value instanceof Map && ((Map<?, ?>) value).isEmpty());
    }

    /** Equality as {@code ==} sees it: numbers by value (1 == 1.0), lists element by element. */
    static boolean equal(Object left, Object right) {
        Object a = normalize(left);
        Object b = normalize(right);
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof BigDecimal && b instanceof BigDecimal) {
            return ((BigDecimal) a).compareTo((BigDecimal) b) == 0;
        }
        if (a instanceof List && b instanceof List) {
            return equalLists((List<?>) a, (List<?>) b);
        }
        return a.equals(b);
    }

    private static boolean equalLists(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!equal(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code list} holds an element equal to {@code value}; works for lists holding null. */
    static boolean containsElement(List<?> list, Object value) {
        for (Object element : list) {
            if (equal(element, value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The order of two non-null values of the same orderable kind, or null when they are of
     * different kinds (the caller turns that into a null result rather than an exception).
     */
    static Integer compare(Object left, Object right) {
        Object a = normalize(left);
        Object b = normalize(right);
        if (a instanceof BigDecimal && b instanceof BigDecimal) {
            return ((BigDecimal) a).compareTo((BigDecimal) b);
        }
        if (a instanceof String && b instanceof String) {
            return ((String) a).compareTo((String) b);
        }
        if (a instanceof LocalDate && b instanceof LocalDate) {
            return ((LocalDate) a).compareTo((LocalDate) b);
        }
        if (a instanceof LocalDateTime && b instanceof LocalDateTime) {
            return ((LocalDateTime) a).compareTo((LocalDateTime) b);
        }
        return null;
    }

    /**
     * Reads {@code name} from a map; on a list, reads it from every element, flattening elements
     * whose member is itself a list so that {@code orders.items.price} is one list of prices.
     * Anything else has no members and yields null.
     */
    static Object member(Object target, String name) {
        if (target instanceof Map) {
            return normalize(((Map<?, ?>) target).get(name));
        }
        if (!(target instanceof List)) {
            return null;
        }
        List<Object> result = new ArrayList<>();
        for (Object element : (List<?>) target) {
            Object value = element instanceof Map ? normalize(((Map<?, ?>) element).get(name)) : null;
            if (value instanceof List) {
                result.addAll((List<?>) value);
            } else {
                result.add(value);
            }
        }
        return Collections.unmodifiableList(result);
    }

    /** How a value reads inside a concatenated string; null reads as nothing. */
    static String text(Object value) {
        Object v = normalize(value);
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal) {
            BigDecimal d = ((BigDecimal) v).stripTrailingZeros();
            return d.toPlainString();
        }
        return v.toString();
    }

    /** Values that read naturally in a string: not lists, maps or foreign objects. */
    static boolean isScalar(Object value) {
        Object v = normalize(value);
        return v == null || v instanceof String || v instanceof BigDecimal || v instanceof Boolean
                || v instanceof LocalDate || v instanceof LocalDateTime;
    }
}
