package dev.formation.store;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.core.order.Ordered;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import javax.sql.DataSource;

/**
 * Wraps the configured pool as it is created, before anyone else receives it, in a
 * {@link TenantDataSource}: the one place where a connection learns its tenant.
 */
@Singleton
public class TenantRouting implements BeanCreatedEventListener<DataSource>, Ordered {

    private final TenantSchemas schemas;

    public TenantRouting(TenantSchemas schemas) {
        this.schemas = schemas;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        DataSource created = event.getBean();
        return created instanceof TenantDataSource ? created : new TenantDataSource(created, schemas);
    }

    /**
     * First, so it wraps the pool itself: Micronaut Data wraps the data source in turn into one that
     * hands out the current transaction's connection, which must already be the tenant's.
     */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
