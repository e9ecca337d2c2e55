package dev.formation.store;

import dev.formation.config.TenantSettings;
import dev.formation.core.TenantScope;
import org.flywaydb.core.Flyway;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tenants' schemas: a database {@code formation_<tenant>} on MySQL/MariaDB, a schema of the
 * embedded H2 database. The tenant {@code default} is the configured database itself, untouched.
 * The platform's own tables (the tenants, the platform administrators) live in the configured
 * database too, migrated from {@code db/platform} with their own history table.
 */
@Singleton
public class TenantSchemas {

    private static final Logger LOG = LoggerFactory.getLogger(TenantSchemas.class);

    /** The app's tables, as in every tenant's schema. */
    static final String APP_MIGRATIONS = "classpath:db/migration";
    static final String PLATFORM_MIGRATIONS = "classpath:db/platform";
    static final String PLATFORM_HISTORY = "platform_schema_history";

    private final String prefix;
    private volatile Home home;
    private volatile boolean pointedAway;

    public TenantSchemas(TenantSettings settings) {
        this.prefix = settings.getSchemaPrefix();
    }

    /** The schema of a tenant other than {@code default}; keys are checked against {@link TenantScope#KEY} first. */
    public String schemaOf(String tenant) {
        if (!TenantScope.KEY.matcher(tenant).matches()) {
            throw new IllegalArgumentException("not a tenant key: " + tenant);
        }
        return prefix + tenant;
    }

    /**
     * Points a connection just taken from the pool at the current tenant's schema, or back at the
     * configured one for {@code default}: the pool does not put a changed schema back by itself.
     */
    void point(Connection c) throws SQLException {
        Home home = homeOf(c);
        String tenant = TenantScope.current();
        if (TenantScope.isDefault(tenant) && !pointedAway) {
            // no connection was ever pointed elsewhere: a single company's connections are as they were
            return;
        }
        pointedAway = true;
        String target = TenantScope.isDefault(tenant) ? home.name() : schemaOf(tenant);
        if (home.database() == Database.H2) {
            if (!target.equalsIgnoreCase(c.getSchema())) {
                c.setSchema(target);
            }
        } else if (!target.equals(c.getCatalog())) {
            // Connector/J answers getCatalog from what it knows: no round trip when nothing changes
            c.setCatalog(target);
        }
    }

    /** The configured database's kind and its own schema (H2) or database (MySQL/MariaDB): the tenant {@code default}'s. */
    private record Home(Database database, String name) {
    }

    /** Read from the first connection handed out, before any tenant could have pointed one elsewhere. */
    private Home homeOf(Connection c) throws SQLException {
        Home known = home;
        if (known == null) {
            Database db = Database.of(c);
            known = new Home(db, db == Database.H2 ? c.getSchema() : c.getCatalog());
            home = known;
        }
        return known;
    }

    /** The platform's tables in the configured database, before anything reads them. */
    public void migratePlatform(DataSource dataSource) {
        TenantScope.run(TenantScope.DEFAULT, () -> Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource).locations(PLATFORM_MIGRATIONS).table(PLATFORM_HISTORY)
                .baselineOnMigrate(true).baselineVersion("0").load().migrate());
    }

    /** Creates the tenant's schema if it is missing and brings its tables up to this version of the app. */
    public void migrate(DataSource dataSource, String tenant) {
        String schema = schemaOf(tenant);
        TenantScope.run(TenantScope.DEFAULT, () -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                // the name is the checked key behind a configured prefix; DDL takes no bind parameters
                if (Database.of(c) == Database.H2) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + SqlNames.q(schema));
                } else {
                    s.execute("CREATE DATABASE IF NOT EXISTS " + SqlNames.q(schema)
                            + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
                }
            } catch (SQLException e) {
                throw new StoreException(e);
            }
            var result = Flyway.configure(getClass().getClassLoader()).dataSource(dataSource)
                    .locations(APP_MIGRATIONS).schemas(schema).defaultSchema(schema).createSchemas(false)
                    .load().migrate();
            LOG.info("Tenant {}: schema {} at version {}", tenant, schema, result.targetSchemaVersion);
        });
    }
}
