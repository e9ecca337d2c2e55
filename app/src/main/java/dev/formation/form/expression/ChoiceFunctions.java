package dev.formation.form.expression;

import java.time.Clock;
import java.util.List;

/** {@code empty}, {@code if} and {@code coalesce}. */
final class ChoiceFunctions {

    private ChoiceFunctions() {
    }

    /** Null, "", an empty list or an empty map; zero and false are values, not emptiness. */
    static Object empty(List<Object> arguments, Clock clock) {
        return Values.isEmpty(arguments.get(0));
    }

    /** Both branches are evaluated; that is harmless since evaluation has no side effects. */
    static Object choose(List<Object> arguments, Clock clock) {
        return Values.truthy(arguments.get(0)) ? arguments.get(1) : arguments.get(2);
    }

    static Object coalesce(List<Object> arguments, Clock clock) {
        for (Object argument : arguments) {
            if (argument != null) {
                return argument;
            }
        }
        return null;
    }
}
