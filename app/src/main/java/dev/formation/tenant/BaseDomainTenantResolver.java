package dev.formation.tenant;

import dev.formation.core.TenantScope;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.multitenancy.tenantresolver.AbstractSubdomainTenantResolver;

import java.io.Serializable;
import java.util.Locale;

/**
 * The tenant of a page by its host's sub-domain under the configured base domain
 * ({@code formation.tenants.base-domain}): {@code acme.crm.example.com} under
 * {@code crm.example.com} is {@code acme}. Micronaut Multitenancy finds the host (forwarding
 * headers included, as {@code micronaut.server.host-resolution} says); its own sub-domain
 * resolver takes every label before the last two, which a base domain of three labels defeats.
 * The base domain itself and any other host are the tenant {@code default}.
 */
final class BaseDomainTenantResolver extends AbstractSubdomainTenantResolver {

    private final String suffix;

    BaseDomainTenantResolver(HttpHostResolver hosts, String baseDomain) {
        super(hosts);
        this.suffix = "." + baseDomain.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    protected Serializable resolveSubdomain(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        int port = name.lastIndexOf(':');
        if (port > 0 && name.indexOf(']') < port) {
            name = name.substring(0, port);
        }
        if (!name.endsWith(suffix)) {
            return TenantScope.DEFAULT;
        }
        String label = name.substring(0, name.length() - suffix.length());
        return label.isEmpty() || label.contains(".") ? TenantScope.DEFAULT : label;
    }
}
