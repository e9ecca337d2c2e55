package dev.formation.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** Named date ranges of report parameters, as [from, to) days; {@code all} is unbounded. */
public final class DateRanges {

    /** A half-open range of days; null ends are open. */
    public record Range(LocalDate from, LocalDate to) {
    }

    private DateRanges() {
    }

    public static Range of(String name, LocalDate today) {
        return switch (name) {
            case "today" -> new Range(today, today.plusDays(1));
            case "this_week" -> {
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new Range(monday, monday.plusWeeks(1));
            }
            case "this_month" -> new Range(today.withDayOfMonth(1), today.withDayOfMonth(1).plusMonths(1));
            case "last_month" -> new Range(today.withDayOfMonth(1).minusMonths(1), today.withDayOfMonth(1));
            case "this_quarter" -> {
                LocalDate start = today.withMonth((today.getMonthValue() - 1) / 3 * 3 + 1).withDayOfMonth(1);
                yield new Range(start, start.plusMonths(3));
            }
            case "this_year" -> new Range(today.withDayOfYear(1), today.withDayOfYear(1).plusYears(1));
            case "last_year" -> new Range(today.withDayOfYear(1).minusYears(1), today.withDayOfYear(1));
            case "last_30_days" -> new Range(today.minusDays(29), today.plusDays(1));
            case "last_12_months" -> new Range(today.withDayOfMonth(1).minusMonths(11), today.withDayOfMonth(1).plusMonths(1));
            case "all" -> new Range(null, null);
            default -> throw new IllegalArgumentException("unknown date range '" + name + "'");
        };
    }

    public static boolean isNamed(String name) {
        try {
            of(name, LocalDate.EPOCH);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
