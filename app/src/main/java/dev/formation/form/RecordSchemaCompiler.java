package dev.formation.form;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Compiles a form to the JSON Schema (draft 2020-12) that every record of it must satisfy:
 * types, static required fields, lengths, bounds, patterns, options, row counts. Conditional
 * rules (visibleWhen, requiredWhen) and checks that need the database (unique, references)
 * are the validator's; the schema is what a client can check offline.
 */
public final class RecordSchemaCompiler {

    /** CN mobile numbers: 11 digits, 1 then 3–9. */
    public static final String MOBILE = "^1[3-9][0-9]{9}$";
    public static final String PHONE = "^\\+?[0-9][0-9\\- ()]{4,30}(-[0-9]{1,6})?$";
    public static final String EMAIL = "^[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.\\-]+\\.[A-Za-z]{2,}$";
    public static final String URL = "^(https?://)?[A-Za-z0-9\\-]+(\\.[A-Za-z0-9\\-]+)+(:[0-9]{1,5})?([/?#][^\\s]*)?$";
    public static final String DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    public static final String DATETIME = "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?$";
    public static final String REGION = "^[^/]{2,20}(/[^/]{1,30}){0,2}$";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private RecordSchemaCompiler() {
    }

    public static ObjectNode compile(Form form) {
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "/api/forms/" + form.key() + "/schema");
        schema.put("title", form.label().toString());
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        platform(properties);
        ArrayNode required = JSON.arrayNode();
        addFields(form.fields(), properties, required);
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private static void platform(ObjectNode properties) {
        readOnly(properties.putObject(PlatformColumns.ID), "integer");
        properties.putObject(PlatformColumns.VERSION).put("type", "integer").put("minimum", 0);
        for (String column : List.of(PlatformColumns.CREATED_BY, PlatformColumns.CREATED_AT,
                PlatformColumns.UPDATED_BY, PlatformColumns.UPDATED_AT)) {
            readOnly(properties.putObject(column), "string");
        }
        for (String column : List.of(PlatformColumns.CODE, PlatformColumns.STATUS, PlatformColumns.OWNER)) {
            properties.putObject(column).set("type", nullable("string"));
        }
    }

    private static void readOnly(ObjectNode node, String type) {
        node.set("type", nullable(type));
        node.put("readOnly", true);
    }

    private static void addFields(List<Field> fields, ObjectNode properties, ArrayNode required) {
        for (Field field : fields) {
            properties.set(field.key(), fieldSchema(field));
            if (isStaticallyRequired(field)) {
                required.add(field.key());
            }
        }
    }

    /** Required whatever the record holds: no condition can hide the field or lift the rule. */
    static boolean isStaticallyRequired(Field field) {
        return field.required() && field.visibleWhen() == null && field.requiredWhen() == null && !field.isSystemSet();
    }

    private static ObjectNode fieldSchema(Field field) {
        ObjectNode s = JSON.objectNode();
        s.put("title", field.label().toString());
        if (field.label().texts().containsKey("en")) {
        }
        boolean nullable = !isStaticallyRequired(field);
        switch (field.valueType()) {
            case TEXT, TEXTAREA -> {
                s.set("type", type("string", nullable));
                if (isStaticallyRequired(field)) {
                    s.put("minLength", Math.max(1, field.minLength() == null ? 1 : field.minLength()));
                } else if (field.minLength() != null) {
                    s.put("minLength", field.minLength());
                }
                if (field.maxLength() != null) {
                    s.put("maxLength", field.maxLength());
                } else if (field.type() == FieldType.TEXT) {
                    s.put("maxLength", 2000);
                }
                if (field.pattern() != null) {
                    s.put("pattern", field.pattern().pattern());
                }
                if (field.format() != null) {
                    s.put("format", field.format());
                }
            }
            case NUMBER, MONEY, PERCENT -> number(s, field, "number", nullable);
            case INTEGER -> number(s, field, "integer", nullable);
            case DATE -> string(s, DATE, nullable, "date");
            case DATETIME -> string(s, DATETIME, nullable, null);
            case BOOLEAN -> s.set("type", type("boolean", nullable));
            case SELECT -> {
                s.set("type", type("string", nullable));
                ArrayNode values = s.putArray("enum");
                field.options().forEach(o -> values.add(o.key()));
                if (nullable) {
                    values.addNull();
                }
            }
            case MULTISELECT -> {
                s.set("type", type("array", nullable));
                s.put("uniqueItems", true);
                ArrayNode values = s.putObject("items").put("type", "string").putArray("enum");
                field.options().forEach(o -> values.add(o.key()));
                items(s, field);
            }
            case USER, DEPARTMENT -> {
                s.set("type", type("string", nullable));
                s.put("maxLength", 64);
                if (!nullable) {
                    s.put("minLength", 1);
                }
            }
            case REFERENCE -> {
                s.set("type", type("integer", nullable));
                s.put("minimum", 1);
                s.put("description", "id of a " + field.referenceForm() + " record");
            }
            case ATTACHMENT, IMAGE -> {
                s.set("type", type("array", nullable));
                s.putObject("items").put("type", "string").put("pattern", "^[A-Za-z0-9_-]{8,64}$");
                s.put("maxItems", field.maxFiles());
                if (!nullable) {
                    s.put("minItems", 1);
                }
            }
            case PHONE -> string(s, PHONE, nullable, null);
            case MOBILE -> string(s, MOBILE, nullable, null);
            case EMAIL -> {
                string(s, EMAIL, nullable, "email");
                s.put("maxLength", 254);
            }
            case URL -> {
                string(s, URL, nullable, null);
                s.put("maxLength", 500);
            }
            case REGION -> {
                string(s, REGION, nullable, null);
                s.put("maxLength", 100);
            }
            case ADDRESS -> {
                s.set("type", type("object", nullable));
                ObjectNode p = s.putObject("properties");
                ObjectNode text = p.putObject("text").put("type", "string").put("maxLength", 500);
                if (!nullable) {
                    text.put("minLength", 1);
                    s.putArray("required").add("text");
                }
                p.putObject("lng").set("type", type("number", true));
                ((ObjectNode) p.get("lng")).put("minimum", -180).put("maximum", 180);
                p.putObject("lat").set("type", type("number", true));
                ((ObjectNode) p.get("lat")).put("minimum", -90).put("maximum", 90);
                s.put("additionalProperties", false);
            }
            case TABLE -> {
                s.set("type", type("array", nullable));
                ObjectNode row = s.putObject("items");
                row.put("type", "object");
                ObjectNode rowProps = row.putObject("properties");
                rowProps.putObject("id").put("type", "integer");
                ArrayNode rowRequired = JSON.arrayNode();
                addFields(field.children(), rowProps, rowRequired);
                if (!rowRequired.isEmpty()) {
                    row.set("required", rowRequired);
                }
                row.put("additionalProperties", false);
                items(s, field);
            }
            case AUTONUMBER -> s.set("type", type("string", true));
            default -> s.set("type", type("string", true));
        }
        if (field.isSystemSet()) {
            s.put("readOnly", true);
        }
        if (field.help() != null) {
            s.put("description", field.help().toString());
        }
        return s;
    }

    private static void items(ObjectNode s, Field field) {
        if (field.minItems() != null) {
            s.put("minItems", field.minItems());
        }
        if (field.maxItems() != null) {
            s.put("maxItems", field.maxItems());
        }
    }

    private static void number(ObjectNode s, Field field, String type, boolean nullable) {
        s.set("type", type(type, nullable));
        if (field.min() != null) {
            s.put("minimum", field.min());
        }
        if (field.max() != null) {
            s.put("maximum", field.max());
        }
    }

    private static void string(ObjectNode s, String pattern, boolean nullable, String format) {
        s.set("type", type("string", nullable));
        s.put("pattern", pattern);
        if (format != null) {
            s.put("format", format);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode type(String type, boolean nullable) {
        return nullable ? nullable(type) : JSON.textNode(type);
    }

    private static ArrayNode nullable(String type) {
        return JSON.arrayNode().add(type).add("null");
    }
}
