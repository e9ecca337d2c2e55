/**
 * Tenants: one deployment serves many companies, each with its own schema ({@code formation_<tenant>}
 * on MySQL/MariaDB, a schema of the embedded H2), users, metadata layer, files and jobs. The tenant
 * {@code default} is the configured database as a single-company installation has it.
 *
 * <p>{@link dev.formation.tenant.Tenants} is the platform's list (its table lives in the
 * {@code default} database) and runs jobs once per active tenant;
 * {@link dev.formation.tenant.TenantResolution} finds the tenant a request names (Micronaut
 * Multitenancy's header and sub-domain resolvers); {@link dev.formation.tenant.TenantProvisioning}
 * makes a tenant in one call; {@link dev.formation.tenant.PlatformAdministration} is what platform
 * administrators may do; {@link dev.formation.tenant.TenantStartup} migrates the platform and every
 * active tenant at start-up. The current tenant itself is {@link dev.formation.core.TenantScope},
 * below every layer, so connections ({@code store.TenantRouting}) and the metadata holder follow it.
 */
package dev.formation.tenant;
