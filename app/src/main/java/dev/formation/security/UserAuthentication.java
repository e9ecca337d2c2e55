package dev.formation.security;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.formation.core.TenantScope;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.DefaultJwtAuthenticationFactory;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who a validly signed, unexpired token stands for: the user it names, as the database has them
 * now. The token is refused when that user does not exist, is disabled, or has a newer token
 * version (logged out, password changed or reset, disabled, lost a role), and when it was issued
 * by another tenant than the request's (its {@code tenant} claim, none for {@code default}). The roles, name and
 * department of the request are the user's, never the token's claims.
 *
 * <p>Runs on the blocking executor ({@code micronaut.security.token.jwt.nimbus
 * .reactive-validator-execute-on-blocking}), since a cache miss reads the database.
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
public class UserAuthentication implements JwtAuthenticationFactory {

    private static final Logger LOG = LoggerFactory.getLogger(UserAuthentication.class);

    private final CurrentUsers users;

    public UserAuthentication(CurrentUsers users) {
        this.users = users;
    }

    @Override
    public Optional<Authentication> createAuthentication(JWT token) {
        JWTClaimsSet claims;
        try {
            claims = token.getJWTClaimsSet();
        } catch (ParseException e) {
            return Optional.empty();
        }
        String username = claims.getSubject();
        if (username == null || !(claims.getClaim(UserTokens.VERSION) instanceof Number version)) {
            LOG.debug("refused a token without a subject or token version");
            return Optional.empty();
        }
        Object claimed = claims.getClaim(UserTokens.TENANT);
        String tenant = claimed == null ? TenantScope.DEFAULT : claimed.toString();
        if (!TenantScope.isDefault(tenant) && !TenantScope.KEY.matcher(tenant).matches()) {
            return Optional.empty();
        }
        // the request's tenant was checked against this claim before security ran (web.tenant.TenantFilter);
        // the user is looked up in the claim's tenant explicitly, whichever thread this runs on
        Optional<CurrentUser> user = TenantScope.within(tenant, () -> users.find(username))
                .filter(CurrentUser::enabled)
                .filter(u -> u.tokenVersion() == version.intValue());
        if (user.isEmpty()) {
            LOG.debug("refused a token of {}: no such enabled user, or the token was ended", username);
            return Optional.empty();
        }
        return Optional.of(authentication(user.get()));
    }

    private static Authentication authentication(CurrentUser user) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("name", user.name());
        if (user.department() != null) {
            attributes.put("department", user.department());
        }
        return Authentication.build(user.username(), user.roles(), attributes);
    }
}
