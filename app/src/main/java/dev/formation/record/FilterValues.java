package dev.formation.record;

import dev.formation.core.BadRequestException;
import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.Option;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A list filter's text ({@code ?visit_time=...}) read as the value its column holds, so the
 * database compares like with like: a reference or integer as a whole number, a decimal as a
 * decimal, a date as a date, a choice as one of its options. Text that cannot be such a value
 * is a 400 naming the parameter, on every database alike (H2 failed to convert and answered
 * 500, MariaDB converted 'abc' to 0 and answered no rows).
 */
final class FilterValues {

    /** Plain decimals only: an exponent such as 1e999999999 is no price or quantity anyone filters by. */
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]{1,40}(\\.[0-9]{1,20})?");

    private FilterValues() {
    }

    /** @param field the form's field for the column, or null for a platform column (text) */
    static Object parse(Form form, String column, String raw) {
        Field field = form.field(column).orElse(null);
        String text = raw.strip();
        if (field == null) {
            return text;
        }
        FieldType type = field.valueType();
        return switch (type) {
            case INTEGER, REFERENCE -> wholeNumber(column, text);
            case NUMBER, MONEY, PERCENT -> {
                if (!DECIMAL.matcher(text).matches()) {
                    throw refused(column, "param.expected.number");
                }
                yield new BigDecimal(text);
            }
            case DATE -> {
                try {
                    yield LocalDate.parse(text);
                } catch (DateTimeParseException e) {
                    throw refused(column, "param.expected.date");
                }
            }
            case DATETIME -> {
                try {
                    String iso = text.replace(' ', 'T');
                    yield LocalDateTime.parse(iso.length() == 16 ? iso + ":00" : iso);
                } catch (DateTimeParseException e) {
                    throw refused(column, "param.expected.datetime");
                }
            }
            case BOOLEAN -> switch (text.toLowerCase(java.util.Locale.ROOT)) {
                case "true", "1" -> Boolean.TRUE;
                case "false", "0" -> Boolean.FALSE;
                default -> throw refused(column, "param.expected.boolean");
            };
            case SELECT -> {
                if (!field.options().isEmpty() && field.option(text) == null) {
                    String keys = field.options().stream().map(Option::key).collect(Collectors.joining(", "));
                    throw new BadRequestException("problem.badFilter", column,
                            new BadRequestException.Text("param.expected.option", keys));
                }
                yield text;
            }
            default -> text;
        };
    }

    private static Long wholeNumber(String column, String text) {
        if (!text.matches("[-+]?[0-9]{1,25}")) {
            throw refused(column, "param.expected.integer");
        }
        return WholeNumbers.exactLong(new java.math.BigInteger(text))
                .orElseThrow(() -> refused(column, "param.expected.integer"));
    }

    private static BadRequestException refused(String column, String expected) {
        return new BadRequestException("problem.badFilter", column, new BadRequestException.Text(expected));
    }
}
