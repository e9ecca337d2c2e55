package dev.formation.report.render;

import net.sf.jasperreports.engine.JRDataSource;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRField;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Iterator;
import java.util.Map;

/**
 * Feeds rows ({@code Map<String, ?>}, read one at a time, so a database cursor can stream
 * through) to a report, converting each value to the class its field declares: rows from SQL,
 * JSON or code carry Integer, Double, LocalDate, Timestamp... and the report's formats and sums
 * need exactly BigDecimal, Long, Date or String (hand-made templates may also ask for Integer or
 * Double). A field reads the row entry of its name; the generator's own fields (named {@code __...})
 * name the entry in their description instead, so that one entry can feed several fields.
 */
final class RowDataSource implements JRDataSource {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Iterator<? extends Map<String, ?>> rows;
    private final ZoneId zone;
    private Map<String, ?> row;
    private long index;

    RowDataSource(Iterator<? extends Map<String, ?>> rows, ZoneId zone) {
        this.rows = rows;
        this.zone = zone;
    }

    @Override
    public boolean next() {
        if (!rows.hasNext()) {
            return false;
        }
        Map<String, ?> next = rows.next();
        row = next == null ? Map.of() : next;
        index++;
        return true;
    }

    @Override
    public Object getFieldValue(JRField field) throws JRException {
        if (TemplateGenerator.SHADED_ROW_FIELD.equals(field.getName())) {
            // every second row, starting with the second
            return index % 2 == 0;
        }
        String key = field.getName().startsWith("__") && field.getDescription() != null ? field.getDescription()
                : field.getName();
        Object value = row.get(key);
        try {
            return convert(value, field.getValueClass());
        } catch (RuntimeException e) {
            throw new JRException("row " + index + ", '" + key + "': cannot show " + value.getClass().getSimpleName()
                    + " '" + value + "' as " + field.getValueClass().getSimpleName(), e);
        }
    }

    private Object convert(Object value, Class<?> type) {
        if (value == null || type.isInstance(value) && !(value instanceof java.sql.Date)) {
            return value;
        }
        if (type == String.class) {
            return text(value);
        }
        if (type == BigDecimal.class) {
            return decimal(value);
        }
        if (type == Long.class) {
            return decimal(value).setScale(0, RoundingMode.HALF_UP).longValueExact();
        }
        if (type == Integer.class) {
            return decimal(value).setScale(0, RoundingMode.HALF_UP).intValueExact();
        }
        if (type == Double.class) {
            return decimal(value).doubleValue();
        }
        if (type == Date.class) {
            return date(value);
        }
        // hand-made templates may declare other classes; JasperReports reports a mismatch itself
        return value;
    }

    private String text(Object value) {
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof LocalDateTime t) {
            return DATE_TIME.format(t);
        }
        if (value instanceof Date || value instanceof Instant || value instanceof OffsetDateTime
                || value instanceof ZonedDateTime) {
            LocalDateTime t = LocalDateTime.ofInstant(instant(value), zone);
            return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : DATE_TIME.format(t);
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value.toString();
    }

    private static BigDecimal decimal(Object value) {
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

    private Date date(Object value) {
        if (value instanceof java.sql.Date d) {
            // a SQL DATE has no time zone: read its calendar date, not its instant
            return date(d.toLocalDate());
        }
        if (value instanceof Date d) {
            return d;
        }
        if (value instanceof LocalDate d) {
            return Date.from(d.atStartOfDay(zone).toInstant());
        }
        if (value instanceof LocalDateTime t) {
            return Date.from(t.atZone(zone).toInstant());
        }
        if (value instanceof CharSequence s) {
            String text = s.toString().trim();
            return text.length() <= 10 ? date(LocalDate.parse(text)) : date(LocalDateTime.parse(text.replace(' ', 'T')));
        }
        return Date.from(instant(value));
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
