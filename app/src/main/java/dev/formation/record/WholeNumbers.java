package dev.formation.record;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Whole numbers as clients send them (Integer, Long, BigInteger, or a BigDecimal such as
 * {@code 1e3}) read exactly into the 64-bit range every integer column has (BIGINT), so that
 * nothing wraps: {@code 18446744073709551615} is out of range, never −1.
 */
public final class WholeNumbers {

    /** The range of a BIGINT column, as messages show it. */
    public static final String RANGE = Long.MIN_VALUE + " .. " + Long.MAX_VALUE;

    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private WholeNumbers() {
    }

    /** The value as a long when it is a whole number within the 64-bit range; empty otherwise. */
    public static Optional<Long> exactLong(Object value) {
        BigInteger whole = whole(value);
        if (whole == null || whole.compareTo(MIN) < 0 || whole.compareTo(MAX) > 0) {
            return Optional.empty();
        }
        return Optional.of(whole.longValue());
    }

    /** Whether the value is a whole number (of any size). */
    public static boolean isWhole(Object value) {
        return whole(value) != null;
    }

    private static BigInteger whole(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger i) {
            return i;
        }
        if (value instanceof BigDecimal d) {
            // a huge exponent (1e999999999) is not worth expanding: it cannot be in range anyway
            if (d.signum() == 0) {
                return BigInteger.ZERO;
            }
            BigDecimal stripped = d.stripTrailingZeros();
            if (stripped.scale() > 0) {
                return null;
            }
            if (stripped.precision() - stripped.scale() > 20) {
                return stripped.signum() > 0 ? MAX.add(BigInteger.ONE) : MIN.subtract(BigInteger.ONE);
            }
            return stripped.toBigIntegerExact();
        }
        return null;
    }
}
