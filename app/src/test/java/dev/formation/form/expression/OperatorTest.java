package dev.formation.form.expression;

import static dev.formation.form.expression.Fixtures.eval;
import static dev.formation.form.expression.Fixtures.number;
import static dev.formation.form.expression.Fixtures.vars;
import static dev.formation.form.expression.NumberAssertions.assertNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperatorTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "1 + 2 * 3            ; 7",
        "(1 + 2) * 3          ; 9",
        "10 - 4 - 3           ; 3",
        "100 / 10 / 5         ; 2",
        "2 * 3 % 4            ; 2",
        "-2 * 3               ; -6",
        "- (2 + 3)            ; -5",
        "--4                  ; 4",
        "2 - -3               ; 5",
        "7 % 3                ; 1",
        "1.5 + 2.25           ; 3.75",
        "amount * price - 1   ; 29",
    })
    void arithmeticFollowsPrecedenceAndAssociativity(String source, String expected) {
        assertNumber(expected, eval(source, vars("amount", 5, "price", 6)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "true || false && false          ; true",
        "(true || false) && false        ; false",
        "false or true and true          ; true",
        "1 + 2 == 3 && 2 < 1 || 3 >= 3   ; true",
        "!1 == 2                         ; true",
        "not 1 == 1                      ; false",
        "not false and false             ; false",
        "!false && !false                ; true",
        "2 in [1, 2] == true             ; true",
        "1 + 2 in [3]                    ; true",
        "true == 2 in [2]                ; true",
        "3 not in [1, 2]                 ; true",
        "2 not in [1, 2]                 ; false",
        "(1 < 2) == (2 < 3)              ; true",
        "1 != 2                          ; true",
        "2 <= 2 && 2 >= 2 && !(2 > 2)    ; true",
    })
    void logicAndComparisonFollowPrecedence(String source, boolean expected) {
        assertEquals(expected, eval(source));
    }

    @Test
    void divisionKeepsTenDecimalsRoundingHalfUp() {
        assertEquals(number("2.5000000000"), eval("10 / 4"));
        assertEquals(number("0.6666666667"), eval("2 / 3"));
        assertEquals(number("-0.6666666667"), eval("-2 / 3"));
    }

    @Test
    void divisionAndRemainderByZeroAreNull() {
        assertNull(eval("1 / 0"));
        assertNull(eval("1 % 0.0"));
        assertNull(eval("amount / price", vars("amount", 3, "price", 0)));
    }

    @Test
    void numbersCompareByValueNotScale() {
        assertEquals(true, eval("1 == 1.0"));
        assertEquals(true, eval("amount == 2", vars("amount", 2.0d)));
        assertEquals(false, eval("1 != 1.00"));
        assertEquals(true, eval("10 / 4 == 2.5"));
    }

    @Test
    void javaNumbersInVariablesBecomeBigDecimal() {
        assertEquals(number("10"), eval("amount * 2", vars("amount", 5)));
        assertNumber("0.3", eval("amount + price", vars("amount", 0.1d, "price", 0.2d)));
        assertNumber("3000000000", eval("amount", vars("amount", 3_000_000_000L)));
        assertNull(eval("amount", vars("amount", Double.NaN)));
    }

    @Test
    void logicalOperatorsReturnBooleansAndShortCircuit() {
        assertEquals(true, eval("amount || false", vars("amount", 3)));
        assertEquals(false, eval("name && true", vars("name", "")));
        assertEquals(false, eval("false && 1 / 0 == null"));
        assertEquals(true, eval("true || 1 / 0 == 1"));
    }

    @Test
    void listsCompareElementByElement() {
        assertEquals(true, eval("[1, 2] == [1.0, 2]"));
        assertEquals(false, eval("[1, 2] == [2, 1]"));
        assertEquals(false, eval("[1] == [1, 1]"));
    }

    @Test
    void inUsesValueEquality() {
        assertEquals(true, eval("1.0 in [1, 2]"));
        assertEquals(true, eval("null in [1, null]"));
        assertEquals(false, eval("'1' in [1]"));
        assertEquals(true, eval("'vip' in tags", Map.of("tags", List.of("new", "vip"))));
    }
}
