package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.FormSchemas;
import dev.formation.form.FormRule;
import dev.formation.form.NumberLimits;
import dev.formation.form.RecordSchemaCompiler;
import dev.formation.form.Regions;
import dev.formation.form.TextRules;
import dev.formation.plugin.api.FieldFormat;
import dev.formation.i18n.Texts;
import dev.formation.metadata.MetadataHolder;
import dev.formation.plugin.PluginRegistry;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a candidate record (the whole record as it would be stored) against its form: first
 * the compiled JSON Schema, then the rules a schema cannot say (conditional visibility and
 * requiredness, plugin formats, decimal places, real calendar dates, regions). Every message
 * names the field by its label, in the user's language, and the path of the value.
 */
@Singleton
public class RecordValidator {

    private final ObjectMapper json = new ObjectMapper();
    private final PluginRegistry plugins;
    private final SchemaRegistry registry;
    /**
     * The validator compiled from each schema document, keyed by the document itself (weakly,
     * by identity): the documents belong to a metadata snapshot, so a new snapshot's schemas get
     * new validators and an old snapshot's go with it.
     */
    private final Cache<JsonNode, Schema> schemas = Caffeine.newBuilder().weakKeys().build();
    private final MetadataHolder metadata;

    private final Clock clock;

    public RecordValidator(PluginRegistry plugins, MetadataHolder metadata, Clock clock) {
        this.clock = clock;
        this.plugins = plugins;
        this.metadata = metadata;
        // draft 2020-12 plus the engine's decimal-places keyword, which valueProblem checks
        Dialect dialect = Dialect.builder(Dialects.getDraft202012())
                .keyword(new AnnotationKeyword(RecordSchemaCompiler.DECIMAL_PLACES)).build();
        this.registry = SchemaRegistry.withDialect(dialect,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build()));
    }

    /** The form's JSON Schema, compiled with the metadata snapshot and served by the API as is. */
    public JsonNode schemaDocument(Form form) {
        return metadata.current().get(FormSchemas.class).of(form);
    }

    private Schema schema(Form form) {
        return schemas.get(schemaDocument(form), registry::getSchema);
    }

    /** A new record: every value must be one the form offers now. */
    public List<FieldError> validate(Form form, Map<String, Object> candidate, Actor actor, Locale locale) {
        return validate(form, candidate, Map.of(), actor, locale);
    }

    /**
     * @param stored the record as it is stored, for a change: an option it holds and keeps is not
     *               refused though the form no longer offers it ({@link HeldOptions})
     */
    public List<FieldError> validate(Form form, Map<String, Object> candidate, Map<String, Object> stored, Actor actor,
                                     Locale locale) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        JsonNode node = json.valueToTree(candidate);
        JsonNode before = json.valueToTree(stored);
        for (Error error : schema(form).validate(node)) {
            if (HeldOptions.isHeld(error, node, before)) {
                continue;
            }
            FieldError mapped = fromSchema(form, error, locale);
            errors.putIfAbsent(mapped.field(), mapped);
        }
        Map<String, Object> vars = ExpressionVariables.of(form, candidate, actor);
        checkRules(form.fields(), candidate, vars, "", errors, locale, null);
        checkFormRules(form, vars, errors, locale);
        return List.copyOf(errors.values());
    }

    /**
     * Rules over several fields, on records whose fields are otherwise valid: a rule over a
     * value that is already wrong would only repeat the problem in other words.
     */
    private void checkFormRules(Form form, Map<String, Object> vars, Map<String, FieldError> errors, Locale locale) {
        for (FormRule rule : form.rules()) {
            boolean inputsValid = errors.keySet().stream().noneMatch(path -> rule.field().equals(fieldOf(path))
                    || rule.assertion().references().contains(fieldOf(path)));
            if (inputsValid && rule.applies(vars, clock) && rule.isBrokenBy(vars, clock)) {
                errors.put(rule.field(), new FieldError(rule.field(), rule.message().in(locale)));
            }
        }
    }

    /** contacts[0].mobile → contacts */
    private static String fieldOf(String path) {
        int end = path.length();
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '[' || path.charAt(i) == '.') {
                end = i;
                break;
            }
        }
        return path.substring(0, end);
    }

    @SuppressWarnings("unchecked")
    private void checkRules(List<Field> fields, Map<String, Object> values, Map<String, Object> vars, String prefix,
                            Map<String, FieldError> errors, Locale locale, Field table) {
        for (Field field : fields) {
            String path = prefix + field.key();
            Object value = values.get(field.key());
            boolean visible = field.visibleWhen() == null || field.visibleWhen().test(vars, clock);
            boolean required = field.required() || (field.requiredWhen() != null && field.requiredWhen().test(vars, clock));
            // A schema checks minItems only on a list that is there; absent or null rows are none at all.
            boolean needsRows = field.minItems() != null && field.minItems() > 0;
            if (visible && (required || needsRows) && !field.isSystemSet() && isEmpty(value)) {
                errors.putIfAbsent(path, needsRows
                        ? error(path, locale, field.isTable() ? "validation.minItems.table" : "validation.minItems",
                        field, field.minItems())
                        : error(path, locale, "validation.required", field));
                continue;
            }
            if (isEmpty(value) || errors.containsKey(path)) {
                continue;
            }
            String problem = valueProblem(field, value, locale);
            if (problem != null) {
                errors.putIfAbsent(path, new FieldError(path, problem));
            }
            if (field.isTable() && value instanceof List<?> rows) {
                for (int i = 0; i < rows.size(); i++) {
                    if (rows.get(i) instanceof Map<?, ?> row) {
                        Map<String, Object> rowValues = (Map<String, Object>) row;
                        checkRules(field.children(), rowValues, ExpressionVariables.row(vars, field, rowValues),
                                path + "[" + i + "].", errors, locale, field);
                    }
                }
            }
        }
    }

    private String valueProblem(Field field, Object value, Locale locale) {
        String label = field.label().in(locale);
        FieldType type = field.valueType();
        if (value instanceof String s && field.format() != null) {
            var reason = plugins.format(field.format()).flatMap(f -> f.check(s));
            if (reason.isPresent()) {
                return Texts.get(locale, "validation.formatReason", label, reason.get().in(locale));
            }
        }
        if (type.isNumeric() && value instanceof Number n) {
            // x-decimalPlaces in the schema; the schema validator leaves unknown keywords alone
            int scale = field.numberLimits().scale();
            if (NumberLimits.decimalPlaces(new BigDecimal(n.toString())) > scale) {
                return Texts.get(locale, "validation.scale", label, scale);
            }
        }
        if (type == FieldType.DATE && value instanceof String s) {
            try {
                LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                return Texts.get(locale, "validation.date", label);
            }
        }
        if (type == FieldType.DATETIME && value instanceof String s) {
            try {
                java.time.LocalDateTime.parse(s.length() == 16 ? s.replace(' ', 'T') + ":00" : s.replace(' ', 'T'));
            } catch (DateTimeParseException e) {
                return Texts.get(locale, "validation.datetime", label);
            }
        }
        if (type == FieldType.REGION && value instanceof String s && !Regions.isValid(s)) {
            return Texts.get(locale, "validation.region", label);
        }
        return null;
    }

    static boolean isEmpty(Object value) {
        return value == null
                || (value instanceof String s && TextRules.isBlank(s))
                || (value instanceof List<?> l && l.isEmpty())
                || (value instanceof Map<?, ?> m && (m.isEmpty() || isEmpty(m.get("text")) && m.get("lng") == null));
    }

    private static FieldError error(String path, Locale locale, String key, Field field, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = field.label().in(locale);
        System.arraycopy(args, 0, all, 1, args.length);
        return new FieldError(path, Texts.get(locale, key, all));
    }

    private FieldError fromSchema(Form form, Error error, Locale locale) {
        NodePath location = error.getInstanceLocation();
        List<Object> segments = new ArrayList<>();
        for (int i = 0; i < location.getNameCount(); i++) {
            segments.add(location.getElement(i));
        }
        String keyword = error.getKeyword();
        if (("required".equals(keyword) || "additionalProperties".equals(keyword)) && error.getProperty() != null) {
            segments.add(error.getProperty());
        }
        String path = path(segments);
        Field field = fieldAt(form, segments);
        if ("additionalProperties".equals(keyword) || field == null) {
            String name = segments.isEmpty() ? "" : String.valueOf(segments.get(segments.size() - 1));
            return new FieldError(path, Texts.get(locale, "validation.unknown", name));
        }
        String label = field.label().in(locale);
        Object[] args = error.getArguments() == null ? new Object[0] : error.getArguments();
        Object arg = args.length > 0 ? args[0] : "";
        String message = switch (keyword) {
            case "required" -> Texts.get(locale, "validation.required", label);
            case "minLength" -> field.required() && "1".equals(String.valueOf(arg))
                    ? Texts.get(locale, "validation.required", label)
                    : Texts.get(locale, "validation.minLength", label, arg);
            case "maxLength" -> Texts.get(locale, "validation.maxLength", label, arg);
            case "type" -> error.getInstanceNode() == null || error.getInstanceNode().isNull()
                    ? Texts.get(locale, "validation.required", label)
                    : Texts.get(locale, "validation.type", label, typeName(locale, field));
            case "pattern" -> patternMessage(field, error.getInstanceNode(), locale);
            case "minimum", "exclusiveMinimum" -> Texts.get(locale, "validation.minimum", label,
                    plain(field.valueType() == FieldType.REFERENCE ? BigDecimal.ONE : field.numberLimits().minimum()));
            case "maximum", "exclusiveMaximum" -> Texts.get(locale, "validation.maximum", label,
                    plain(field.numberLimits().maximum()));
            case "enum", "const" -> Texts.get(locale, "validation.option", label);
            case "minItems" -> field.isTable() ? Texts.get(locale, "validation.minItems.table", label, arg)
                    : field.type().isFiles() || field.type() == FieldType.MULTISELECT
                    ? Texts.get(locale, "validation.minItems", label, arg)
                    : Texts.get(locale, "validation.required", label);
            case "maxItems" -> field.isTable() ? Texts.get(locale, "validation.maxItems.table", label, arg)
                    : Texts.get(locale, "validation.maxItems", label, arg);
            case "uniqueItems" -> Texts.get(locale, "validation.uniqueItems", label);
            default -> Texts.get(locale, "validation.invalid", label);
        };
        return new FieldError(path, message);
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    private static String typeName(Locale locale, Field field) {
        String json = switch (field.valueType()) {
            case NUMBER, MONEY, PERCENT -> "number";
            case INTEGER, REFERENCE -> "integer";
            case BOOLEAN -> "boolean";
            case TABLE, MULTISELECT, ATTACHMENT, IMAGE -> "array";
            case ADDRESS -> "object";
            default -> "string";
        };
        return Texts.get(locale, "validation.type." + json);
    }

    /**
     * A text may break one of several patterns (allowed characters, not blank, a format's,
     * the field's own), and the schema validator does not say which: the value tells.
     */
    private String patternMessage(Field field, JsonNode instance, Locale locale) {
        String label = field.label().in(locale);
        if (instance != null && instance.isTextual()) {
            String text = instance.textValue();
            boolean multiLine = field.isMultiLine();
            if (!TextRules.hasOnlyAllowedCharacters(text, multiLine)) {
                return Texts.get(locale, multiLine ? "validation.characters.multiLine" : "validation.characters", label);
            }
            if (TextRules.isBlank(text)) {
                return Texts.get(locale, "validation.required", label);
            }
            if (field.format() != null) {
                var reason = plugins.format(field.format()).flatMap(f -> f.check(text));
                if (reason.isPresent()) {
                    return Texts.get(locale, "validation.formatReason", label, reason.get().in(locale));
                }
            }
        }
        if (field.patternMessage() != null) {
            return field.patternMessage().in(locale);
        }
        String key = switch (field.valueType()) {
            case MOBILE -> "validation.mobile";
            case PHONE -> "validation.phone";
            case EMAIL -> "validation.email";
            case URL -> "validation.url";
            case DATE -> "validation.date";
            case DATETIME -> "validation.datetime";
            case REGION -> "validation.region";
            default -> "validation.pattern";
        };
        return Texts.get(locale, key, label);
    }

    /** Maps schema locations such as [contacts, 0, mobile] to the field definition. */
    private static Field fieldAt(Form form, List<Object> segments) {
        if (segments.isEmpty()) {
            return null;
        }
        Field field = form.field(String.valueOf(segments.get(0))).orElse(null);
        if (field != null && field.isTable() && segments.size() >= 3) {
            return field.child(String.valueOf(segments.get(2)));
        }
        return field;
    }

    /** [contacts, 0, mobile] → contacts[0].mobile */
    static String path(List<Object> segments) {
        StringBuilder out = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer || (segment instanceof String s && s.matches("\\d+"))) {
                out.append('[').append(segment).append(']');
            } else {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(segment);
            }
        }
        return out.toString();
    }
}
