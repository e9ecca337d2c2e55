package dev.formation.web.protection;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.http.filter.ServerFilterPhase;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The one CSRF check, in front of every handler, pages and API alike, so none can forget it.
 * An unsafe request (anything but GET, HEAD, OPTIONS, TRACE) is checked when it carries the
 * login cookie, whatever else it carries: the cookie may be what authenticates it, and an
 * {@code Authorization} header (empty, invalid, another user's) does not change that. The token
 * comes in {@code X-CSRF-Token} or, from a page's form, in the {@code _csrf} field. Before login
 * the page forms (the login form) are checked against the browser id cookie. Requests without
 * the login cookie are not checked when they go to {@code /api} or carry an {@code Authorization}
 * header: a browser never adds a bearer token by itself, so nothing another site makes it send
 * can authenticate them.
 *
 * <p>A post another site started ({@code Sec-Fetch-Site: cross-site} or {@code same-site}, which
 * browsers set and pages cannot) is refused as well, even with a token.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class CsrfFilter implements Ordered {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE);
    private static final Set<String> FOREIGN_SITES = Set.of("cross-site", "same-site");

    private final Csrf csrf;

    public CsrfFilter(Csrf csrf) {
        this.csrf = csrf;
    }

    /**
     * Continues with the request itself when it passes; a refusal fails the future with
     * {@link CsrfRefusedException}, which the error handlers answer. (Completing with "no
     * response" instead is not carried through when the body arrives later.) A page's form is
     * decoded here once, for its token and for its handler ({@link FormBodyBinder}).
     */
    @RequestFilter
    public CompletableFuture<HttpRequest<?>> check(HttpRequest<?> request) {
        if (SAFE.contains(request.getMethod())) {
            return CompletableFuture.completedFuture(request);
        }
        boolean form = request.getContentType()
                .map(type -> MediaType.APPLICATION_FORM_URLENCODED.equalsIgnoreCase(type.getName())).orElse(false);
        if (form && request instanceof ServerHttpRequest<?> server && (!api(request) || needsCheck(request))) {
            // the handler reads the same body afterwards (an API's or the binder's): split it rather than consume it
            try (CloseableByteBody copy = server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST)) {
                return copy.buffer().thenCompose(bytes -> {
                    FormBody body = FormBody.parse(bytes.toString(StandardCharsets.UTF_8));
                    request.setAttribute(FormBody.ATTRIBUTE, body);
                    return verdict(request, true, body.first(Csrf.FIELD));
                });
            }
        }
        return verdict(request, false, null);
    }

    private CompletableFuture<HttpRequest<?>> verdict(HttpRequest<?> request, boolean form, String formToken) {
        if (!needsCheck(request)) {
            return CompletableFuture.completedFuture(request);
        }
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if (site != null && FOREIGN_SITES.contains(site.trim().toLowerCase(Locale.ROOT))) {
            return refused("started by another site: " + site);
        }
        String header = request.getHeaders().get(Csrf.HEADER);
        if (header != null) {
            return csrf.verify(request, header) ? CompletableFuture.completedFuture(request)
                    : refused("wrong " + Csrf.HEADER);
        }
        if (!form) {
            return refused("no " + Csrf.HEADER);
        }
        return csrf.verify(request, formToken) ? CompletableFuture.completedFuture(request)
                : refused("wrong or no " + Csrf.FIELD);
    }

    /** The browser id cookie of a visitor who was shown a form before logging in. */
    @ResponseFilter
    public void setBrowserId(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(Csrf.NEW_BROWSER_ID, String.class).ifPresent(id -> response.cookie(
                Cookie.of(Csrf.COOKIE, id).path("/").httpOnly(true).sameSite(SameSite.Strict)));
    }

    static boolean needsCheck(HttpRequest<?> request) {
        if (SAFE.contains(request.getMethod())) {
            return false;
        }
        if (SessionCookie.of(request).isPresent()) {
            return true;
        }
        return !api(request) && request.getHeaders().getAuthorization().isEmpty();
    }

    private static boolean api(HttpRequest<?> request) {
        String path = request.getPath();
        return path.equals("/api") || path.startsWith("/api/");
    }

    private static CompletableFuture<HttpRequest<?>> refused(String reason) {
        return CompletableFuture.failedFuture(new CsrfRefusedException(reason));
    }

    /** After the security filter, so a refused page still shows the user's menus. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
