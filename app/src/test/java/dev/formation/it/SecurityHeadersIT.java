package dev.formation.it;

import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.BrowserSession;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The security headers on every kind of response, the CSP's inline-style allowance only where
 * JasperReports' HTML needs it, and {@code Secure} cookies when the browser came over TLS
 * (here: through a TLS proxy that says so).
 */
class SecurityHeadersIT extends AppTestBase {

    @Test
    void everyKindOfResponseCarriesTheSecurityHeaders() {
        List<Api.Response> responses = List.of(
                api.anonymous().get("/login").expect(200),
                api.as("sales1").get("/forms/customer").expect(200),
                api.as("sales1").get("/forms/customer/999999999").expect(404),
                api.anonymous().get("/forms/customer").expect(303),
                api.as("sales1").get("/api/me").expect(200),
                api.anonymous().get("/api/me").expect(401),
                api.anonymous().get("/static/app.css").expect(200));
        for (Api.Response r : responses) {
            String csp = r.header("content-security-policy");
            assertNotNull(csp, r.request() + " has no CSP");
            assertEquals("'self'", directive(csp, "script-src"), r.request() + ": scripts only from this site");
            assertEquals("'self'", directive(csp, "style-src"), r.request() + ": no inline styles");
            assertEquals("'none'", directive(csp, "frame-ancestors"), r.request());
            assertEquals("'none'", directive(csp, "object-src"), r.request());
            assertEquals("'self'", directive(csp, "form-action"), r.request());
            assertEquals("DENY", r.header("x-frame-options"), r.request());
            assertEquals("nosniff", r.header("x-content-type-options"), r.request());
            assertEquals("same-origin", r.header("referrer-policy"), r.request());
            assertNull(r.header("strict-transport-security"), r.request() + ": HSTS only over TLS");
        }
    }

    @Test
    void theDashboardNeedsNoInlineStyleEitherAndShowsItsChartsAsDataImages() {
        Api.Response dashboard = api.as("sales1").get("/dashboards/my_sales").expect(200);
        assertFalse(dashboard.body().contains("style=\""), "the dashboard is plain HTML, styled by the stylesheet");
        String csp = dashboard.header("content-security-policy");
        assertEquals("'self'", directive(csp, "style-src"));
        assertEquals("'self'", directive(csp, "script-src"));
        assertTrue(directive(csp, "img-src").contains("data:"), "charts are data: images");
    }

    @Test
    void cookiesAreSecureBehindATlsProxy() {
        for (String[] proxy : List.of(new String[]{"X-Forwarded-Proto", "https"},
                new String[]{"Forwarded", "for=192.0.2.60;proto=https;by=203.0.113.43"})) {
            BrowserSession browser = new BrowserSession(api);
            Api.Response loginPage = browser.remember(browser.call().header(proxy[0], proxy[1]).get("/login"))
                    .expect(200);
            assertSecure(loginPage, "FORMATION_CSRF");
            assertNotNull(loginPage.header("strict-transport-security"), "HSTS over TLS");
            Api.Response login = browser.postRawForm(browser.call().header(proxy[0], proxy[1]), "/login",
                    Map.of("_csrf", browser.token(), "username", "sales2", "password", Api.PASSWORD)).expect(303);
            assertSecure(login, "FORMATION_TOKEN");
            Api.Response language = browser.call().header(proxy[0], proxy[1]).get("/lang?to=en&next=/").expect(303);
            assertSecure(language, "lang");
        }
    }

    @Test
    void cookiesOverPlainHttpAreNotMarkedSecure() {
        BrowserSession browser = new BrowserSession(api);
        Api.Response loginPage = browser.remember(browser.call().header("X-Forwarded-Proto", "http").get("/login"));
        assertFalse(setCookie(loginPage, "FORMATION_CSRF").toLowerCase().contains("secure"),
                "a Secure cookie would never come back over plain HTTP");
        Api.Response login = browser.postForm("/login", Map.of("username", "sales2", "password", Api.PASSWORD))
                .expect(303);
        String token = setCookie(login, "FORMATION_TOKEN");
        assertFalse(token.toLowerCase().contains("secure"), token);
        assertTrue(token.toLowerCase().contains("httponly") && token.contains("SameSite=Lax"), token);
    }

    private static void assertSecure(Api.Response r, String cookie) {
        String header = setCookie(r, cookie);
        assertTrue(Arrays.stream(header.split(";")).anyMatch(a -> a.trim().equalsIgnoreCase("secure")),
                r.request() + ": " + header);
    }

    private static String setCookie(Api.Response r, String name) {
        return r.headers().getOrDefault("set-cookie", List.of()).stream().filter(c -> c.startsWith(name + "="))
                .findFirst().orElseThrow(() -> new AssertionError(r.request() + " set no " + name + ": " + r.headers()));
    }

    /** The sources of one CSP directive, e.g. {@code 'self' data:}. */
    private static String directive(String csp, String name) {
        return Arrays.stream(csp.split(";")).map(String::trim).filter(d -> d.startsWith(name + " "))
                .map(d -> d.substring(name.length() + 1).trim()).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + csp));
    }
}
