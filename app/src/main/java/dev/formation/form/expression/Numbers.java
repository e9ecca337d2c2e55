package dev.formation.form.expression;

import java.math.BigDecimal;

/** Number helpers shared by the functions. */
final class Numbers {

    private Numbers() {
    }

    static BigDecimal asNumber(Object value) {
        Object v = Values.normalize(value);
        return v instanceof BigDecimal ? (BigDecimal) v : null;
    }

    /**
     * The value as an int when it is a whole number within {@code [-limit, limit]}, else null;
     * the limit keeps scales and day counts in a range the JDK handles without exceptions.
     */
    static Integer wholeWithin(Object value, int limit) {
        BigDecimal d = asNumber(value);
        if (d == null || d.abs().compareTo(BigDecimal.valueOf(limit)) > 0) {
            return null;
        }
        BigDecimal stripped = d.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.intValue() : null;
    }
}
