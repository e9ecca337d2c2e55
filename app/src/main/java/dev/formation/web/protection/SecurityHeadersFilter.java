package dev.formation.web.protection;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;
import java.util.Locale;

/**
 * The security headers on every response (pages, API, static files, errors), and the
 * {@code Secure} flag on every cookie set over TLS, so no handler that sets a cookie has to
 * remember it. Runs last on the way out, after every other filter has set its cookies.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter implements Ordered {

    /** Half a year; sent only over TLS, and without includeSubDomains, which is the operator's call. */
    private static final String HSTS = "max-age=15552000";

    @ResponseFilter
    public void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        MutableHttpHeaders headers = response.getHeaders();
        if (!headers.contains(ContentSecurityPolicy.HEADER)) {
            headers.set(ContentSecurityPolicy.HEADER, ContentSecurityPolicy.of(request));
        }
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-Content-Type-Options", "nosniff");
        // addresses carry record ids and search terms: other sites get no Referer at all
        headers.set("Referrer-Policy", "same-origin");
        if (Tls.isSecure(request)) {
            headers.set("Strict-Transport-Security", HSTS);
            secureCookies(headers);
        }
    }

    private static void secureCookies(MutableHttpHeaders headers) {
        List<String> cookies = headers.getAll(HttpHeaders.SET_COOKIE);
        if (cookies.isEmpty()) {
            return;
        }
        List<String> secured = cookies.stream().map(SecurityHeadersFilter::secure).toList();
        headers.remove(HttpHeaders.SET_COOKIE);
        secured.forEach(cookie -> headers.add(HttpHeaders.SET_COOKIE, cookie));
    }

    private static String secure(String setCookie) {
        for (String attribute : setCookie.split(";")) {
            if (attribute.trim().toLowerCase(Locale.ROOT).equals("secure")) {
                return setCookie;
            }
        }
        return setCookie + "; Secure";
    }

    /** First in, so last out: its response step sees the cookies of every other filter and handler. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
