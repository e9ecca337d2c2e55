package dev.formation.form.expression;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Calendar functions. Days are calendar days in the server's zone, not 24-hour periods. */
final class DateFunctions {

    /** About 27,000 years; larger shifts are mistakes and would only risk overflow. */
    static final int MAX_DAY_SHIFT = 10_000_000;

    private DateFunctions() {
    }

    static Object today(List<Object> arguments, Clock clock) {
        return LocalDate.now(clock);
    }

    static Object now(List<Object> arguments, Clock clock) {
        return LocalDateTime.now(clock);
    }

    static Object year(List<Object> arguments, Clock clock) {
        LocalDate date = asDate(arguments.get(0));
        return date == null ? null : BigDecimal.valueOf(date.getYear());
    }

    static Object month(List<Object> arguments, Clock clock) {
        LocalDate date = asDate(arguments.get(0));
        return date == null ? null : BigDecimal.valueOf(date.getMonthValue());
    }

    static Object day(List<Object> arguments, Clock clock) {
        LocalDate date = asDate(arguments.get(0));
        return date == null ? null : BigDecimal.valueOf(date.getDayOfMonth());
    }

    /** {@code d2 - d1}: positive when the second date is later. */
    static Object daysBetween(List<Object> arguments, Clock clock) {
        LocalDate from = asDate(arguments.get(0));
        LocalDate to = asDate(arguments.get(1));
        if (from == null || to == null) {
            return null;
        }
        return BigDecimal.valueOf(ChronoUnit.DAYS.between(from, to));
    }

    /** Keeps the kind of its first argument: a date stays a date, a date-time a date-time. */
    static Object addDays(List<Object> arguments, Clock clock) {
        Object value = arguments.get(0);
        Integer days = Numbers.wholeWithin(arguments.get(1), MAX_DAY_SHIFT);
        if (days == null) {
            return null;
        }
        try {
            if (value instanceof LocalDate) {
                return ((LocalDate) value).plusDays(days);
            }
            if (value instanceof LocalDateTime) {
                return ((LocalDateTime) value).plusDays(days);
            }
            return null;
        } catch (DateTimeException outOfRange) {
            // only reachable near LocalDate.MIN/MAX; a missing result is the documented outcome
            return null;
        }
    }

    /** An ISO date string ({@code 2024-01-31}) or a date-time's date; null when it is neither. */
    static Object date(List<Object> arguments, Clock clock) {
        Object value = arguments.get(0);
        if (value instanceof String) {
            return parse((String) value);
        }
        return asDate(value);
    }

    /** The compile-time check of {@code date('...')} with a literal. */
    static String literalProblem(Object literal) {
        if (literal instanceof String && parse((String) literal) == null) {
            return "'" + literal + "' is not a date in the form yyyy-mm-dd";
        }
        return null;
    }

    private static LocalDate parse(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException invalid) {
            // a malformed date is a missing value, like any other unusable input
            return null;
        }
    }

    private static LocalDate asDate(Object value) {
        if (value instanceof LocalDate) {
            return (LocalDate) value;
        }
        return value instanceof LocalDateTime ? ((LocalDateTime) value).toLocalDate() : null;
    }
}
