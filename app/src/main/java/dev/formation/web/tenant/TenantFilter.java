package dev.formation.web.tenant;

import com.nimbusds.jwt.JWTParser;
import dev.formation.core.TenantScope;
import dev.formation.i18n.Texts;
import dev.formation.security.UserTokens;
import dev.formation.tenant.Tenant;
import dev.formation.tenant.TenantResolution;
import dev.formation.tenant.Tenants;
import dev.formation.web.RequestLocale;
import dev.formation.web.error.Problem;
import dev.formation.web.protection.SessionCookie;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.text.ParseException;
import java.util.Optional;

/**
 * Puts every request in its tenant's {@link TenantScope} before security runs: the tenant the
 * {@code X-Tenant} header or the sub-domain names, else the one the login token names, else
 * {@code default}. A token of another tenant than the one named answers 401; an unknown tenant
 * 401; a suspended one 403, on the API and the pages alike. The token's claim is read here only to
 * choose; its signature is checked by security right after, and a forged claim fails there.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class TenantFilter implements Ordered {

    private static final String BEARER = "Bearer ";

    private final TenantResolution resolution;
    private final Tenants tenants;

    public TenantFilter(TenantResolution resolution, Tenants tenants) {
        this.resolution = resolution;
        this.tenants = tenants;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> scope(HttpRequest<?> request, MutablePropagatedContext context) {
        Optional<String> named = resolution.named(request);
        Optional<String> claimed = token(request).map(TenantFilter::tenantOf);
        String tenant = named.orElseGet(() -> claimed.orElse(TenantScope.DEFAULT));
        if (claimed.isPresent() && !claimed.get().equals(tenant)) {
            return Problem.of(HttpStatus.UNAUTHORIZED, Texts.get(RequestLocale.of(request), "tenant.otherToken"));
        }
        Optional<Tenant> found = tenants.find(tenant);
        if (found.isEmpty()) {
            return Problem.of(HttpStatus.UNAUTHORIZED, Texts.get(RequestLocale.of(request), "tenant.unknown"));
        }
        if (!found.get().active()) {
            return Problem.of(HttpStatus.FORBIDDEN, Texts.get(RequestLocale.of(request), "tenant.suspended"));
        }
        context.add(new TenantScope(tenant));
        return null;
    }

    private static Optional<String> token(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(header.substring(BEARER.length()).strip());
        }
        return SessionCookie.of(request);
    }

    /** The tenant a token names: its claim, {@code default} without one; a token that is no JWT names none of its own. */
    private static String tenantOf(String token) {
        try {
            Object claim = JWTParser.parse(token).getJWTClaimsSet().getClaim(UserTokens.TENANT);
            return claim == null ? TenantScope.DEFAULT : claim.toString();
        } catch (ParseException e) {
            // not a token at all: security refuses it; it names no tenant here
            return TenantScope.DEFAULT;
        }
    }

    /** Right after the metadata pin, before security and everything else. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 1;
    }
}
