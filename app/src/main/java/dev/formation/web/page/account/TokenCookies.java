package dev.formation.web.page.account;

import dev.formation.security.UserTokens;
import dev.formation.web.protection.SessionCookie;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;

/** The pages' login cookie: HttpOnly, living as long as the token in it. */
@Singleton
class TokenCookies {

    static final String NAME = SessionCookie.NAME;

    private final UserTokens tokens;

    TokenCookies(UserTokens tokens) {
        this.tokens = tokens;
    }

    /** A cookie with a new token for the user; SecurityHeadersFilter marks it Secure over TLS, as every cookie. */
    Cookie issue(String username) {
        return Cookie.of(NAME, tokens.issue(username)).path("/").httpOnly(true).sameSite(SameSite.Lax)
                .maxAge(tokens.lifetime());
    }

    /** Tells the browser to drop the cookie. */
    static Cookie cleared() {
        return Cookie.of(NAME, "").path("/").httpOnly(true).sameSite(SameSite.Lax).maxAge(0);
    }
}
