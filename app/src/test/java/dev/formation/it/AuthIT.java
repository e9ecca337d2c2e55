package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api.Response;
import dev.formation.testing.AppTestBase;
import io.micronaut.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

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
        Response r = api.anonymous().post("/api/login", Map.of("username", "admin", "password", "wrong-password"));
        assertProblem(r, 401);
        assertFalse(r.body().contains("access_token"), r.body());
    }

    @Test
    void unknownUserIs401LikeAWrongPassword() {
        Response r = api.anonymous().post("/api/login", Map.of("username", "nobody", "password", "demo123"));
        assertProblem(r, 401);
    }

    @Test
    void theLoginMessageFollowsTheLanguage() {
        Map<String, String> wrong = Map.of("username", "admin", "password", "nope");
        assertEquals("用户名或密码错误", api.anonymous().post("/api/login", wrong).json().get("title").asText());
        assertEquals("Wrong username or password",
                api.anonymous().english().post("/api/login", wrong).json().get("title").asText());
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

    static void assertProblem(Response r, int status) {
        r.expect(status);
        assertTrue(r.contentType().startsWith("application/problem+json"), r + " content-type " + r.contentType());
        JsonNode body = r.json();
        assertEquals(status, body.get("status").asInt(), r.body());
        assertFalse(body.get("title").asText().isBlank(), r.body());
    }
}
