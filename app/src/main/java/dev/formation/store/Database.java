package dev.formation.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The few things that differ between the embedded H2 (MySQL mode) and MySQL/MariaDB. */
public enum Database {
    H2, MYSQL;

    public static Database of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return product.contains("h2") ? H2 : MYSQL;
    }

    /** Table options: utf8mb4 and a row format that keeps TEXT off-page on MySQL. */
    public String tableOptions() {
        return this == MYSQL ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci ROW_FORMAT=DYNAMIC" : "";
    }

    /**
     * A VARCHAR that holds {@code characters} code points. MySQL counts utf8mb4 characters, which
     * are code points; H2 counts UTF-16 units, of which a code point outside the BMP (𠮷) takes
     * two, so H2 gets twice the units and the validator keeps the limit in code points.
     */
    public String varchar(int characters) {
        return "VARCHAR(" + (this == H2 ? characters * 2 : characters) + ")";
    }

    /** The code points a VARCHAR of this declared size is sure to hold. */
    public int charactersHeld(int declaredSize) {
        return this == H2 ? declaredSize / 2 : declaredSize;
    }

    public String modifyColumn(String table, String column, String type) {
        return this == MYSQL
                ? "ALTER TABLE " + SqlNames.q(table) + " MODIFY COLUMN " + SqlNames.q(column) + " " + type + " NULL"
                : "ALTER TABLE " + SqlNames.q(table) + " ALTER COLUMN " + SqlNames.q(column) + " SET DATA TYPE " + type;
    }

    /** MySQL's and MariaDB's ER_LOCK_WAIT_TIMEOUT: a row lock, or a table's metadata lock, waited its whole time. */
    public static final int MYSQL_LOCK_WAIT_TIMEOUT = 1205;

    /** Whether the statement gave up waiting for a lock (on MySQL/MariaDB). */
    public static boolean isLockWaitTimeout(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == MYSQL_LOCK_WAIT_TIMEOUT) {
                return true;
            }
        }
        return false;
    }

    /** Whether a repository's failure (which wraps the driver's exception) is a duplicate key. */
    public static boolean isUniqueViolation(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && isUniqueViolation(sql)) {
                return true;
            }
        }
        return false;
    }

    /** SQLSTATE class 23 is an integrity constraint violation on both. */
    public static boolean isUniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = x.getSQLState();
            if (state != null && (state.equals("23000") || state.equals("23505") || state.equals("23001"))) {
                return true;
            }
            if (x.getErrorCode() == 1062) {
                return true;
            }
        }
        return false;
    }
}
