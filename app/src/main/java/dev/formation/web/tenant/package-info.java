/**
 * The tenant of a request, decided before security and everything else
 * ({@link dev.formation.web.tenant.TenantFilter}): header, sub-domain, the token's claim, else
 * {@code default}; refusals answer as problem+json, so it sits above {@code web.error}. The
 * platform's own API is {@link dev.formation.web.api.PlatformApi}.
 */
package dev.formation.web.tenant;
