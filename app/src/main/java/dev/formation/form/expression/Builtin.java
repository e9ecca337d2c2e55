package dev.formation.form.expression;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One whitelisted function: its arity, the types each argument may have, how its result type
 * follows from the argument types, and what it computes. Implementations receive normalised
 * argument values and must return null rather than throw when the values do not fit.
 */
final class Builtin {

    @FunctionalInterface
    interface Implementation {
        Object apply(List<Object> arguments, Clock clock);
    }

    @FunctionalInterface
    interface TypeRule {
        /** The result type, or null when the argument types cannot work together. */
        ValueType resultType(List<ValueType> arguments);
    }

    @FunctionalInterface
    interface LiteralCheck {
        /** A problem with a literal first argument, found at compile time, or null. */
        String problem(Object literal);
    }

    static final int UNBOUNDED = Integer.MAX_VALUE;

    private final String name;
    private final int minArity;
    private final int maxArity;
    private final List<Set<ValueType>> parameters;
    private final TypeRule typeRule;
    private final Implementation implementation;
    private final LiteralCheck literalCheck;

    /**
     * @param parameters the types allowed for each argument; the last entry also applies to any
     *        further arguments, and a set containing ANY allows every type
     */
    Builtin(String name, int minArity, int maxArity, List<Set<ValueType>> parameters,
            TypeRule typeRule, Implementation implementation, LiteralCheck literalCheck) {
        this.name = name;
        this.minArity = minArity;
        this.maxArity = maxArity;
        this.parameters = List.copyOf(parameters);
        this.typeRule = typeRule;
        this.implementation = implementation;
        this.literalCheck = literalCheck;
    }

    String name() {
        return name;
    }

    boolean acceptsArity(int count) {
        return count >= minArity && count <= maxArity;
    }

    String describeArity() {
        if (maxArity == UNBOUNDED) {
            return "at least " + plural(minArity);
        }
        if (minArity == maxArity) {
            return plural(minArity);
        }
        return minArity + " to " + plural(maxArity);
    }

    private static String plural(int count) {
        return count + (count == 1 ? " argument" : " arguments");
    }

    boolean accepts(int index, ValueType type) {
        Set<ValueType> allowed = parameter(index);
        return !type.isKnown() || allowed.contains(ValueType.ANY) || allowed.contains(type);
    }

    String describeParameter(int index) {
        return parameter(index).stream().map(ValueType::name).sorted().collect(Collectors.joining(" or "));
    }

    private Set<ValueType> parameter(int index) {
        if (parameters.isEmpty()) {
            return Set.of();
        }
        return parameters.get(Math.min(index, parameters.size() - 1));
    }

    ValueType resultType(List<ValueType> arguments) {
        return typeRule.resultType(arguments);
    }

    String literalProblem(Object literal) {
        return literalCheck == null ? null : literalCheck.problem(literal);
    }

    Object apply(List<Object> arguments, Clock clock) {
        return implementation.apply(arguments, clock);
    }
}
