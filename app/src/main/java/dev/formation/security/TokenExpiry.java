package dev.formation.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.ExpirationJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.JWTClaimsSetUtils;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Date;

/**
 * A token must carry an expiry, and it must lie ahead on the app's clock. (Micronaut's own check
 * reads the system time and lets a token without expiry live for ever.)
 */
@Singleton
@Replaces(ExpirationJwtClaimsValidator.class)
public class TokenExpiry<T> implements GenericJwtClaimsValidator<T> {

    private final Clock clock;

    public TokenExpiry(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean validate(Claims claims, T request) {
        Date expiry = JWTClaimsSetUtils.jwtClaimsSetFromClaims(claims).getExpirationTime();
        return expiry != null && clock.instant().isBefore(expiry.toInstant());
    }
}
