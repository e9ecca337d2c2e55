package dev.formation.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Compiles a form to the JSON Schema (draft 2020-12) that every record of it must satisfy,
 * published to clients and enforced by the server as is: types, required fields, lengths in
 * characters (code points), the characters text may hold, bounds and decimal places from the
 * field's column, patterns (a plugin format may give one), options, row counts.
 *
 * <p>The schema applies to text after trimming. What it cannot say is the validator's:
 * conditional rules (visibleWhen, requiredWhen, form rules), checks that need the database
 * (unique values, references, users, files), format checks beyond a pattern (a credit code's
 * check character), calendar validity of date-times, and computed values that overflow.
 *
 * <p>Patterns use only syntax that means the same in ECMAScript (with the {@code u} flag)
 * and Java. Decimal places are stated with the keyword {@value #DECIMAL_PLACES} rather than
 * {@code multipleOf}, which validators that compute with doubles get wrong for most decimals
 * (0.07 is not a multiple of 0.01 in binary floating point).
 */
public final class RecordSchemaCompiler {

    /** The number of decimal places a number may have, at most: 2 allows 1.25 and refuses 1.255. */
    public static final String DECIMAL_PLACES = "x-decimalPlaces";

    /** CN mobile numbers: 11 digits, 1 then 3–9. */
    public static final String MOBILE = "^1[3-9][0-9]{9}$";
    public static final String PHONE = "^\\+?[0-9][0-9\\- ()]{4,30}(-[0-9]{1,6})?$";
    /**
     * The "full" e-mail of the widely used ajv-formats (an RFC 5322 practical subset), so that
     * {@code format: email} means one thing everywhere, plus RFC 5321's 64-character local part.
     */
    public static final String EMAIL = "^(?=[^@]{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
            + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$";
    public static final String URL = "^(https?://)?[A-Za-z0-9\\-]+(\\.[A-Za-z0-9\\-]+)+(:[0-9]{1,5})?"
            + "([/?#][^" + TextRules.WHITE_SPACE + TextRules.NOT_ON_ONE_LINE + "]*)?$";
    /** Years 1000–9999: the range MySQL and MariaDB guarantee for DATE and DATETIME columns. */
    static final String DAY = "[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])";
    public static final String DATE = "^" + DAY + "$";
    public static final String DATETIME = "^" + DAY + "[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$";
    public static final int USER_LENGTH = 64;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Function<String, Optional<String>> formatPatterns;

    /**
     * @param formatPatterns the pattern a field format (from a plugin) publishes, by format name
     */
    public RecordSchemaCompiler(Function<String, Optional<String>> formatPatterns) {
        this.formatPatterns = formatPatterns;
    }

    public ObjectNode compile(Form form) {
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

    /** The columns every record has; a declared code, status or owner field replaces its entry. */
    private static void platform(ObjectNode properties) {
        readOnly(properties.putObject(PlatformColumns.ID), "integer");
        properties.putObject(PlatformColumns.VERSION).put("type", "integer").put("minimum", 0);
        for (String column : List.of(PlatformColumns.CODE, PlatformColumns.STATUS, PlatformColumns.OWNER,
                PlatformColumns.CREATED_BY, PlatformColumns.CREATED_AT, PlatformColumns.UPDATED_BY,
                PlatformColumns.UPDATED_AT)) {
            readOnly(properties.putObject(column), "string");
        }
    }

    private static void readOnly(ObjectNode node, String type) {
        node.set("type", nullable(type));
        node.put("readOnly", true);
    }

    private void addFields(List<Field> fields, ObjectNode properties, ArrayNode required) {
        for (Field field : fields) {
            properties.set(field.key(), fieldSchema(field));
            if (isRequiredInInput(field)) {
                required.add(field.key());
            }
        }
    }

    /**
     * A value is needed whatever else the record holds: the field is required (or needs rows),
     * no condition can hide it or lift the rule, and the system does not set it. Such a field
     * cannot be null.
     */
    public static boolean isStaticallyRequired(Field field) {
        boolean needsItems = field.minItems() != null && field.minItems() > 0;
        return (field.required() || needsItems) && field.visibleWhen() == null && !field.isSystemSet();
    }

    /** A client must send it: needed, and no default fills it in when it is left out. */
    static boolean isRequiredInInput(Field field) {
        return isStaticallyRequired(field) && field.defaultValue() == null;
    }

    private ObjectNode fieldSchema(Field field) {
        ObjectNode s = JSON.objectNode();
        s.put("title", field.label().toString());
        boolean nullable = !isStaticallyRequired(field);
        boolean input = !field.isSystemSet();
        switch (field.valueType()) {
            case TEXT, TEXTAREA -> {
                s.set("type", type("string", nullable));
                int minLength = field.minLength() == null ? 0 : field.minLength();
                if (!nullable || minLength > 0) {
                    s.put("minLength", Math.max(nullable ? 0 : 1, minLength));
                }
                s.put("maxLength", field.maxTextLength());
                List<String> patterns = new ArrayList<>();
                if (input) {
                    patterns.add(TextRules.allowedCharacters(field.isMultiLine()));
                    if (!nullable) {
                        patterns.add(TextRules.NOT_BLANK);
                    }
                }
                if (field.pattern() != null) {
                    patterns.add(field.pattern().pattern());
                }
                if (field.format() != null) {
                    formatPatterns.apply(field.format()).ifPresent(patterns::add);
                    s.put("format", field.format());
                }
                patterns(s, patterns);
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
                items(s, field, nullable);
            }
            case USER, DEPARTMENT -> {
                s.set("type", type("string", nullable));
                s.put("maxLength", USER_LENGTH);
                if (!nullable) {
                    s.put("minLength", 1);
                }
                patterns(s, nullable ? List.of(TextRules.allowedCharacters(false))
                        : List.of(TextRules.allowedCharacters(false), TextRules.NOT_BLANK));
            }
            case REFERENCE -> {
                s.set("type", type("integer", nullable));
                s.put("minimum", 1);
                s.put("maximum", NumberLimits.MAX_SAFE_INTEGER);
                s.put("description", "id of a " + field.referenceForm() + " record");
            }
            case ATTACHMENT, IMAGE -> {
                s.set("type", type("array", nullable));
                s.putObject("items").put("type", "string").put("pattern", "^[A-Za-z0-9_-]{8,64}$");
                minItems(s, field, nullable);
                s.put("maxItems", field.maxFiles());
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
                string(s, Regions.pattern(), nullable, null);
                s.put("maxLength", 100);
            }
            case ADDRESS -> address(s, nullable);
            case TABLE -> {
                s.set("type", type("array", nullable));
                ObjectNode row = s.putObject("items");
                row.put("type", "object");
                ObjectNode rowProps = row.putObject("properties");
                rowProps.putObject("id").put("type", "integer").put("minimum", 1)
                        .put("maximum", NumberLimits.MAX_SAFE_INTEGER);
                ArrayNode rowRequired = JSON.arrayNode();
                addFields(field.children(), rowProps, rowRequired);
                if (!rowRequired.isEmpty()) {
                    row.set("required", rowRequired);
                }
                row.put("additionalProperties", false);
                items(s, field, nullable);
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

    /** The first pattern as {@code pattern}, any others in {@code allOf}: a value must match them all. */
    private static void patterns(ObjectNode s, List<String> patterns) {
        if (patterns.isEmpty()) {
            return;
        }
        s.put("pattern", patterns.get(0));
        if (patterns.size() > 1) {
            ArrayNode all = s.putArray("allOf");
            patterns.subList(1, patterns.size()).forEach(p -> all.addObject().put("pattern", p));
        }
    }

    private static void address(ObjectNode s, boolean nullable) {
        s.set("type", type("object", nullable));
        ObjectNode p = s.putObject("properties");
        ObjectNode text = p.putObject("text").put("type", "string").put("maxLength", 500);
        if (nullable) {
            text.put("pattern", TextRules.allowedCharacters(false));
        } else {
            text.put("minLength", 1);
            patterns(text, List.of(TextRules.allowedCharacters(false), TextRules.NOT_BLANK));
            s.putArray("required").add("text");
        }
        p.putObject("lng").set("type", type("number", true));
        ((ObjectNode) p.get("lng")).put("minimum", -180).put("maximum", 180);
        p.putObject("lat").set("type", type("number", true));
        ((ObjectNode) p.get("lat")).put("minimum", -90).put("maximum", 90);
        s.put("additionalProperties", false);
    }

    private static void items(ObjectNode s, Field field, boolean nullable) {
        minItems(s, field, nullable);
        if (field.maxItems() != null) {
            s.put("maxItems", field.maxItems());
        }
    }

    /** A list that must be there must not be empty either: the server counts [] as missing. */
    private static void minItems(ObjectNode s, Field field, boolean nullable) {
        int minItems = field.minItems() == null ? 0 : field.minItems();
        if (!nullable || minItems > 0) {
            s.put("minItems", Math.max(nullable ? 0 : 1, minItems));
        }
    }

    private static void number(ObjectNode s, Field field, String type, boolean nullable) {
        s.set("type", type(type, nullable));
        NumberLimits limits = field.numberLimits();
        s.put("minimum", limits.minimum());
        s.put("maximum", limits.maximum());
        if (!"integer".equals(type)) {
            s.put(DECIMAL_PLACES, limits.scale());
        }
    }

    private static void string(ObjectNode s, String pattern, boolean nullable, String format) {
        s.set("type", type("string", nullable));
        s.put("pattern", pattern);
        if (format != null) {
            s.put("format", format);
        }
    }

    private static JsonNode type(String type, boolean nullable) {
        return nullable ? nullable(type) : JSON.textNode(type);
    }

    private static ArrayNode nullable(String type) {
        return JSON.arrayNode().add(type).add("null");
    }
}
