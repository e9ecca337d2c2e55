package dev.formation.store;

import java.sql.SQLException;

/** A database error the caller did not expect; callers that expect one inspect {@link #sqlException()}. */
public final class StoreException extends RuntimeException {

    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public SQLException sqlException() {
        return (SQLException) getCause();
    }

    public boolean isUniqueViolation() {
        return Database.isUniqueViolation(sqlException());
    }
}
