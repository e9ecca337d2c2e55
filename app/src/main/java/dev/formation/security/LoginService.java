package dev.formation.security;

import dev.formation.record.Actor;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a username and password and issues the signed token that both the API (bearer
 * header) and the pages (HttpOnly cookie) carry. Tokens hold the user's name, department and
 * roles, so no node needs session state.
 */
@Singleton
public class LoginService {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final TokenGenerator tokens;
    private final LoginLog log;

    public LoginService(UserRepository users, PasswordHasher hasher, TokenGenerator tokens, LoginLog log) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.log = log;
    }

    /** Outcome of a login attempt; {@code user} is present only on success. */
    public record Attempt(String outcome, Optional<UserAccount> user) {
        public boolean ok() {
            return user.isPresent();
        }
    }

    public Optional<UserAccount> authenticate(String username, String password) {
        return attempt(username, password, null).user();
    }

    /**
     * Checks a login and logs it. A locked account is refused even with the right password,
     * and the refusal is logged, so guessing cannot go on while the lock lasts.
     */
    public Attempt attempt(String username, String password, String clientAddress) {
        if (username == null || password == null || username.isBlank()) {
            return new Attempt(LoginLog.FAILURE, Optional.empty());
        }
        String name = username.trim();
        if (log.isLocked(name)) {
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
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("name", user.name());
        if (user.department() != null) {
            attributes.put("department", user.department());
        }
        Authentication authentication = Authentication.build(user.username(), user.roleList(), attributes);
        return tokens.generateToken(authentication, null)
                .orElseThrow(() -> new IllegalStateException("no token generator is configured"));
    }

    /** The acting user as the engine sees them, from a validated token. */
    public static Actor actor(Authentication authentication) {
        Map<String, Object> a = authentication.getAttributes();
        return new Actor(authentication.getName(), (String) a.getOrDefault("name", authentication.getName()),
                (String) a.get("department"), java.util.List.copyOf(authentication.getRoles()));
    }
}
