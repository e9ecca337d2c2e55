package dev.formation.form.expression;

import static dev.formation.form.expression.Fixtures.eval;
import static dev.formation.form.expression.Fixtures.vars;
import static dev.formation.form.expression.NumberAssertions.assertNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DateTest {

    private static final Map<String, Object> DATES = vars(
            "startDate", LocalDate.of(2024, 1, 31),
            "endDate", LocalDate.of(2024, 3, 1),
            "submittedAt", LocalDateTime.of(2024, 3, 14, 23, 59));

    @Test
    void todayAndNowUseTheClock() {
        assertEquals(LocalDate.of(2024, 3, 15), eval("today()"));
        assertEquals(LocalDateTime.of(2024, 3, 15, 10, 30), eval("now()"));
        assertEquals(true, eval("today() == date('2024-03-15')"));
    }

    @Test
    void todayFollowsTheClockItIsGiven() {
        CompiledExpression today = Fixtures.compile("today()");
        java.time.Clock newYear = java.time.Clock.fixed(java.time.Instant.parse("2028-02-29T23:59:59Z"), java.time.ZoneOffset.UTC);
        assertEquals(LocalDate.of(2024, 3, 15), today.evaluate(Map.of(), Fixtures.CLOCK));
        assertEquals(LocalDate.of(2028, 2, 29), today.evaluate(Map.of(), newYear));
    }

    @Test
    void datePartsOfDatesAndDateTimes() {
        assertNumber("2024", eval("year(startDate)", DATES));
        assertNumber("1", eval("month(startDate)", DATES));
        assertNumber("31", eval("day(startDate)", DATES));
        assertNumber("14", eval("day(submittedAt)", DATES));
    }

    @Test
    void daysBetweenIsSecondMinusFirstInCalendarDays() {
        assertNumber("30", eval("daysBetween(startDate, endDate)", DATES));
        assertNumber("-30", eval("daysBetween(endDate, startDate)", DATES));
        // 23:59 on the 14th to 10:30 on the 15th is one calendar day, though under 24 hours
        assertNumber("1", eval("daysBetween(submittedAt, now())", DATES));
    }

    @Test
    void addDaysKeepsTheKindOfItsArgument() {
        assertEquals(LocalDate.of(2024, 2, 1), eval("addDays(startDate, 1)", DATES));
        assertEquals(LocalDate.of(2024, 2, 29), eval("addDays(endDate, -1)", DATES));
        assertEquals(LocalDate.of(2024, 2, 1), eval("addDays(startDate, 1.0)", DATES));
        assertEquals(LocalDateTime.of(2024, 3, 15, 23, 59), eval("addDays(submittedAt, 1)", DATES));
        assertNull(eval("addDays(startDate, 1.5)", DATES));
    }

    @Test
    void addDaysOutOfTheCalendarRangeIsNull() {
        assertNull(eval("addDays(startDate, 1)", vars("startDate", LocalDate.MAX)));
        assertNull(eval("addDays(startDate, 100000000)", DATES));
    }

    @Test
    void datesCompareWithDates() {
        assertEquals(true, eval("startDate < endDate", DATES));
        assertEquals(true, eval("endDate >= date('2024-03-01')", DATES));
        assertEquals(true, eval("submittedAt < now()", DATES));
        assertEquals(true, eval("addDays(startDate, 30) == endDate", DATES));
        assertEquals(LocalDate.of(2024, 3, 1), eval("max(startDate, endDate)", DATES));
    }

    @Test
    void dateConvertsStringsAndDateTimes() {
        assertEquals(LocalDate.of(2024, 1, 31), eval("date('2024-01-31')"));
        assertEquals(LocalDate.of(2024, 3, 14), eval("date(submittedAt)", DATES));
        assertNull(eval("date(name)", vars("name", "31/01/2024")));
    }
}
