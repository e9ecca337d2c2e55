package dev.formation.form;

import dev.formation.form.expression.ExpressionScope;
import dev.formation.form.expression.ValueType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The names an expression of a form may use: the form's fields, the platform columns and
 * {@code $user.*}; inside a sub-table row, that row's fields first.
 */
public final class FieldScope implements ExpressionScope {

    private final Map<String, ValueType> types;

    private FieldScope(Map<String, ValueType> types) {
        this.types = types;
    }

    static FieldScope of(List<Map<String, Object>> fields) {
        Map<String, ValueType> types = new HashMap<>();
        for (String column : PlatformColumns.ALL) {
            types.put(column, ValueType.STRING);
        }
        types.put(PlatformColumns.ID, ValueType.NUMBER);
        types.put(PlatformColumns.VERSION, ValueType.NUMBER);
        types.put(PlatformColumns.CREATED_AT, ValueType.DATETIME);
        types.put(PlatformColumns.UPDATED_AT, ValueType.DATETIME);
        types.put("$user", ValueType.OBJECT);
        types.put("$user.username", ValueType.STRING);
        types.put("$user.name", ValueType.STRING);
        types.put("$user.department", ValueType.STRING);
        types.put("$user.roles", ValueType.LIST);
        addFields(types, fields, "");
        return new FieldScope(types);
    }

    /**
     * The names an expression over a compiled form's records may use (flow conditions), plus
     * any extra context variables the caller provides, such as {@code $submitter}.
     */
    public static FieldScope of(Form form, Map<String, ValueType> extra) {
        Map<String, ValueType> types = new HashMap<>(of(List.of()).types);
        for (Field field : form.fields()) {
            if (field.isTable()) {
                types.put(field.key(), ValueType.LIST);
                field.children().forEach(child -> types.put(field.key() + "." + child.key(), ValueType.LIST));
            } else {
                types.put(field.key(), valueTypeOf(field.valueType() == null ? field.type() : field.valueType()));
            }
        }
        types.putAll(extra);
        return new FieldScope(types);
    }

    FieldScope withRow(List<Map<String, Object>> rowFields) {
        Map<String, ValueType> copy = new HashMap<>(types);
        addFields(copy, rowFields, "");
        return new FieldScope(copy);
    }

    private static void addFields(Map<String, ValueType> types, List<Map<String, Object>> fields, String prefix) {
        for (Map<String, Object> f : fields) {
            String key = prefix + f.get("key");
            FieldType type = FieldType.of((String) f.get("type"));
            if (type == FieldType.TABLE) {
                types.put(key, ValueType.LIST);
                for (Map<String, Object> child : FormCompiler.maps(f.get("fields"))) {
                    types.put(key + "." + child.get("key"), ValueType.LIST);
                }
            } else {
                FieldType valueType = (type == FieldType.COMPUTED || type == FieldType.ROLLUP)
                        && f.get("resultType") != null ? FieldType.of((String) f.get("resultType"))
                        : type == FieldType.ROLLUP ? FieldType.INTEGER : type;
                types.put(key, valueTypeOf(valueType));
            }
        }
    }

    static ValueType valueTypeOf(FieldType type) {
        return switch (type) {
            case NUMBER, INTEGER, MONEY, PERCENT, REFERENCE -> ValueType.NUMBER;
            case DATE -> ValueType.DATE;
            case DATETIME -> ValueType.DATETIME;
            case BOOLEAN -> ValueType.BOOLEAN;
            case MULTISELECT, ATTACHMENT, IMAGE, TABLE -> ValueType.LIST;
            case ADDRESS -> ValueType.OBJECT;
            case COMPUTED, ROLLUP -> ValueType.ANY;
            default -> ValueType.STRING;
        };
    }

    @Override
    public Optional<ValueType> typeOf(String path) {
        return Optional.ofNullable(types.get(path));
    }
}
