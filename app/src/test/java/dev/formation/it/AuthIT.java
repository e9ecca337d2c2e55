package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api.Response;
import dev.formation.testing.AppTestBase;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.web.router.Router;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Login, tokens, and that nothing under /api answers without one. */
class AuthIT extends AppTestBase {

    @ParameterizedTest
    @ValueSource(strings = {"admin", "sales1", "sales2", "assistant1", "leader1", "contract1", "finance1", "manager1"})
    void everyDemoUserLogsInAndTheTokenIdentifiesThem(String username) {
        Response login = api.anonymous().post("/api/login", Map.of("username", username, "password", "demo123"))
                .expect(200);
        assertTrue(login.contentType().startsWith("application/json"), login.contentType());
        String token = login.json().get("access_token").asText();
        assertFalse(token.isBlank());
        assertEquals(3, token.split("\\.").length, "a JWT has three parts: " + token);
        JsonNode me = api.withToken(token).get("/api/me").expect(200).json();
        assertEquals(username, me.get("username").asText());
    }

    @Test
    void wrongPasswordIs401ProblemJson() {
        // one wrong password only: repeated failures lock the account, and other tests log in as admin
        Response r = api.anonymous().post("/api/login", Map.of("username", "contract1", "password", "wrong-password"));
        assertProblem(r, 401);
        assertFalse(r.body().contains("access_token"), r.body());
    }

    @Test
    void unknownUserIs401LikeAWrongPassword() {
        Response r = api.anonymous().post("/api/login", Map.of("username", stranger(), "password", "demo123"));
        assertProblem(r, 401);
    }

    @Test
    void theLoginMessageFollowsTheLanguage() {
        assertEquals("用户名或密码错误", api.anonymous()
                .post("/api/login", Map.of("username", stranger(), "password", "nope")).json().get("title").asText());
        assertEquals("Wrong username or password", api.anonymous().english()
                .post("/api/login", Map.of("username", stranger(), "password", "nope")).json().get("title").asText());
    }

    @ParameterizedTest(name = "Accept-Language: {0}")
    @CsvSource(delimiter = '|', value = {
        "en                      | Wrong username or password",
        "en-US,en;q=0.9          | Wrong username or password",
        "en-GB                   | Wrong username or password",
        "fr-FR,en;q=0.5          | Wrong username or password",
        "zh-CN,zh;q=0.9,en;q=0.8 | 用户名或密码错误",
        "zh                      | 用户名或密码错误",
    })
    void theLanguageComesFromAcceptLanguage(String header, String title) {
        Response r = api.anonymous().header("Accept-Language", header)
                .post("/api/login", Map.of("username", stranger(), "password", "nope"));
        assertEquals(title, r.json().get("title").asText());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET, /api/me",
        "GET, /api/forms",
        "GET, /api/forms/customer",
        "GET, /api/forms/customer/schema",
        "GET, /api/forms/customer/records",
        "GET, /api/forms/customer/records/1",
        "POST, /api/forms/customer/records",
        "PATCH, /api/forms/customer/records/1",
        "DELETE, /api/forms/customer/records/1",
        "GET, /api/forms/no_such_form/records",
        "GET, /api/files/0123456789abcdef0123456789abcdef",
    })
    void everyApiEndpointNeedsAToken(String method, String path) {
        Object body = method.equals("POST") || method.equals("PATCH") ? Map.of("name", "x", "version", 1) : null;
        Response r = api.anonymous().send(HttpMethod.valueOf(method), path, body);
        assertProblem(r, 401);
        assertEquals("Bearer", r.header("WWW-Authenticate"));
    }

    /** Every route the app serves under /api (read from its router, so new endpoints are covered too). */
    private List<String[]> apiRoutes() {
        Router router = app.context().getBean(Router.class);
        Set<String> seen = new TreeSet<>();
        List<String[]> routes = new ArrayList<>();
        router.uriRoutes().forEach(route -> {
            String template = route.getUriMatchTemplate().toString().replaceAll("\\{[?&][^}]*}", "");
            if (!(template.equals("/api") || template.startsWith("/api/")) || template.equals("/api/login")) {
                return;
            }
            String method = route.getHttpMethod().name();
            if (method.equals("OPTIONS") || method.equals("HEAD") || !seen.add(method + " " + template)) {
                return;
            }
            boolean multipart = route.getConsumes().stream()
                    .anyMatch(t -> t.getName().equals(MediaType.MULTIPART_FORM_DATA));
            boolean json = route.getConsumes().isEmpty()
                    || route.getConsumes().stream().anyMatch(t -> t.getSubtype().endsWith("json"));
            // a route that reads no JSON (a zip) gets a body of its own type, so the answer is about the token
            String type = multipart ? MediaType.MULTIPART_FORM_DATA
                    : json ? MediaType.APPLICATION_JSON : route.getConsumes().get(0).getName();
            routes.add(new String[]{method, template, type});
        });
        assertTrue(routes.size() >= 10, "the router lists the API: " + seen);
        return routes;
    }

    @Test
    void everyApiRouteOfTheRouterNeedsAToken() {
        List<String> open = new ArrayList<>();
        for (String[] route : apiRoutes()) {
            String path = route[1].replaceAll("\\{form[^}]*}", "customer").replaceAll("\\{id[^}]*}", "1")
                    .replaceAll("\\{username[^}]*}", "admin").replaceAll("\\{[^}]*}", "x");
            HttpMethod method = HttpMethod.valueOf(route[0]);
            boolean withBody = method == HttpMethod.POST || method == HttpMethod.PATCH || method == HttpMethod.PUT;
            Response r;
            if (withBody && route[2].equals(MediaType.MULTIPART_FORM_DATA)) {
                r = api.anonymous().send(method, path, MediaType.MULTIPART_FORM_DATA_TYPE, MultipartBody.builder()
                        .addPart("file", "note.txt", MediaType.TEXT_PLAIN_TYPE, "hello".getBytes()).build());
            } else if (withBody && !route[2].equals(MediaType.APPLICATION_JSON)) {
                r = api.anonymous().send(method, path, MediaType.of(route[2]), "body".getBytes(StandardCharsets.UTF_8));
            } else {
                r = api.anonymous().send(method, path, withBody ? Map.of("version", 1) : null);
            }
            if (r.status() != 401 || !r.contentType().startsWith("application/problem+json")) {
                open.add(route[0] + " " + route[1] + " -> " + r.status() + " " + r.contentType());
            }
        }
        assertEquals(List.of(), open, "routes answering without a token");
    }

    /** The OpenAPI document the app publishes names every /api route the app serves. */
    @Test
    @SuppressWarnings("unchecked")
    void theOpenApiDocumentDescribesEveryApiRoute() {
        Response doc = api.anonymous().get("/static/openapi.yaml").expect(200);
        Map<String, Object> openapi = new org.yaml.snakeyaml.Yaml().load(doc.body());
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) openapi.get("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet()
                .forEach(m -> documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + normalise(path))));
        List<String> missing = new ArrayList<>();
        for (String[] route : apiRoutes()) {
            String key = route[0] + " " + normalise(route[1]);
            if (!documented.contains(key)) {
                missing.add(route[0] + " " + route[1]);
            }
        }
        assertEquals(List.of(), missing, "routes missing from openapi.yaml");
    }

    /** /a/{id:[0-9]+}/b and /a/{x}/b are the same path shape. */
    private static String normalise(String path) {
        return path.replaceAll("\\{[^}]*}", "{}").replaceAll("/$", "");
    }

    @Test
    void aForgedTokenIsRefused() {
        String forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLW5vdC12YWxpZA";
        assertProblem(api.withToken(forged).get("/api/forms"), 401);
    }

    @Test
    void healthIsOpenWithoutLogin() {
        Response r = api.anonymous().get("/health").expect(200);
        assertEquals("UP", r.json().get("status").asText());
    }

    @Test
    void demoCustomersAreLoaded() {
        assertTrue(totalCustomers() >= 10, "demo customers: " + totalCustomers());
        JsonNode first = api.as("admin").get(RECORDS + "?size=1").expect(200).json().get("items").get(0);
        assertNotNull(first.get("code").asText());
    }

    /** A user name nobody has; failed logins are counted per name, so each test uses a new one. */
    private static String stranger() {
        return "nobody" + Long.toString(System.nanoTime(), 36);
    }

    static void assertProblem(Response r, int status) {
        r.expect(status);
        assertTrue(r.contentType().startsWith("application/problem+json"), r + " content-type " + r.contentType());
        JsonNode body = r.json();
        assertEquals(status, body.get("status").asInt(), r.body());
        assertFalse(body.get("title").asText().isBlank(), r.body());
    }
}
