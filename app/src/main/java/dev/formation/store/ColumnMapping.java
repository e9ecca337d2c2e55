package dev.formation.store;

import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.NumberLimits;
import dev.formation.form.Rollup;

import java.util.ArrayList;
import java.util.List;

/**
 * Which columns a field is stored in. Text is TEXT unless something must index it: MySQL
 * counts every VARCHAR at four bytes a character against its 65,535-byte row limit, so a
 * form of hundreds of VARCHAR(255) fields could not be created.
 */
public final class ColumnMapping {

    /** Row bytes kept for VARCHARs; the rest of MySQL's 65,535 is headroom for fixed columns. */
    static final int VARCHAR_BUDGET = 48_000;

    /** Digits of a rollup sum's column: a thousand billion times the largest money value still fits. */
    static final int SUM_PRECISION = 30;

    private ColumnMapping() {
    }

    public static List<Column> columns(Form form, Field field) {
        boolean indexed = field.indexed() || form.filters().contains(field.key())
                || form.defaultSort().replace("-", "").equals(field.key());
        return columns(field, indexed);
    }

    public static List<Column> childColumns(Field field) {
        return columns(field, field.indexed());
    }

    private static List<Column> columns(Field field, boolean indexed) {
        String name = field.key();
        boolean unique = field.unique();
        List<Column> out = new ArrayList<>(3);
        switch (field.valueType()) {
            case TEXT -> {
                int max = field.maxTextLength();
                if ((unique || indexed) && max <= 255) {
                    out.add(varchar(name, max, unique, indexed));
                } else {
                    out.add(text(name, max));
                }
            }
            case TEXTAREA -> out.add(text(name, field.maxTextLength()));
            case MONEY, PERCENT, NUMBER -> {
                NumberLimits limits = field.numberLimits();
                // a total of many values can pass what one of them may hold: its column has room to spare
                int precision = field.rollup() != null && field.rollup().op() == Rollup.Op.SUM
                        ? SUM_PRECISION : limits.precision();
                out.add(decimal(name, precision, limits.scale(), unique, indexed));
            }
            case INTEGER, REFERENCE -> out.add(new Column(name, Column.Kind.INTEGER, "BIGINT", 0, unique,
                    indexed || field.type() == FieldType.REFERENCE));
            case DATE -> out.add(new Column(name, Column.Kind.DATE, "DATE", 0, unique, indexed));
            case DATETIME -> out.add(new Column(name, Column.Kind.DATETIME, "DATETIME", 0, unique, indexed));
            case BOOLEAN -> out.add(new Column(name, Column.Kind.BOOLEAN, "BOOLEAN", 0, false, indexed));
            case SELECT, USER, DEPARTMENT -> out.add(varchar(name, 64, unique, indexed));
            case AUTONUMBER -> out.add(varchar(name, 64, true, true));
            case MOBILE -> out.add(varchar(name, 20, unique, indexed));
            case PHONE -> out.add(varchar(name, 40, unique, indexed));
            case REGION -> out.add(varchar(name, 100, unique, indexed));
            case EMAIL -> out.add(unique || indexed ? varchar(name, 254, unique, indexed) : text(name, 254));
            case MULTISELECT, ATTACHMENT, IMAGE, URL -> out.add(text(name, 4000));
            case ADDRESS -> {
                out.add(text(name, 500));
                out.add(decimal(name + "_lng", 10, 6, false, false));
                out.add(decimal(name + "_lat", 10, 6, false, false));
            }
            case TABLE, COMPUTED, ROLLUP -> {
                // a table is a child table; computed and rollup fields take their result type's column above
            }
        }
        return out;
    }

    /** {@code length} counts characters (code points); the database decides how to declare that. */
    private static Column varchar(String name, int length, boolean unique, boolean indexed) {
        return new Column(name, Column.Kind.TEXT, "VARCHAR(" + length + ")", length, unique, indexed);
    }

    private static Column text(String name, int maxChars) {
        return new Column(name, Column.Kind.TEXT, maxChars > 16_000 ? "MEDIUMTEXT" : "TEXT", 0, false, false);
    }

    private static Column decimal(String name, int precision, int scale, boolean unique, boolean indexed) {
        return new Column(name, Column.Kind.DECIMAL, "DECIMAL(" + precision + "," + scale + ")", 0, unique, indexed,
                precision, scale);
    }
}
