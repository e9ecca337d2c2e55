package dev.formation.web.page;

import dev.formation.i18n.Texts;
import dev.formation.web.RequestLocale;
import dev.formation.web.error.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.http.filter.ServerFilterPhase;

import java.util.Set;

/**
 * Sets the CSRF cookie when a page made a token, and refuses API writes that ride on the page
 * cookie without the token header. Bearer-token clients are not exposed to CSRF (a browser
 * never adds that header by itself), so they need no token.
 */
@ServerFilter("/**")
public class CsrfFilter {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @RequestFilter
    @Nullable
    public HttpResponse<?> checkApi(HttpRequest<?> request) {
        if (!request.getPath().startsWith("/api/") || SAFE.contains(request.getMethod())
                || request.getHeaders().getAuthorization().isPresent() || request.getPath().equals("/api/login")) {
            return null;
        }
        boolean cookieAuth = request.getCookies().findCookie("FORMATION_TOKEN").isPresent();
        if (cookieAuth && !Csrf.verify(request, request.getHeaders().get(Csrf.HEADER))) {
            return Problem.of(HttpStatus.FORBIDDEN, Texts.get(RequestLocale.of(request), "problem.csrf"));
        }
        return null;
    }

    @ResponseFilter
    public void setCookie(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(Csrf.NEW_TOKEN, String.class).ifPresent(token -> response.cookie(
                Cookie.of(Csrf.COOKIE, token).path("/").httpOnly(true).sameSite(SameSite.Strict)));
    }

    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
