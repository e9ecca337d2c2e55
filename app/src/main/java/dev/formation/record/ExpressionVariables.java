package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.form.Field;
import dev.formation.form.Form;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A record as expressions see it: numbers as BigDecimal, dates as LocalDate/LocalDateTime,
 * table rows the same way, and {@code $user}. Unparseable values become null rather than
 * failing, since the validator reports them on their own.
 */
public final class ExpressionVariables {

    private ExpressionVariables() {
    }

    public static Map<String, Object> of(Form form, Map<String, Object> record, Actor actor) {
        Map<String, Object> vars = new HashMap<>(record);
        for (Field field : form.fields()) {
            vars.put(field.key(), convert(field, record.get(field.key())));
        }
        if (actor != null) {
            vars.put("$user", actor.asVariable());
        }
        return vars;
    }

    static Map<String, Object> row(Map<String, Object> parentVars, Field table, Map<String, Object> row) {
        Map<String, Object> vars = new HashMap<>(parentVars);
        for (Field child : table.children()) {
            vars.put(child.key(), convert(child, row.get(child.key())));
        }
        return vars;
    }

    @SuppressWarnings("unchecked")
    static Object convert(Field field, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return switch (field.valueType()) {
                case NUMBER, INTEGER, MONEY, PERCENT, REFERENCE ->
                        value instanceof BigDecimal ? value : value instanceof Number n ? new BigDecimal(n.toString())
                                : new BigDecimal(value.toString());
                case DATE -> LocalDate.parse(value.toString());
                case DATETIME -> LocalDateTime.parse(value.toString().replace(' ', 'T'));
                case TABLE -> {
                    List<Object> rows = new ArrayList<>();
                    for (Object row : (List<Object>) value) {
                        Map<String, Object> converted = new HashMap<>();
                        for (Field child : field.children()) {
                            converted.put(child.key(), convert(child, ((Map<String, Object>) row).get(child.key())));
                        }
                        rows.add(converted);
                    }
                    yield rows;
                }
                default -> value;
            };
        } catch (RuntimeException e) {
            return null;
        }
    }
}
