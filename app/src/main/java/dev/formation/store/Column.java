package dev.formation.store;

/**
 * One column a field needs. {@code kind} groups SQL types that hold the same values, so
 * schema sync can tell a harmless difference from an incompatible type change.
 */
public record Column(String name, Kind kind, String sqlType, int varcharLength, boolean unique, boolean indexed) {

    public enum Kind { TEXT, DECIMAL, INTEGER, DATE, DATETIME, BOOLEAN }

    public boolean isVarchar() {
        return varcharLength > 0;
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
}
