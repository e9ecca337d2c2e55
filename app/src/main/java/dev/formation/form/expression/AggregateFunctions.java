package dev.formation.form.expression;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * {@code count}, {@code sum}, {@code avg}, {@code min} and {@code max}. Null elements are
 * skipped, as SQL aggregates do, because list members of half-filled sub-form rows are null.
 */
final class AggregateFunctions {

    private AggregateFunctions() {
    }

    /** Non-null elements; {@code len} gives the size including nulls. */
    static Object count(List<Object> arguments, Clock clock) {
        Object list = arguments.get(0);
        if (list == null) {
            return BigDecimal.ZERO;
        }
        if (!(list instanceof List)) {
            return null;
        }
        long count = ((List<?>) list).stream().filter(Objects::nonNull).count();
        return BigDecimal.valueOf(count);
    }

    /** Zero for an empty or missing list, so totals of an empty table read 0. */
    static Object sum(List<Object> arguments, Clock clock) {
        Object list = arguments.get(0);
        if (list == null) {
            return BigDecimal.ZERO;
        }
        return list instanceof List ? total((List<?>) list) : null;
    }

    /** Null when there is nothing to average. */
    static Object avg(List<Object> arguments, Clock clock) {
        Object list = arguments.get(0);
        if (!(list instanceof List)) {
            return null;
        }
        BigDecimal total = total((List<?>) list);
        long count = ((List<?>) list).stream().filter(Objects::nonNull).count();
        if (total == null || count == 0) {
            return null;
        }
        return total.divide(BigDecimal.valueOf(count), Operations.DIVISION_SCALE, RoundingMode.HALF_UP);
    }

    private static BigDecimal total(List<?> list) {
        BigDecimal total = BigDecimal.ZERO;
        for (Object element : list) {
            if (element == null) {
                continue;
            }
            BigDecimal number = Numbers.asNumber(element);
            if (number == null) {
                return null;
            }
            total = total.add(number);
        }
        return total;
    }

    static Object min(List<Object> arguments, Clock clock) {
        return extreme(arguments, -1);
    }

    static Object max(List<Object> arguments, Clock clock) {
        return extreme(arguments, 1);
    }

    /**
     * Over the elements of a single list argument, otherwise over the arguments; null when
     * nothing is left after skipping nulls or when the values cannot be ordered together.
     */
    private static Object extreme(List<Object> arguments, int direction) {
        List<?> candidates = arguments.size() == 1 && arguments.get(0) instanceof List
                ? (List<?>) arguments.get(0)
                : arguments;
        Object best = null;
        for (Object element : candidates) {
            Object value = Values.normalize(element);
            if (value == null) {
                continue;
            }
            if (best == null) {
                if (Values.compare(value, value) == null) {
                    return null;
                }
                best = value;
                continue;
            }
            Integer order = Values.compare(value, best);
            if (order == null) {
                return null;
            }
            if (Integer.signum(order) == direction) {
                best = value;
            }
        }
        return best;
    }
}
