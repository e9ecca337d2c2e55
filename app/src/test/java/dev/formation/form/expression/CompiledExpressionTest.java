package dev.formation.form.expression;

import static dev.formation.form.expression.Fixtures.compile;
import static dev.formation.form.expression.Fixtures.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompiledExpressionTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "amount * 2; NUMBER",
        "name + 1; STRING",
        "1 + name; STRING",
        "anything + 1; ANY",
        "anything - 1; NUMBER",
        "amount > 1 && active; BOOLEAN",
        "!startDate; BOOLEAN",
        "if(active, 1, 2); NUMBER",
        "if(active, 1, 'a'); ANY",
        "coalesce(amount, 0); NUMBER",
        "contacts.mobile; LIST",
        "contacts.email; LIST",
        "customer.name; ANY",
        "customer.address.city; ANY",
        "$user.username; STRING",
        "addDays(startDate, 1); DATE",
        "addDays(submittedAt, 1); DATETIME",
        "today(); DATE",
        "now(); DATETIME",
        "[1]; LIST",
        "null; ANY",
        "max(contacts.amount); ANY",
        "min(1, amount); NUMBER",
        "min(1, anything); NUMBER",
        "sum(contacts.amount); NUMBER",
        "'a' in tags; BOOLEAN",
        "date('2024-01-01'); DATE",
    })
    void staticTypeIsInferred(String source, ValueType expected) {
        assertEquals(expected, compile(source).type());
    }

    @Test
    void referencesAreTheTopLevelFieldsInOrderOfUse() {
        CompiledExpression expression =
                compile("amount + sum(contacts.amount) + len($user.username) + amount + count(contacts)");
        assertEquals(List.of("amount", "contacts"), List.copyOf(expression.references()));
        assertThrows(UnsupportedOperationException.class, () -> expression.references().add("x"));
        assertEquals(Set.of(), compile("1 + 1").references());
    }

    @Test
    void sourceIsKept() {
        assertEquals("amount > 1", compile("amount > 1").source());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "null; false",
        "false; false",
        "''; false",
        "[]; false",
        "0; false",
        "0.00; false",
        "amount; false",
        "true; true",
        "'0'; true",
        "' '; true",
        "1; true",
        "-0.5; true",
        "[0]; true",
        "[null]; true",
        "today(); true",
    })
    void testUsesTruthiness(String source, boolean expected) {
        assertEquals(expected, compile(source).test(Map.of(), Fixtures.CLOCK));
    }

    @Test
    void truthinessOfVariables() {
        CompiledExpression customer = compile("customer");
        assertFalse(customer.test(vars("customer", Map.of()), Fixtures.CLOCK));
        assertTrue(customer.test(vars("customer", Map.of("a", 1)), Fixtures.CLOCK));
        CompiledExpression amount = compile("amount");
        assertFalse(amount.test(vars("amount", 0), Fixtures.CLOCK));
        assertFalse(amount.test(vars("amount", 0.0d), Fixtures.CLOCK));
        assertTrue(amount.test(vars("amount", 3), Fixtures.CLOCK));
        assertTrue(compile("startDate").test(vars("startDate", LocalDate.of(2024, 1, 1)), Fixtures.CLOCK));
    }

    @Test
    void oneCompiledExpressionServesManyThreads() {
        CompiledExpression expression = compile("if(amount % 2 == 0, amount * 2, -amount)");
        boolean allRight = IntStream.range(0, 10_000).parallel().allMatch(i -> {
            BigDecimal expected = BigDecimal.valueOf(i % 2 == 0 ? 2L * i : -i);
            return expected.compareTo((BigDecimal) expression.evaluate(Map.of("amount", i), Fixtures.CLOCK)) == 0;
        });
        assertTrue(allRight);
    }

    @Test
    void scopeOfCopiesItsMap() {
        Map<String, ValueType> types = new HashMap<>(Map.of("a", ValueType.NUMBER));
        ExpressionScope scope = ExpressionScope.of(types);
        types.put("b", ValueType.NUMBER);
        assertThrows(ExpressionException.class, () -> Expressions.compile("b", scope));
        assertEquals(ValueType.NUMBER, Expressions.compile("a", scope).type());
    }
}
