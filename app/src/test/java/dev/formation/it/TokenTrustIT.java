package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.BrowserSession;
import dev.formation.testing.Customers;
import dev.formation.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.formation.it.AuthIT.assertProblem;
import static dev.formation.it.LockoutIT.login;
import static dev.formation.it.LockoutIT.newUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A token is only as good as the user behind it: it expires, it names a user who exists and is
 * enabled, the roles a request runs with are the user's roles now (not the token's), and it
 * stops working at once when the user is disabled, loses a role, changes or has their password
 * reset, or logs out. Each case first uses the token, so the server's short-lived user cache
 * holds the user when the change comes: the change must reach it.
 */
class TokenTrustIT extends AppTestBase {

    private String token(String username) {
        return login(api, username, Api.PASSWORD).expect(200).json().get("access_token").asText();
    }

    /** The token works now (and the server has seen the user). */
    private void works(String token) {
        api.withToken(token).get("/api/me").expect(200);
    }

    /** The token answers 401 on a read and on a write. */
    private void refused(String token) {
        assertProblem(api.withToken(token).get("/api/me"), 401);
        assertProblem(api.withToken(token).post(RECORDS, Customers.valid(Customers.uniqueName("旧令牌"))), 401);
    }

    @Test
    void tokensExpireAfterTheConfiguredTime() {
        Map<String, Object> claims = TestTokens.claims(token("sales1"));
        assertTrue(claims.get("exp") instanceof Number, "the token carries an expiry: " + claims);
        assertTrue(claims.get("iat") instanceof Number, "and when it was issued: " + claims);
        long lifetime = ((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue();
        assertEquals(8 * 3600, lifetime, "micronaut.security.token.generator.access-token.expiration");
        // issued on the app's clock (a run with formation.clock-start sees the difference)
        long appNow = clock().instant().getEpochSecond();
        long issued = ((Number) claims.get("iat")).longValue();
        assertTrue(Math.abs(appNow - issued) < 60, "issued at " + issued + ", the app's clock says " + appNow);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String real = token("sales2");
        // the app's time, which a test run may start on another day (formation.clock-start)
        long now = clock().instant().getEpochSecond();
        // the same claims signed again still work: the test signs like the app does
        works(TestTokens.resign(real, Map.of()));
        refused(TestTokens.resign(real, Map.of("iat", now - 9 * 3600, "exp", now - 3600)));
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        refused(TestTokens.resign(token("sales2"), java.util.Collections.singletonMap("exp", null)));
    }

    @Test
    void aTokenNamingNoUserIsRefused() {
        String real = token("sales1");
        refused(TestTokens.resign(real, Map.of("sub", "ghost" + System.nanoTime())));
    }

    @Test
    void theRolesOfARequestAreTheUsersNotTheTokens() {
        // a token that claims more than the user has gets only what the user has
        String real = token("sales1");
        String boasting = TestTokens.resign(real, Map.of("roles", List.of("system_admin", "business_admin")));
        JsonNode me = api.withToken(boasting).get("/api/me").expect(200).json();
        assertEquals(List.of("salesperson"), texts(me.get("roles")));
        api.withToken(boasting).get("/api/users").expect(403);
        api.withToken(boasting).get(RECORDS + "/export").expect(403);

        // and a role given to the user counts at once, on the token they already hold
        String user = newUser(api, "grant");
        String token = token(user);
        api.withToken(token).get(RECORDS + "/export").expect(403);
        api.as("admin").patch("/api/users/" + user, Map.of("roles", List.of("salesperson", "manager"))).expect(200);
        api.withToken(token).get(RECORDS + "/export").expect(200);
        assertEquals(List.of("salesperson", "manager"), texts(api.withToken(token).get("/api/me").expect(200).json()
                .get("roles")));
    }

    @Test
    void disablingAUserStopsTheirTokenAtOnce() {
        String user = newUser(api, "dis");
        String token = token(user);
        works(token);
        api.as("admin").patch("/api/users/" + user, Map.of("enabled", false)).expect(200);
        refused(token);
        // enabling the user again does not bring the old token back
        api.as("admin").patch("/api/users/" + user, Map.of("enabled", true)).expect(200);
        refused(token);
        works(token(user));
    }

    @Test
    void losingARoleStopsTheToken() {
        String user = newUser(api, "role");
        api.as("admin").patch("/api/users/" + user, Map.of("roles", List.of("salesperson", "manager"))).expect(200);
        String token = token(user);
        api.withToken(token).get(RECORDS + "/export").expect(200);
        api.as("admin").patch("/api/users/" + user, Map.of("roles", List.of("salesperson"))).expect(200);
        refused(token);
        String fresh = token(user);
        api.withToken(fresh).get(RECORDS + "/export").expect(403);
    }

    @Test
    void changingOnesPasswordStopsTheOldTokens() {
        String user = newUser(api, "pwd");
        String first = token(user);
        String second = token(user);
        works(first);
        api.withToken(second).post("/api/me/password", Map.of("old_password", Api.PASSWORD,
                "new_password", "changed-pass1")).expect(204);
        refused(first);
        refused(second);
        String fresh = login(api, user, "changed-pass1").expect(200).json().get("access_token").asText();
        works(fresh);
    }

    @Test
    void anAdminsPasswordResetStopsTheUsersTokens() {
        String user = newUser(api, "rst");
        String token = token(user);
        works(token);
        api.as("admin").post("/api/users/" + user + "/password", Map.of("password", "reset-pass2")).expect(204);
        refused(token);
        works(login(api, user, "reset-pass2").expect(200).json().get("access_token").asText());
    }

    @Test
    void loggingOutOfTheApiStopsTheToken() {
        String user = newUser(api, "out");
        String token = token(user);
        works(token);
        api.withToken(token).post("/api/logout", Map.of()).expect(204);
        refused(token);
        assertProblem(api.withToken(token).post("/api/logout", Map.of()), 401);
        works(token(user));
    }

    @Test
    void loggingOutOfThePagesStopsTheCookiesToken() {
        String user = newUser(api, "pgout");
        String token = token(user);
        works(token);
        BrowserSession browser = new BrowserSession(api).cookie(BrowserSession.SESSION_COOKIE, token);
        browser.get("/").expect(200);
        browser.postForm("/logout", Map.of()).expect(303);
        refused(token);
        // the page with the old cookie sends the browser to the login page
        Api.Response page = api.anonymous().header("Cookie", "FORMATION_TOKEN=" + token).get("/");
        assertEquals(303, page.status(), page.toString());
        assertTrue(page.header("location").startsWith("/login"), page.toString());
    }

    @Test
    void changingOnesPasswordOnThePageKeepsThisBrowserLoggedIn() {
        String user = newUser(api, "pgpwd");
        String token = token(user);
        String other = token(user);
        BrowserSession browser = new BrowserSession(api).cookie(BrowserSession.SESSION_COOKIE, token);
        browser.get("/account/password").expect(200);
        Api.Response r = browser.postForm("/account/password",
                Map.of("old", Api.PASSWORD, "password", "changed-pass3", "confirm", "changed-pass3")).expect(303);
        refused(token);
        refused(other);
        String cookie = r.headers().get("set-cookie").stream().filter(c -> c.startsWith("FORMATION_TOKEN="))
                .findFirst().orElseThrow(() -> new AssertionError("a new token cookie: " + r));
        String fresh = cookie.substring("FORMATION_TOKEN=".length(), cookie.indexOf(';'));
        works(fresh);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
