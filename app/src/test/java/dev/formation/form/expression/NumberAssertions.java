package dev.formation.form.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

/** Compares numbers by value, since the language treats 1 and 1.0 as the same number. */
final class NumberAssertions {

    private NumberAssertions() {
    }

    static void assertNumber(String expected, Object actual) {
        assertTrue(actual instanceof BigDecimal, () -> "expected a BigDecimal but got " + actual);
        assertEquals(0, new BigDecimal(expected).compareTo((BigDecimal) actual),
                () -> "expected " + expected + " but got " + actual);
    }
}
