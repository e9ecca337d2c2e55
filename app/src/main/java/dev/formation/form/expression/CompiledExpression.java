package dev.formation.form.expression;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * A checked expression, immutable and safe to evaluate from many threads at once.
 *
 * <p>Variables are read by name from the map given to {@link #evaluate}; context values such as
 * {@code $user} are ordinary entries whose key starts with {@code $}. Numbers come back as
 * {@link java.math.BigDecimal}.
 */
public final class CompiledExpression {

    private final String source;
    private final Node tree;
    private final ValueType type;
    private final Set<String> references;

    CompiledExpression(String source, Node tree, ValueType type, Set<String> references) {
        this.source = source;
        this.tree = tree;
        this.type = type;
        this.references = references;
    }

    public String source() {
        return source;
    }

    /** The static result type, {@link ValueType#ANY} when it depends on run-time values. */
    public ValueType type() {
        return type;
    }

    /**
     * The top-level form fields the expression reads, in order of first use. Context variables
     * ({@code $user}) are left out: they do not change while a record is edited, so nothing
     * needs to be recomputed when they do.
     */
    public Set<String> references() {
        return references;
    }

    /**
     * The value, or null when inputs are null, missing or of a type the operation cannot use;
     * {@code today()} and {@code now()} read the given clock (the app's one clock).
     */
    public Object evaluate(Map<String, Object> variables, Clock clock) {
        return new Evaluator(variables == null ? Map.of() : variables, clock).evaluate(tree);
    }

    /** Whether the value is truthy: null, false, "", an empty list or map and zero are false. */
    public boolean test(Map<String, Object> variables, Clock clock) {
        return Values.truthy(evaluate(variables, clock));
    }

    @Override
    public String toString() {
        return source;
    }
}
