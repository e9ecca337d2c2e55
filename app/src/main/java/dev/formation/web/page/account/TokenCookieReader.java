package dev.formation.web.page.account;

import dev.formation.web.protection.SessionCookie;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Reads the login token from the pages' HttpOnly cookie. Micronaut's own cookie reader only
 * runs in its cookie login mode, which would also take over {@code /login}; this keeps the
 * bearer header for API clients and adds the cookie for browsers.
 */
@Singleton
public class TokenCookieReader implements TokenReader<HttpRequest<?>> {

    /** After the bearer header reader, so an explicit header wins. */
    private static final int ORDER = 100;

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        return SessionCookie.of(request);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
