package dev.formation.form;

import java.math.BigDecimal;

/**
 * The values a numeric field can hold: at most {@code scale} decimal places, between
 * {@code minimum} and {@code maximum}. The limits come from the storage the engine gives the
 * field and narrow further to what the form declares ({@code min}, {@code max}).
 *
 * <p>Decimals are stored as {@code DECIMAL(precision, scale)} with {@link #SIGNIFICANT_DIGITS}
 * digits: records travel as JSON numbers, which most clients (every browser) read as IEEE
 * doubles, and a double holds 15 significant decimal digits exactly. Whole numbers are
 * {@code BIGINT} columns, limited to the integers a double holds exactly (±(2<sup>53</sup>−1)).
 * So every value the server accepts reaches every client unchanged.
 */
public record NumberLimits(BigDecimal minimum, BigDecimal maximum, int scale, int precision) {

    /** Significant digits of every decimal column. */
    public static final int SIGNIFICANT_DIGITS = 15;

    /** The largest whole number a double holds exactly (JavaScript's Number.MAX_SAFE_INTEGER). */
    public static final BigDecimal MAX_SAFE_INTEGER = BigDecimal.valueOf(9_007_199_254_740_991L);

    /** What the column of a field of this type and scale can hold. */
    public static NumberLimits storage(FieldType type, int scale) {
        if (type == FieldType.INTEGER || type == FieldType.REFERENCE) {
            return new NumberLimits(MAX_SAFE_INTEGER.negate(), MAX_SAFE_INTEGER, 0, 16);
        }
        BigDecimal max = BigDecimal.TEN.pow(SIGNIFICANT_DIGITS - scale).subtract(BigDecimal.ONE.movePointLeft(scale));
        return new NumberLimits(max.negate(), max, scale, SIGNIFICANT_DIGITS);
    }

    /** The storage limits narrowed by declared bounds (either may be null). */
    public static NumberLimits of(FieldType type, int scale, BigDecimal declaredMin, BigDecimal declaredMax) {
        NumberLimits column = storage(type, scale);
        BigDecimal min = declaredMin == null ? column.minimum : declaredMin.max(column.minimum);
        BigDecimal max = declaredMax == null ? column.maximum : declaredMax.min(column.maximum);
        return new NumberLimits(min, max, column.scale, column.precision);
    }

    /** Digits before the decimal point. */
    public int integerDigits() {
        return precision - scale;
    }

    /** Whether a number fits: within the bounds and without more decimal places than allowed. */
    public boolean holds(BigDecimal value) {
        return value.compareTo(minimum) >= 0 && value.compareTo(maximum) <= 0 && decimalPlaces(value) <= scale;
    }

    /** Decimal places of a number as written, without trailing zeros (1.50 has 1, 1E+3 has 0). */
    public static int decimalPlaces(BigDecimal value) {
        return Math.max(0, value.stripTrailingZeros().scale());
    }
}
