package dev.formation.form.expression;

import static dev.formation.form.expression.Fixtures.eval;
import static dev.formation.form.expression.Fixtures.vars;
import static dev.formation.form.expression.NumberAssertions.assertNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NullHandlingTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "amount + 1", "amount * 2", "1 - amount", "amount / 2", "amount % 2", "-amount",
        "round(amount)", "abs(amount)", "upper(name)", "lower(name)", "trim(name)",
        "year(startDate)", "month(startDate)", "day(startDate)", "daysBetween(startDate, endDate)",
        "addDays(startDate, 1)", "addDays(date('2024-01-01'), amount)", "date(name)", "avg(tags)",
        "min(tags)", "max(amount, price)", "coalesce(amount, price)", "$user.username", "customer.address.city",
        "contacts.mobile", "anything.x.y"
    })
    void missingValuesGiveNull(String source) {
        assertNull(eval(source, Map.of()));
    }

    @Test
    void nullVariableMapIsTreatedAsEmpty() {
        assertNull(Fixtures.compile("amount + 1").evaluate(null, Fixtures.CLOCK));
    }

    @Test
    void equalityWorksWithNull() {
        assertEquals(true, eval("amount == null"));
        assertEquals(false, eval("amount != null"));
        assertEquals(false, eval("amount == 0"));
        assertEquals(true, eval("null == null"));
        assertEquals(true, eval("amount != null", vars("amount", 0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"amount < 1", "amount <= 1", "amount > 1", "amount >= 1", "1 > amount", "null < null"})
    void orderingWithNullIsFalse(String source) {
        assertEquals(false, eval(source));
    }

    @Test
    void emptyAggregatesOfMissingListsAreZero() {
        assertNumber("0", eval("sum(contacts.amount)"));
        assertNumber("0", eval("count(tags)"));
        assertNumber("0", eval("len(tags)"));
        assertNumber("0", eval("len(name)"));
    }

    @Test
    void missingMembersAreNull() {
        Map<String, Object> variables = Map.of("customer", Map.of("name", "ACME"), "$user", Map.of());
        assertEquals("ACME", eval("customer.name", variables));
        assertNull(eval("customer.address", variables));
        assertNull(eval("customer.address.city", variables));
        assertNull(eval("$user.username", variables));
    }

    @Test
    void missingOperandsOfBooleanFunctionsAreFalse() {
        assertEquals(false, eval("contains(name, 'x')"));
        assertEquals(false, eval("contains(tags, 'x')"));
        assertEquals(false, eval("startsWith(name, 'x')"));
        assertEquals(false, eval("'x' in tags"));
        assertEquals(true, eval("'x' not in tags"));
    }

    @Test
    void coalescePicksTheFirstPresentValue() {
        assertNumber("0", eval("coalesce(amount, 0)"));
        assertNumber("7", eval("coalesce(amount, price, 0)", vars("amount", null, "price", 7)));
    }

    @Test
    void runTimeTypeClashesOnUnknownTypesGiveNull() {
        Map<String, Object> text = vars("anything", "abc");
        assertNull(eval("anything * 2", text));
        assertNull(eval("-anything", text));
        assertNull(eval("anything > 1", text));
        assertNull(eval("1 in anything", text));
        assertNull(eval("year(anything)", text));
        assertNull(eval("sum(anything)", text));
        assertNull(eval("round(anything)", text));
        assertNull(eval("upper(anything)", vars("anything", 5)));
        assertNull(eval("len(anything)", vars("anything", 5)));
        assertNull(eval("contains(anything, 'a')", vars("anything", 5)));
        assertNull(eval("sum(anything)", vars("anything", List.of(1, "a"))));
        assertNull(eval("max(anything)", vars("anything", List.of(1, "a"))));
        assertNull(eval("anything.x", vars("anything", "abc")));
    }

    @Test
    void runTimeTypeClashesAreDeterministic() {
        CompiledExpression expression = Fixtures.compile("anything * 2");
        Map<String, Object> variables = vars("anything", "abc");
        assertNull(expression.evaluate(variables, Fixtures.CLOCK));
        assertNull(expression.evaluate(variables, Fixtures.CLOCK));
        assertNumber("4", expression.evaluate(vars("anything", 2), Fixtures.CLOCK));
    }

    @Test
    void roundingRejectsFractionalOrHugeScales() {
        assertNull(eval("round(1.25, 0.5)"));
        assertNull(eval("round(1.25, 1000000000)"));
        assertNumber("1.3", eval("round(1.25, 1)"));
    }
}
