package dev.formation.report.render;

import dev.formation.report.render.ReportLayout.ColumnType;
import net.sf.jasperreports.engine.JRDataSource;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRField;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
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
 * <p>
 * A chart's category is never null: a row without one belongs to the "not set" category. A typed
 * table column is an Object field whose description names its type: it converts its values by that
 * type and shows a {@link NotSet} group as its label.
 */
final class RowDataSource implements JRDataSource {

    private final Iterator<? extends Map<String, ?>> rows;
    private final ZoneId zone;
    private final String notSet;
    private Map<String, ?> row;
    private long index;

    /** @param notSet the category of rows without one */
    RowDataSource(Iterator<? extends Map<String, ?>> rows, ZoneId zone, String notSet) {
        this.rows = rows;
        this.zone = zone;
        this.notSet = notSet;
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
        if (value instanceof NotSet n) {
            return n.label();
        }
        if (TemplateGenerator.CATEGORY_FIELD.equals(field.getName())
                && (value == null || value instanceof CharSequence s && s.toString().isBlank())) {
            return notSet;
        }
        try {
            if (field.getName().startsWith(TemplateGenerator.SERIAL_FIELD)) {
                return value == null ? null : Values.serial(Values.dateTime(value, zone));
            }
            if (field.getValueClass() == Object.class && field.getDescription() != null) {
                // a typed table column: its values convert by its type, its not-set label stays text (above)
                return convert(value, TemplateGenerator.valueClass(ColumnType.valueOf(field.getDescription())));
            }
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
            return Values.text(value, zone);
        }
        if (type == BigDecimal.class) {
            return Values.decimal(value);
        }
        if (type == Long.class) {
            return Values.decimal(value).setScale(0, RoundingMode.HALF_UP).longValueExact();
        }
        if (type == Integer.class) {
            return Values.decimal(value).setScale(0, RoundingMode.HALF_UP).intValueExact();
        }
        if (type == Double.class) {
            return Values.decimal(value).doubleValue();
        }
        if (type == Date.class) {
            return Values.utilDate(value, zone);
        }
        // hand-made templates may declare other classes; JasperReports reports a mismatch itself
        return value;
    }
}
