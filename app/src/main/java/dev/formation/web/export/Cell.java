package dev.formation.web.export;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One value of an exported row, typed the way a spreadsheet should hold it: text stays text
 * (a credit code of 18 digits must never become a float), numbers carry how they are shown.
 */
sealed interface Cell {

    /** Text, including codes and labels. */
    record Text(String text) implements Cell {
    }

    /** A number, shown as its kind says (money with two decimals and grouping, and so on). */
    record Decimal(BigDecimal value, NumberKind kind) implements Cell {
    }

    record Day(LocalDate date) implements Cell {
    }

    record Moment(LocalDateTime time) implements Cell {
    }

    enum NumberKind { INTEGER, DECIMAL, MONEY, PERCENT }
}
