package dev.formation.tenant;

import dev.formation.config.TenantSettings;
import dev.formation.core.TenantScope;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.multitenancy.exceptions.TenantNotFoundException;
import io.micronaut.multitenancy.tenantresolver.HttpHeaderTenantResolver;
import io.micronaut.multitenancy.tenantresolver.HttpRequestTenantResolver;
import jakarta.inject.Singleton;

import java.io.Serializable;
import java.util.Optional;

/**
 * Which tenant a request names, by Micronaut Multitenancy's resolvers: the {@code X-Tenant}
 * header (API clients), else the sub-domain under {@code formation.tenants.base-domain} (pages).
 * Empty when it names none; the token's claim and then {@code default} decide then
 * (see {@code web.tenant.TenantFilter}).
 */
@Singleton
public class TenantResolution {

    /** The header API clients name their tenant with. */
    public static final String HEADER = "X-Tenant";

    private final HttpHeaderTenantResolver header;
    private final HttpRequestTenantResolver subdomain;

    public TenantResolution(HttpHeaderTenantResolver header, HttpHostResolver hosts, TenantSettings settings) {
        this.header = header;
        this.subdomain = settings.getBaseDomain().isBlank() ? null
                : new BaseDomainTenantResolver(hosts, settings.getBaseDomain());
    }

    public Optional<String> named(HttpRequest<?> request) {
        Optional<String> byHeader = resolve(header, request).filter(t -> !t.isBlank());
        return byHeader.isPresent() ? byHeader : bySubdomain(request);
    }

    /** The tenant the host names, if sub-domains are configured and it names one. */
    public Optional<String> bySubdomain(HttpRequest<?> request) {
        return subdomain == null ? Optional.empty()
                : resolve(subdomain, request).filter(t -> !TenantScope.isDefault(t));
    }

    private static Optional<String> resolve(HttpRequestTenantResolver resolver, HttpRequest<?> request) {
        try {
            Serializable found = resolver.resolveTenantIdentifier(request);
            return found == null ? Optional.empty() : Optional.of(found.toString().strip());
        } catch (TenantNotFoundException e) {
            // the request names no tenant this way
            return Optional.empty();
        }
    }
}
