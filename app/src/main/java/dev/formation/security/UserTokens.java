package dev.formation.security;

import dev.formation.core.TenantScope;
import dev.formation.store.Tx;
import io.micronaut.security.token.generator.AccessTokenConfiguration;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Issues and ends login tokens. A token names the user, when it was issued, when it expires
 * ({@code micronaut.security.token.generator.access-token.expiration}, read against the app's
 * clock), the user's token version and, for a tenant other than {@code default}, the tenant. It carries no roles: each request takes them from the
 * user as they are now (see {@link UserAuthentication}). Raising the version ends every token
 * the user holds, on every node, because every node compares it with the database's.
 */
@Singleton
public class UserTokens {

    /** The claim holding the user's token version. */
    public static final String VERSION = "ver";
    /** The claim naming the user's tenant; absent for the tenant {@code default}. */
    public static final String TENANT = "tenant";

    private static final Logger LOG = LoggerFactory.getLogger(UserTokens.class);

    private final TokenGenerator generator;
    private final Duration lifetime;
    private final Clock clock;
    private final CurrentUsers users;
    private final Tx tx;
    private final UserRepository accounts;

    public UserTokens(TokenGenerator generator, AccessTokenConfiguration configuration, Clock clock,
                      CurrentUsers users, Tx tx, UserRepository accounts) {
        this.accounts = accounts;
        this.generator = generator;
        this.lifetime = Duration.ofSeconds(configuration.getExpiration());
        this.clock = clock;
        this.users = users;
        this.tx = tx;
    }

    /** How long a token lasts; the page cookie lasts as long. */
    public Duration lifetime() {
        return lifetime;
    }

    /** A signed token for the user at their current token version. */
    public String issue(String username) {
        CurrentUser user = users.fresh(username)
                .orElseThrow(() -> new IllegalStateException("no user " + username + " to issue a token for"));
        Instant now = clock.instant();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", user.username());
        claims.put("iat", Date.from(now));
        claims.put("exp", Date.from(now.plus(lifetime)));
        claims.put(VERSION, user.tokenVersion());
        String tenant = TenantScope.current();
        if (!TenantScope.isDefault(tenant)) {
            claims.put(TENANT, tenant);
        }
        return generator.generateToken(claims)
                .orElseThrow(() -> new IllegalStateException("no token generator is configured"));
    }

    /** Ends every token the user holds now; the next login issues one at the new version. */
    public void revokeAll(String username) {
        tx.write(c -> {
            accounts.advanceTokenVersion(username);
            return null;
        });
        users.forget(username);
        LOG.debug("ended the tokens of {}", username);
    }
}
