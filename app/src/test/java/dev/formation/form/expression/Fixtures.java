package dev.formation.form.expression;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** The scope and helpers the expression tests share. */
final class Fixtures {

    static final Map<String, ValueType> TYPES = Map.ofEntries(
            Map.entry("amount", ValueType.NUMBER),
            Map.entry("price", ValueType.NUMBER),
            Map.entry("name", ValueType.STRING),
            Map.entry("active", ValueType.BOOLEAN),
            Map.entry("startDate", ValueType.DATE),
            Map.entry("endDate", ValueType.DATE),
            Map.entry("submittedAt", ValueType.DATETIME),
            Map.entry("tags", ValueType.LIST),
            Map.entry("contacts", ValueType.LIST),
            Map.entry("contacts.mobile", ValueType.LIST),
            Map.entry("contacts.amount", ValueType.LIST),
            Map.entry("orders", ValueType.LIST),
            Map.entry("customer", ValueType.OBJECT),
            Map.entry("anything", ValueType.ANY),
            Map.entry("$user", ValueType.OBJECT),
            Map.entry("$user.username", ValueType.STRING));

    static final ExpressionScope SCOPE = ExpressionScope.of(TYPES);

    /** 2024-03-15T10:30 UTC, so date functions have a fixed "today". */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-15T10:30:00Z"), ZoneOffset.UTC);

    private Fixtures() {
    }

    static CompiledExpression compile(String source) {
        return Expressions.compile(source, SCOPE);
    }

    static Object eval(String source) {
        return eval(source, Map.of());
    }

    static Object eval(String source, Map<String, Object> variables) {
        return compile(source).evaluate(variables, CLOCK);
    }

    /** Builds a variable map that, unlike Map.of, may hold null values. */
    static Map<String, Object> vars(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static BigDecimal number(String text) {
        return new BigDecimal(text);
    }
}
