package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.BrowserSession;
import dev.formation.testing.Customers;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.web.router.Router;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CSRF: the token is bound to the login, every unsafe request that carries the login cookie is
 * checked whatever other headers it has (pages and API alike), and a bearer-token client needs
 * no token. Each attack is tried on a page form post (create a customer) and an API post.
 */
class CsrfIT extends AppTestBase {

    private static final String PLANTED = "a".repeat(32);
    private static final String PAGE_CREATE = "/forms/customer";
    private static final String EXPIRED = "页面已过期";

    private BrowserSession sales1;

    @BeforeAll
    void logIn() {
        sales1 = BrowserSession.loggedIn(api, "sales1");
        sales1.get("/forms/customer/new").expect(200);
    }

    // ---- the normal browser flow ----

    @Test
    void aLoggedInBrowserPostsAPageFormWithThePageToken() {
        String name = Customers.uniqueName("表单令牌");
        Api.Response created = sales1.postForm(PAGE_CREATE, Customers.pageFields(name)).expect(303);
        assertTrue(created.header("location").matches("/forms/customer/[0-9]+"), created.header("location"));
        assertEquals(1, total(name));
    }

    @Test
    void aPageScriptCallsTheApiOnTheCookieWithTheTokenHeader() {
        String name = Customers.uniqueName("脚本令牌");
        sales1.call().header("X-CSRF-Token", sales1.token()).post(RECORDS, Customers.valid(name)).expect(201);
        assertEquals(1, total(name));
    }

    @Test
    void aBearerTokenClientNeedsNoCsrfToken() {
        String name = Customers.uniqueName("令牌客户端");
        api.as("sales1").post(RECORDS, Customers.valid(name)).expect(201);
        assertEquals(1, total(name));
    }

    @Test
    void theLoginAndLogoutFormsWorkAndLogoutEndsTheCookieSession() {
        BrowserSession browser = BrowserSession.loggedIn(api, "sales2");
        browser.postForm("/logout", Map.of()).expect(303);
        assertNull(browser.cookie(BrowserSession.SESSION_COOKIE), "the login cookie is cleared");
        assertTrue(browser.get("/").expect(303).header("location").startsWith("/login"));
    }

    // ---- attacks ----

    @Test
    void aPlantedCookieAndFieldPairIsRefused() {
        BrowserSession planted = new BrowserSession(api)
                .cookie(BrowserSession.SESSION_COOKIE, sales1.cookie(BrowserSession.SESSION_COOKIE))
                .cookie("FORMATION_CSRF", PLANTED);
        String name = Customers.uniqueName("种下令牌");
        Map<String, Object> fields = new LinkedHashMap<>(Customers.pageFields(name));
        fields.put("_csrf", PLANTED);
        assertRefusedPage(planted.postRawForm(planted.call(), PAGE_CREATE, fields));
        assertRefusedApi(planted.call().header("X-CSRF-Token", PLANTED).post(RECORDS, Customers.valid(name)));
        assertEquals(0, total(name), "nothing was created");
    }

    @Test
    void aPlantedPairDoesNotLogAVisitorIn() {
        BrowserSession visitor = new BrowserSession(api).cookie("FORMATION_CSRF", PLANTED);
        Map<String, Object> fields = Map.of("_csrf", PLANTED, "username", "sales2", "password", Api.PASSWORD);
        Api.Response r = visitor.postRawForm(visitor.call(), "/login", fields).expect(403);
        assertTrue(r.contentType().startsWith("text/html"), r.contentType());
        assertNull(visitor.cookie(BrowserSession.SESSION_COOKIE), "no login cookie was set");
    }

    @Test
    void anEmptyAuthorizationHeaderDoesNotSwitchTheCheckOff() {
        String name = Customers.uniqueName("空授权头");
        assertRefusedPage(sales1.postRawForm(sales1.call().header("Authorization", ""), PAGE_CREATE, Customers.pageFields(name)));
        assertRefusedApi(sales1.call().header("Authorization", "").post(RECORDS, Customers.valid(name)));
        assertEquals(0, total(name), "nothing was created");
    }

    @Test
    void anInvalidAuthorizationHeaderDoesNotSwitchTheCheckOff() {
        String name = Customers.uniqueName("无效授权头");
        for (String authorization : List.of("Bearer not-a-token", "Basic c2FsZXMxOmRlbW8xMjM=", "x")) {
            assertRefusedPage(sales1.postRawForm(sales1.call().header("Authorization", authorization), PAGE_CREATE,
                    Customers.pageFields(name)));
            assertRefusedApi(sales1.call().header("Authorization", authorization).post(RECORDS, Customers.valid(name)));
        }
        assertEquals(0, total(name), "nothing was created");
    }

    @Test
    void aMissingTokenIsRefused() {
        String name = Customers.uniqueName("缺少令牌");
        assertRefusedPage(sales1.postRawForm(sales1.call(), PAGE_CREATE, Customers.pageFields(name)));
        assertRefusedApi(sales1.call().post(RECORDS, Customers.valid(name)));
        assertEquals(0, total(name), "nothing was created");
    }

    @Test
    void anotherLoginsTokenIsRefused() {
        BrowserSession other = BrowserSession.loggedIn(api, "sales2");
        String name = Customers.uniqueName("别人令牌");
        Map<String, Object> fields = new LinkedHashMap<>(Customers.pageFields(name));
        fields.put("_csrf", other.token());
        assertRefusedPage(sales1.postRawForm(sales1.call(), PAGE_CREATE, fields));
        assertRefusedApi(sales1.call().header("X-CSRF-Token", other.token()).post(RECORDS, Customers.valid(name)));
        assertEquals(0, total(name), "nothing was created");
    }

    @Test
    void aPostAnotherSiteStartedIsRefusedEvenWithTheToken() {
        String name = Customers.uniqueName("跨站");
        for (String site : List.of("cross-site", "same-site")) {
            Map<String, Object> fields = new LinkedHashMap<>(Customers.pageFields(name));
            fields.put("_csrf", sales1.token());
            assertRefusedPage(sales1.postRawForm(sales1.call().header("Sec-Fetch-Site", site), PAGE_CREATE, fields));
        }
        assertEquals(0, total(name), "nothing was created");
    }

    /** The sweep: no unsafe route, page or API, takes the login cookie without the token. */
    @Test
    void everyUnsafeRouteRefusesTheCookieWithoutTheToken() {
        Router router = app.context().getBean(Router.class);
        Set<String> seen = new TreeSet<>();
        List<String> unchecked = new ArrayList<>();
        router.uriRoutes().forEach(route -> {
            HttpMethod method = route.getHttpMethod();
            if (Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE).contains(method)) {
                return;
            }
            String template = route.getUriMatchTemplate().toString().replaceAll("\\{[?&][^}]*}", "");
            if (!seen.add(method + " " + template)) {
                return;
            }
            String path = template.replaceAll("\\{form[^}]*}", "customer").replaceAll("\\{username[^}]*}", "sales1")
                    .replaceAll("\\{[^}]*}", "1");
            boolean api = path.startsWith("/api/");
            for (String authorization : new String[]{null, ""}) {
                Api.Call call = sales1.call();
                if (authorization != null) {
                    call.header("Authorization", authorization);
                }
                Api.Response r = api ? call.send(method, path, MediaType.APPLICATION_JSON_TYPE, "{}")
                        : call.send(method, path, MediaType.APPLICATION_FORM_URLENCODED_TYPE, "x=1");
                String type = api ? "application/problem+json" : "text/html";
                if (r.status() != 403 || !r.contentType().startsWith(type) || !r.body().contains(EXPIRED)) {
                    unchecked.add(method + " " + path + (authorization == null ? "" : " (empty Authorization)")
                            + " -> " + r.status());
                }
            }
        });
        assertTrue(seen.size() >= 30, "the router lists the unsafe routes: " + seen);
        assertEquals(List.of(), unchecked, "unsafe routes that took the login cookie without a CSRF token");
    }

    // ---- helpers ----

    private void assertRefusedPage(Api.Response r) {
        assertEquals(403, r.status(), () -> r.request() + " -> " + r.status() + ": " + r.body());
        assertTrue(r.contentType().startsWith("text/html"), r.contentType());
        assertTrue(r.body().contains(EXPIRED), r.body());
    }

    private void assertRefusedApi(Api.Response r) {
        assertEquals(403, r.status(), () -> r.request() + " -> " + r.status() + ": " + r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        JsonNode problem = r.json();
        assertEquals(403, problem.get("status").asInt());
        assertTrue(problem.get("title").asText().contains(EXPIRED), r.body());
    }
}
