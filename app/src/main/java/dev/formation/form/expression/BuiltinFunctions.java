package dev.formation.form.expression;

import static dev.formation.form.expression.ValueType.ANY;
import static dev.formation.form.expression.ValueType.BOOLEAN;
import static dev.formation.form.expression.ValueType.DATE;
import static dev.formation.form.expression.ValueType.DATETIME;
import static dev.formation.form.expression.ValueType.LIST;
import static dev.formation.form.expression.ValueType.NUMBER;
import static dev.formation.form.expression.ValueType.STRING;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The fixed whitelist of functions; nothing outside this table can be called. */
final class BuiltinFunctions {

    private static final Set<ValueType> ANYTHING = Set.of(ANY);
    private static final Set<ValueType> TEXT = Set.of(STRING);
    private static final Set<ValueType> NUMBERS = Set.of(NUMBER);
    private static final Set<ValueType> LISTS = Set.of(LIST);
    private static final Set<ValueType> DATES = Set.of(DATE, DATETIME);
    private static final Set<ValueType> ORDERED = Set.of(NUMBER, STRING, DATE, DATETIME);
    private static final Set<ValueType> ORDERED_OR_LIST = Set.of(NUMBER, STRING, DATE, DATETIME, LIST);

    private static final Map<String, Builtin> FUNCTIONS = table();

    private BuiltinFunctions() {
    }

    /** The function of that name, or null when it is not on the whitelist. */
    static Builtin find(String name) {
        return FUNCTIONS.get(name);
    }

    private static Map<String, Builtin> table() {
        Map<String, Builtin> t = new HashMap<>();
        add(t, new Builtin("empty", 1, 1, List.of(ANYTHING), fixed(BOOLEAN), ChoiceFunctions::empty, null));
        add(t, new Builtin("if", 3, 3, List.of(ANYTHING), BuiltinFunctions::branches, ChoiceFunctions::choose, null));
        add(t, new Builtin("coalesce", 2, Builtin.UNBOUNDED, List.of(ANYTHING), BuiltinFunctions::common,
                ChoiceFunctions::coalesce, null));

        add(t, new Builtin("len", 1, 1, List.of(Set.of(STRING, LIST)), fixed(NUMBER), TextFunctions::len, null));
        add(t, new Builtin("contains", 2, 2, List.of(Set.of(STRING, LIST), ANYTHING), BuiltinFunctions::containment,
                TextFunctions::contains, null));
        add(t, new Builtin("startsWith", 2, 2, List.of(TEXT), fixed(BOOLEAN), TextFunctions::startsWith, null));
        add(t, new Builtin("lower", 1, 1, List.of(TEXT), fixed(STRING), TextFunctions::lower, null));
        add(t, new Builtin("upper", 1, 1, List.of(TEXT), fixed(STRING), TextFunctions::upper, null));
        add(t, new Builtin("trim", 1, 1, List.of(TEXT), fixed(STRING), TextFunctions::trim, null));

        add(t, new Builtin("count", 1, 1, List.of(LISTS), fixed(NUMBER), AggregateFunctions::count, null));
        add(t, new Builtin("sum", 1, 1, List.of(LISTS), fixed(NUMBER), AggregateFunctions::sum, null));
        add(t, new Builtin("avg", 1, 1, List.of(LISTS), fixed(NUMBER), AggregateFunctions::avg, null));
        add(t, new Builtin("min", 1, Builtin.UNBOUNDED, List.of(ORDERED_OR_LIST, ORDERED), BuiltinFunctions::extreme,
                AggregateFunctions::min, null));
        add(t, new Builtin("max", 1, Builtin.UNBOUNDED, List.of(ORDERED_OR_LIST, ORDERED), BuiltinFunctions::extreme,
                AggregateFunctions::max, null));
        add(t, new Builtin("round", 1, 2, List.of(NUMBERS), fixed(NUMBER), NumberFunctions::round, null));
        add(t, new Builtin("abs", 1, 1, List.of(NUMBERS), fixed(NUMBER), NumberFunctions::abs, null));

        add(t, new Builtin("today", 0, 0, List.of(), fixed(DATE), DateFunctions::today, null));
        add(t, new Builtin("now", 0, 0, List.of(), fixed(DATETIME), DateFunctions::now, null));
        add(t, new Builtin("year", 1, 1, List.of(DATES), fixed(NUMBER), DateFunctions::year, null));
        add(t, new Builtin("month", 1, 1, List.of(DATES), fixed(NUMBER), DateFunctions::month, null));
        add(t, new Builtin("day", 1, 1, List.of(DATES), fixed(NUMBER), DateFunctions::day, null));
        add(t, new Builtin("daysBetween", 2, 2, List.of(DATES), fixed(NUMBER), DateFunctions::daysBetween, null));
        add(t, new Builtin("addDays", 2, 2, List.of(DATES, NUMBERS), args -> args.get(0), DateFunctions::addDays,
                null));
        add(t, new Builtin("date", 1, 1, List.of(Set.of(STRING, DATE, DATETIME)), fixed(DATE), DateFunctions::date,
                DateFunctions::literalProblem));
        return Map.copyOf(t);
    }

    private static void add(Map<String, Builtin> table, Builtin function) {
        table.put(function.name(), function);
    }

    private static Builtin.TypeRule fixed(ValueType type) {
        return arguments -> type;
    }

    /** The type shared by all arguments, or ANY when they differ or are unknown. */
    private static ValueType common(List<ValueType> arguments) {
        ValueType first = arguments.get(0);
        for (ValueType type : arguments) {
            if (type != first) {
                return ANY;
            }
        }
        return first;
    }

    private static ValueType branches(List<ValueType> arguments) {
        return common(arguments.subList(1, arguments.size()));
    }

    /** A string can only contain a string; a list can contain anything. */
    private static ValueType containment(List<ValueType> arguments) {
        ValueType needle = arguments.get(1);
        if (arguments.get(0) == STRING && needle.isKnown() && needle != STRING) {
            return null;
        }
        return BOOLEAN;
    }

    /**
     * A single list gives its (unknown) element type; otherwise the known arguments must all be
     * of one orderable type, which is then the result.
     */
    private static ValueType extreme(List<ValueType> arguments) {
        if (arguments.size() == 1) {
            return arguments.get(0) == LIST ? ANY : arguments.get(0);
        }
        ValueType result = ANY;
        for (ValueType type : arguments) {
            if (type == LIST || (type.isKnown() && result.isKnown() && type != result)) {
                return null;
            }
            if (type.isKnown()) {
                result = type;
            }
        }
        return result;
    }
}
