package dev.formation.report.render;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * Row values of any common Java type read as the one type a column needs: rows from SQL, JSON or
 * code carry Integer, Double, LocalDate, Timestamp, text... and every format of this package
 * (PDF, XLSX, CSV, the measured widths) must read them the same way.
 */
final class Values {

    /** Day 0 of spreadsheet serial dates (1900 date system, as Excel and LibreOffice count it after February 1900). */
    private static final LocalDateTime SERIAL_EPOCH = LocalDateTime.of(1899, 12, 30, 0, 0);
    private static final double SECONDS_PER_DAY = 86_400;
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    /** Date-times read to the second everywhere; ISO's own format drops ":00" seconds. */
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Values() {
    }

    /** A value as text: dates and date-times in the report formats, numbers in plain digits. */
    static String text(Object value, ZoneId zone) {
        if (value instanceof LocalDate || value instanceof java.sql.Date) {
            return DATE.format(date(value, zone));
        }
        if (hasTime(value) && !(value instanceof CharSequence)) {
            return DATE_TIME.format(dateTime(value, zone));
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value.toString();
    }

    static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Float f) {
            // through the shortest decimal string, so 0.1f becomes 0.1 and not 0.100000001490116...
            return new BigDecimal(Float.toString(f));
        }
        if (value instanceof Number n) {
            return new BigDecimal(Double.toString(n.doubleValue()));
        }
        return new BigDecimal(value.toString().trim().replace(",", ""));
    }

    /** The local date-time of a value, to the second; a date alone is its midnight. */
    static LocalDateTime dateTime(Object value, ZoneId zone) {
        LocalDateTime t;
        if (value instanceof java.sql.Date d) {
            // a SQL DATE has no time zone: its calendar date, not its instant
            t = d.toLocalDate().atStartOfDay();
        } else if (value instanceof java.sql.Timestamp ts) {
            t = ts.toLocalDateTime();
        } else if (value instanceof LocalDateTime ldt) {
            t = ldt;
        } else if (value instanceof LocalDate d) {
            t = d.atStartOfDay();
        } else if (value instanceof CharSequence s) {
            String text = s.toString().trim();
            t = text.length() <= 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text.replace(' ', 'T'));
        } else {
            t = LocalDateTime.ofInstant(instant(value), zone);
        }
        return t.truncatedTo(ChronoUnit.SECONDS);
    }

    static LocalDate date(Object value, ZoneId zone) {
        return dateTime(value, zone).toLocalDate();
    }

    /** Whether a value is a date and a time rather than a calendar date. */
    static boolean hasTime(Object value) {
        return value instanceof LocalDateTime || value instanceof Instant || value instanceof OffsetDateTime
                || value instanceof ZonedDateTime || value instanceof java.sql.Timestamp
                || value instanceof Date && !(value instanceof java.sql.Date)
                || value instanceof CharSequence s && s.toString().trim().length() > 10;
    }

    /**
     * The spreadsheet serial of a local date-time: whole days since day 0 plus the fraction of the
     * day, computed from exact seconds in one division, so that the double is the one nearest to
     * the true value. JasperReports' own conversion goes through a Julian day number and lands a few
     * microseconds low, which a spreadsheet truncating to seconds shows as 09:14:59 for 09:15.
     */
    static double serial(LocalDateTime t) {
        return ChronoUnit.SECONDS.between(SERIAL_EPOCH, t) / SECONDS_PER_DAY;
    }

    static Date utilDate(Object value, ZoneId zone) {
        if (value instanceof Date d && !(value instanceof java.sql.Date)) {
            return d;
        }
        return Date.from(dateTime(value, zone).atZone(zone).toInstant());
    }

    private static Instant instant(Object value) {
        if (value instanceof Date d) {
            return d.toInstant();
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof ZonedDateTime t) {
            return t.toInstant();
        }
        return (Instant) value;
    }
}
