package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.NumberPattern;
import dev.formation.form.PlatformColumns;
import dev.formation.store.NumberAllocator;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** The values the engine fills in rather than the user: defaults, computed fields, numbers. */
@Singleton
public class RecordValues {

    private final NumberAllocator numbers;
    private final Clock clock;

    public RecordValues(NumberAllocator numbers, Clock clock) {
        this.numbers = numbers;
        this.clock = clock;
    }

    /**
     * Defaults of the fields that are empty in {@code target}. A new record has no records
     * referring to it yet, so its counts and sums start at 0.
     */
    void applyDefaults(List<Field> fields, Map<String, Object> target, Actor actor) {
        for (Field field : fields) {
            if (field.defaultValue() != null && target.get(field.key()) == null) {
                target.put(field.key(), defaultValue(field, actor));
            } else if (field.rollup() != null && field.rollup().op().zeroWhenNone() && target.get(field.key()) == null) {
                target.put(field.key(), field.valueType() == FieldType.INTEGER ? (Object) 0L : BigDecimal.ZERO.setScale(field.scale()));
            }
        }
    }

    /** Defaults of the columns a new sub-table row leaves out. */
    @SuppressWarnings("unchecked")
    void applyRowDefaults(Form form, Map<String, Object> candidate, Actor actor) {
        for (Field table : form.tableFields()) {
            if (candidate.get(table.key()) instanceof List<?> rows) {
                for (Object row : rows) {
                    if (row instanceof Map<?, ?> map && map.get("id") == null) {
                        Map<String, Object> r = (Map<String, Object>) map;
                        table.children().forEach(child -> {
                            if (child.defaultValue() != null && !r.containsKey(child.key())) {
                                r.put(child.key(), defaultValue(child, actor));
                            }
                        });
                    }
                }
            }
        }
    }

    private Object defaultValue(Field field, Actor actor) {
        Object value = field.defaultValue();
        if (value instanceof String s) {
            return switch (s) {
                case "$now" -> LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
                case "$today" -> LocalDate.now(clock).toString();
                case "$user" -> actor.username();
                case "$department" -> actor.department();
                default -> s;
            };
        }
        if (value instanceof Number n && field.valueType().isNumeric()) {
            return new BigDecimal(n.toString());
        }
        return value;
    }

    /** Every computed field, sub-table columns first (a total may sum them). */
    @SuppressWarnings("unchecked")
    void computeAll(Form form, Map<String, Object> candidate, Actor actor) {
        for (Field table : form.tableFields()) {
            List<Field> computed = table.children().stream().filter(f -> f.type() == FieldType.COMPUTED).toList();
            if (computed.isEmpty() || !(candidate.get(table.key()) instanceof List<?> rows)) {
                continue;
            }
            Map<String, Object> vars = ExpressionVariables.of(form, candidate, actor);
            for (Object row : rows) {
                if (row instanceof Map<?, ?> map) {
                    Map<String, Object> r = (Map<String, Object>) map;
                    for (Field f : computed) {
                        r.put(f.key(), computedValue(f, f.expression().evaluate(ExpressionVariables.row(vars, table, r), clock)));
                    }
                }
            }
        }
        for (Field field : form.fields()) {
            if (field.type() == FieldType.COMPUTED) {
                Map<String, Object> vars = ExpressionVariables.of(form, candidate, actor);
                candidate.put(field.key(), computedValue(field, field.expression().evaluate(vars, clock)));
            }
        }
    }

    /** Shapes an expression's result to the field's result type; what cannot fit is null. */
    static Object computedValue(Field field, Object value) {
        if (value == null) {
            return null;
        }
        return switch (field.resultType()) {
            case NUMBER, MONEY, PERCENT, INTEGER -> value instanceof BigDecimal d
                    ? d.setScale(field.resultType() == FieldType.INTEGER ? 0 : field.scale(), RoundingMode.HALF_UP)
                    : null;
            case DATE -> value instanceof LocalDate d ? d.toString() : null;
            case BOOLEAN -> value instanceof Boolean ? value : null;
            default -> value.toString();
        };
    }

    /** The record's code and its auto-numbered fields, from the counters of the period {@code now} is in. */
    void assignNumbers(Form form, Map<String, Object> candidate, LocalDateTime now) {
        candidate.put(PlatformColumns.CODE, number(form.key() + ".code", form.codePattern(), now));
        for (Field field : form.fields()) {
            if (field.type() == FieldType.AUTONUMBER && !field.isPlatformBound()) {
                String pattern = field.numberPattern() == null ? "{seq:6}" : field.numberPattern();
                candidate.put(field.key(), number(form.key() + "." + field.key(), pattern, now));
            }
        }
    }

    private String number(String counter, String patternText, LocalDateTime now) {
        NumberPattern pattern = NumberPattern.parse(patternText);
        long seq = numbers.next(counter + "|" + pattern.periodKey(now));
        return pattern.format(now, seq);
    }
}
