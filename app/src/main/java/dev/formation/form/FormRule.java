package dev.formation.form;

import dev.formation.form.expression.CompiledExpression;
import dev.formation.plugin.api.Message;

import java.time.Clock;
import java.util.Map;

/**
 * A rule over several fields of a record that no single field can state, such as "the end
 * date is not before the start date". It is checked on every write when {@code when} holds
 * (or always, without one) and every field {@code assertion} reads has a value: like a
 * database CHECK constraint, a rule says nothing about empty fields, which {@code required}
 * and {@code requiredWhen} govern. When the assertion is false, {@code message} is reported
 * on {@code field}.
 */
public record FormRule(String key, CompiledExpression when, CompiledExpression assertion, String field,
                       Message message) {

    /** Whether the rule is to be checked on a record with these expression variables. */
    public boolean applies(Map<String, Object> variables, Clock clock) {
        for (String read : assertion.references()) {
            Object value = variables.get(read);
            if (value == null || value instanceof java.util.Collection<?> c && c.isEmpty()) {
                return false;
            }
        }
        return when == null || when.test(variables, clock);
    }

    /** Whether a record to which the rule applies breaks it. */
    public boolean isBrokenBy(Map<String, Object> variables, Clock clock) {
        return !assertion.test(variables, clock);
    }
}
