package dev.formation.form;

import dev.formation.form.expression.CompiledExpression;
import dev.formation.plugin.api.Message;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One compiled field. Immutable; built by {@link FormCompiler} from a validated definition.
 * Fields whose key names a platform column ({@code code}, {@code owner}, {@code status})
 * label and constrain that column instead of adding one.
 */
public record Field(
        String key,
        FieldType type,
        Message label,
        Message help,
        Message placeholder,
        String section,
        boolean fullWidth,
        boolean required,
        boolean unique,
        boolean indexed,
        boolean readOnly,
        BigDecimal min,
        BigDecimal max,
        int scale,
        Integer minLength,
        Integer maxLength,
        Pattern pattern,
        Message patternMessage,
        String format,
        List<Option> options,
        String dictionary,
        String referenceForm,
        List<Field> children,
        Integer minItems,
        Integer maxItems,
        int maxFiles,
        List<String> accept,
        Object defaultValue,
        CompiledExpression visibleWhen,
        CompiledExpression requiredWhen,
        CompiledExpression readOnlyWhen,
        CompiledExpression expression,
        FieldType resultType,
        String numberPattern,
        boolean withCoordinates,
        boolean listed,
        MustMatch mustMatch,
        FieldLookup lookup,
        Rollup rollup,
        OnDelete onDelete) {

    /** Keys of the platform columns a field may bind to. */
    public static final Set<String> PLATFORM_BOUND = Set.of("code", "owner", "status");

    public boolean isPlatformBound() {
        return PLATFORM_BOUND.contains(key);
    }

    /** The type values are stored and compared as: a computed or rollup field's result type, else its own. */
    public FieldType valueType() {
        return type == FieldType.COMPUTED || type == FieldType.ROLLUP ? resultType : type;
    }

    /** A client may not write this field: the system, a flow or an expression sets it. */
    public boolean isSystemSet() {
        return readOnly || type.isGenerated();
    }

    /** Text of this type may hold line breaks and tabs. */
    public boolean isMultiLine() {
        return valueType() == FieldType.TEXTAREA;
    }

    /**
     * The most characters (code points) a text value may have: the declared maxLength, else
     * what the engine stores for the type. Schema, validator and column all use this.
     */
    public int maxTextLength() {
        if (maxLength != null) {
            return maxLength;
        }
        return valueType() == FieldType.TEXTAREA ? DEFAULT_TEXTAREA_LENGTH : DEFAULT_TEXT_LENGTH;
    }

    /** Text without a declared maxLength. */
    public static final int DEFAULT_TEXT_LENGTH = 2000;
    public static final int DEFAULT_TEXTAREA_LENGTH = 65_535;

    /** The numbers a numeric (or reference) field can hold: its column's range within the declared bounds. */
    public NumberLimits numberLimits() {
        return NumberLimits.of(valueType(), scale, min, max);
    }

    public boolean isTable() {
        return type == FieldType.TABLE;
    }

    public Field child(String childKey) {
        return children.stream().filter(f -> f.key.equals(childKey)).findFirst().orElse(null);
    }

    public Option option(String optionKey) {
        return options.stream().filter(o -> o.key().equals(optionKey)).findFirst().orElse(null);
    }
}
