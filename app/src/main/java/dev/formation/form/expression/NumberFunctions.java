package dev.formation.form.expression;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;

/** {@code round} and {@code abs}. */
final class NumberFunctions {

    /** More decimals than any form shows; also stops {@code round(x, 1e9)} allocating huge numbers. */
    static final int MAX_ROUNDING_SCALE = 100;

    private NumberFunctions() {
    }

    /** Half-up, so {@code round(2.5)} is 3 and {@code round(-2.5)} is -3, as people round money. */
    static Object round(List<Object> arguments, Clock clock) {
        BigDecimal value = Numbers.asNumber(arguments.get(0));
        Integer scale = arguments.size() > 1 ? Numbers.wholeWithin(arguments.get(1), MAX_ROUNDING_SCALE) : Integer.valueOf(0);
        if (value == null || scale == null) {
            return null;
        }
        return value.setScale(scale, RoundingMode.HALF_UP);
    }

    static Object abs(List<Object> arguments, Clock clock) {
        BigDecimal value = Numbers.asNumber(arguments.get(0));
        return value == null ? null : value.abs();
    }
}
