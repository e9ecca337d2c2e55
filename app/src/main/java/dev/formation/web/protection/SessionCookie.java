package dev.formation.web.protection;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;

import java.util.Optional;

/** The pages' login: the token in the HttpOnly cookie the login page sets. */
public final class SessionCookie {

    public static final String NAME = "FORMATION_TOKEN";

    private SessionCookie() {
    }

    /** The login token the browser sent, if any (a cleared cookie is blank). */
    public static Optional<String> of(HttpRequest<?> request) {
        return request.getCookies().findCookie(NAME).map(Cookie::getValue).filter(v -> !v.isBlank());
    }
}
