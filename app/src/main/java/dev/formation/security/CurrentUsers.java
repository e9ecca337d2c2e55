package dev.formation.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.formation.config.FormationSettings;
import dev.formation.core.TenantScope;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * The users behind tokens, read from the database and kept for a few seconds
 * ({@code formation.user-cache-seconds}) so that checking every request costs no query. A change
 * to a user forgets the entry on the node that made it, so it counts there at once; other nodes
 * see it when their entry runs out.
 */
@Singleton
public class CurrentUsers {

    private final Tx tx;
    private final UserRepository accounts;
    private final Cache<String, CurrentUser> cache;

    public CurrentUsers(Tx tx, UserRepository accounts, FormationSettings settings) {
        this.tx = tx;
        this.accounts = accounts;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofSeconds(Math.max(0, settings.getUserCacheSeconds())))
                .maximumSize(10_000)
                .build();
    }

    /** The user as of at most a few seconds ago; empty when no such user exists. */
    public Optional<CurrentUser> find(String username) {
        // a missing user is not cached: the loader's null leaves no entry
        return Optional.ofNullable(cache.get(key(username), k -> load(username).orElse(null)));
    }

    /** The user as the database has them this moment (for issuing a token), kept for the next requests. */
    public Optional<CurrentUser> fresh(String username) {
        Optional<CurrentUser> user = load(username);
        user.ifPresentOrElse(u -> cache.put(key(username), u), () -> cache.invalidate(key(username)));
        return user;
    }

    /** Drops the user's entry after a change to them, so the next request reads the change. */
    public void forget(String username) {
        cache.invalidate(key(username));
    }

    /** Users are the current tenant's: two tenants may each have an {@code admin}. */
    private static String key(String username) {
        return TenantScope.current() + '/' + username;
    }

    private Optional<CurrentUser> load(String username) {
        return tx.read(c -> accounts.findTokenHolder(username))
                // a case-insensitive collation may match another spelling; tokens name the exact one
                .filter(u -> username.equals(u.username()))
                .map(u -> new CurrentUser(u.username(), u.name(), u.department(), UserAccount.roleList(u.roles()),
                        u.enabled(), u.tokenVersion()));
    }
}
