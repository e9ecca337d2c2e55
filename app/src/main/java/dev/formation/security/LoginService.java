package dev.formation.security;

import dev.formation.core.Actor;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a username and password and issues the signed token that both the API (bearer
 * header) and the pages (HttpOnly cookie) carry (see {@link UserTokens}); logging out ends the
 * user's tokens.
 */
@Singleton
public class LoginService {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final UserTokens tokens;
    private final LoginLog log;
    private final Lockout lockout;

    public LoginService(UserRepository users, PasswordHasher hasher, UserTokens tokens, LoginLog log,
                        Lockout lockout) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.log = log;
        this.lockout = lockout;
    }

    /** Outcome of a login attempt; {@code user} is present only on success. */
    public record Attempt(String outcome, Optional<UserAccount> user) {
        public boolean ok() {
            return user.isPresent();
        }
    }

    /**
     * Checks a login and logs it. A name locked from this client address is refused even with
     * the right password, and the refusal is logged, so guessing cannot go on while the lock
     * lasts; the same name from another address is not affected.
     */
    public Attempt attempt(String username, String password, String clientAddress) {
        if (username == null || password == null || username.isBlank()) {
            return new Attempt(LoginLog.FAILURE, Optional.empty());
        }
        String name = username.trim();
        if (lockout.isLocked(name, clientAddress)) {
            hasher.burnTime(password);
            log.record(name, LoginLog.LOCKED, clientAddress);
            return new Attempt(LoginLog.LOCKED, Optional.empty());
        }
        Optional<UserAccount> user = users.findByUsername(name);
        if (user.isEmpty()) {
            hasher.burnTime(password);
            log.record(name, LoginLog.FAILURE, clientAddress);
            return new Attempt(LoginLog.FAILURE, Optional.empty());
        }
        if (!hasher.matches(password, user.get().passwordHash())) {
            log.record(name, LoginLog.FAILURE, clientAddress);
            return new Attempt(LoginLog.FAILURE, Optional.empty());
        }
        if (!user.get().enabled()) {
            log.record(name, LoginLog.DISABLED, clientAddress);
            return new Attempt(LoginLog.DISABLED, Optional.empty());
        }
        log.record(name, LoginLog.SUCCESS, clientAddress);
        return new Attempt(LoginLog.SUCCESS, user);
    }

    public String token(UserAccount user) {
        return tokens.issue(user.username());
    }

    /** Logging out ends every token of the user, on every device: tokens are not told apart. */
    public void logout(String username) {
        tokens.revokeAll(username);
    }

    /**
     * The acting user as the engine sees them. The authentication is built from the user as
     * the database has them now ({@link UserAuthentication}), not from the token's claims.
     */
    public static Actor actor(Authentication authentication) {
        Map<String, Object> a = authentication.getAttributes();
        return new Actor(authentication.getName(), (String) a.getOrDefault("name", authentication.getName()),
                (String) a.get("department"), List.copyOf(authentication.getRoles()));
    }
}
