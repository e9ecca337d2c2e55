package dev.formation.store;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Connections outside any transaction, for work that must commit on its own or outlive one:
 * schema sync, streamed file parts, health checks. The injected DataSource only hands out the
 * current transaction's connection.
 */
@Singleton
public class DirectConnections {

    private final DataSource raw;

    public DirectConnections(DataSource dataSource) {
        this.raw = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** A connection of the current tenant's schema, outside any transaction. */
    public Connection open() throws SQLException {
        return raw.getConnection();
    }

    /** The pool itself (connections of the current tenant), for tools that take a DataSource such as Flyway. */
    public DataSource dataSource() {
        return raw;
    }
}
