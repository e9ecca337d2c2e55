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

    public LoginService(UserRepository users, PasswordHasher hasher, TokenGenerator tokens) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
    }

    public Optional<UserAccount> authenticate(String username, String password) {
        if (username == null || password == null || username.isBlank()) {
            return Optional.empty();
        }
        Optional<UserAccount> user = users.findByUsername(username.trim());
        if (user.isEmpty() || !user.get().enabled()) {
            hasher.burnTime(password);
            return Optional.empty();
        }
        return hasher.matches(password, user.get().passwordHash()) ? user : Optional.empty();
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
