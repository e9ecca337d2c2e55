package dev.formation.store;

/**
 * One column a field needs. {@code kind} groups SQL types that hold the same values, so
 * schema sync can tell a harmless difference from an incompatible type change. A VARCHAR's
 * {@code varcharLength} counts characters (code points), whatever unit the database counts in;
 * a DECIMAL carries its {@code precision} and {@code scale}.
 */
public record Column(String name, Kind kind, String sqlType, int varcharLength, boolean unique, boolean indexed,
                     int precision, int scale) {

    public enum Kind { TEXT, DECIMAL, INTEGER, DATE, DATETIME, BOOLEAN }

    public Column(String name, Kind kind, String sqlType, int varcharLength, boolean unique, boolean indexed) {
        this(name, kind, sqlType, varcharLength, unique, indexed, 0, 0);
    }

    public boolean isVarchar() {
        return varcharLength > 0;
    }

    /** The type to declare on this database: a VARCHAR sized so that it holds its length in characters. */
    public String sqlType(Database db) {
        return isVarchar() ? db.varchar(varcharLength) : sqlType;
    }

    /** Bytes the column takes in a MySQL row (utf8mb4 VARCHAR counts 4 per character). */
    public int rowBytes() {
        if (isVarchar()) {
            return varcharLength * 4 + 2;
        }
        return switch (kind) {
            case TEXT -> 12;
            case DECIMAL -> 12;
            case INTEGER, DATETIME -> 8;
            case DATE -> 3;
            case BOOLEAN -> 1;
        };
    }

    Column asText() {
        return new Column(name, Kind.TEXT, "TEXT", 0, false, false);
    }

    Column withVarcharLength(int length) {
        return new Column(name, kind, "VARCHAR(" + length + ")", length, unique, indexed);
    }
}
