package dev.formation.store;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * The pool, with every connection pointed at the current tenant's schema as it is taken: so the
 * repositories, the record SQL and the schema sync all work on the tenant of the request without
 * knowing it. The pool (Hikari) puts the catalog or schema back when the connection returns.
 */
final class TenantDataSource implements DataSource {

    private final DataSource pool;
    private final TenantSchemas schemas;

    TenantDataSource(DataSource pool, TenantSchemas schemas) {
        this.pool = pool;
        this.schemas = schemas;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pointed(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return pointed(pool.getConnection(username, password));
    }

    private Connection pointed(Connection c) throws SQLException {
        try {
            schemas.point(c);
            return c;
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException | RuntimeException closing) {
                // the first failure is the one to report
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
