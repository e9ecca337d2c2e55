package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.Api.Response;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.BrowserSession;
import dev.formation.testing.FromAddress;
import dev.formation.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.net.MalformedURLException;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Login lockout with the shipped settings (5 failures within 15 minutes lock for 15 minutes):
 * the lock holds even against the right password, the login log shows it, and it ends once
 * its time has passed. Time passing is simulated by moving the account's logged attempts back
 * in the database, not by waiting. The lock is on the source of the failures (the user name
 * from one client address), so failures from one address do not shut the user out from another,
 * and an admin can lift it: by unlocking, by resetting the password, or by enabling the user again.
 */
class LockoutIT extends AppTestBase {

    static final String BAD_LOGIN = "Wrong username or password";
    static final String LOCKED = "Too many failed logins: the account is locked for a while; try again later";
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** A new salesperson of our own, so no other test's logins count against it. */
    static String newUser(Api api, String prefix) {
        String username = prefix + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + SEQ.incrementAndGet();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("name", "锁定测试" + SEQ.get());
        body.put("password", Api.PASSWORD);
        body.put("department", "team_north");
        body.put("roles", List.of("salesperson"));
        api.as("admin").post("/api/users", body).expect(201);
        return username;
    }

    static Response login(Api api, String username, String password) {
        return api.anonymous().english().post("/api/login", Map.of("username", username, "password", password));
    }

    static void assertRefused(Response r, String title) {
        r.expect(401);
        assertEquals(title, r.json().get("title").asText(), r.toString());
        assertFalse(r.body().contains("access_token"), r.toString());
    }

    /** The account's login log, newest first, as the admin API shows it. */
    static List<String> outcomes(Api api, String username) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : api.as("admin").get("/api/login-log?user=" + username).expect(200).json()) {
            assertEquals(username, e.get("user").asText(), e.toString());
            out.add(e.get("outcome").asText());
        }
        return out;
    }

    /** Moves every logged attempt of the account back by {@code ago}, as if that time had passed. */
    static void timePasses(TestDatabase db, String username, Duration ago) {
        try (Connection c = db.connect()) {
            Map<Long, LocalDateTime> attempts = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, at FROM login_log WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        attempts.put(rs.getLong(1), rs.getObject(2, LocalDateTime.class));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE login_log SET at = ? WHERE id = ?")) {
                for (var a : attempts.entrySet()) {
                    ps.setObject(1, a.getValue().minus(ago));
                    ps.setLong(2, a.getKey());
                    ps.executeUpdate();
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void fiveFailuresLockTheAccountEvenAgainstTheRightPassword() {
        String user = newUser(api, "lock");
        for (int i = 1; i <= 5; i++) {
            assertRefused(login(api, user, "wrong-" + i), BAD_LOGIN);
        }
        assertRefused(login(api, user, Api.PASSWORD), LOCKED);
        assertRefused(login(api, user, "wrong-again"), LOCKED);
        // the Chinese message too
        Response zh = api.anonymous().post("/api/login", Map.of("username", user, "password", Api.PASSWORD));
        assertRefused(zh, "登录失败次数过多，账号已锁定，请稍后再试");

        assertEquals(List.of("locked", "locked", "locked", "failure", "failure", "failure", "failure", "failure"),
                outcomes(api, user));
        for (JsonNode e : api.as("admin").get("/api/login-log?user=" + user).expect(200).json()) {
            assertFalse(e.get("at").asText().isBlank(), e.toString());
            assertTrue(e.has("client_address"), e.toString());
        }

        // others are not affected
        login(api, "sales2", Api.PASSWORD).expect(200);

        // 14 minutes later it is still locked; the refusals while locked did not extend the lock
        timePasses(db, user, Duration.ofMinutes(14));
        assertRefused(login(api, user, Api.PASSWORD), LOCKED);
        // 16 minutes after the last failure, the lock is over
        timePasses(db, user, Duration.ofMinutes(2));
        String token = login(api, user, Api.PASSWORD).expect(200).json().get("access_token").asText();
        assertEquals(user, api.withToken(token).get("/api/me").expect(200).json().get("username").asText());
        assertEquals("success", outcomes(api, user).get(0));

        // and the count starts again from that success: four more failures do not lock
        for (int i = 1; i <= 4; i++) {
            assertRefused(login(api, user, "wrong-" + i), BAD_LOGIN);
        }
        login(api, user, Api.PASSWORD).expect(200);
    }

    @Test
    void fourFailuresDoNotLock() {
        String user = newUser(api, "four");
        for (int i = 1; i <= 4; i++) {
            assertRefused(login(api, user, "wrong-" + i), BAD_LOGIN);
        }
        login(api, user, Api.PASSWORD).expect(200);
        assertEquals(List.of("success", "failure", "failure", "failure", "failure"), outcomes(api, user));
    }

    @Test
    void failuresSpreadOverMoreThanTheWindowDoNotLock() {
        String user = newUser(api, "slow");
        for (int i = 1; i <= 3; i++) {
            assertRefused(login(api, user, "wrong-" + i), BAD_LOGIN);
        }
        timePasses(db, user, Duration.ofMinutes(16)); // the first three fall out of the 15-minute window
        for (int i = 4; i <= 5; i++) {
            assertRefused(login(api, user, "wrong-" + i), BAD_LOGIN);
        }
        login(api, user, Api.PASSWORD).expect(200);
    }

    @Test
    void aLockedAccountStaysLockedWhileTheFailuresAreRecent() {
        String user = newUser(api, "poll");
        for (int i = 1; i <= 5; i++) {
            assertRefused(login(api, user, "wrong-" + i), BAD_LOGIN);
        }
        // any number of attempts within the lock is refused, and each is logged as such
        for (int i = 0; i < 3; i++) {
            assertRefused(login(api, user, Api.PASSWORD), LOCKED);
        }
        assertEquals(3, outcomes(api, user).stream().filter("locked"::equals).count());
    }

    @Test
    void onlyAdminsReadTheLoginLog() {
        api.as("sales1").get("/api/login-log").expect(403);
        api.as("manager1").get("/api/login-log?user=sales1").expect(403);
        JsonNode all = api.as("admin").get("/api/login-log").expect(200).json();
        assertTrue(all.size() > 0);
    }

    // ---- the lock is on the source, and an admin lifts it ----

    private FromAddress from(String address) {
        try {
            return new FromAddress(address, new URL(app.baseUrl()));
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response login(FromAddress from, String username, String password) {
        return from.post("/api/login", Map.of("username", username, "password", password));
    }

    private void lock(String user) {
        for (int i = 1; i <= 5; i++) {
            assertRefused(login(api, user, "wrong-" + i), BAD_LOGIN);
        }
        assertRefused(login(api, user, Api.PASSWORD), LOCKED);
    }

    @Test
    void failuresFromOneAddressDoNotLockTheAdminOutFromAnother() {
        FromAddress stranger = from("127.0.0.2");
        for (int i = 1; i <= 5; i++) {
            assertRefused(login(stranger, "admin", "guess-" + i), BAD_LOGIN);
        }
        assertRefused(login(stranger, "admin", Api.PASSWORD), LOCKED);
        // the real admin, from their own address, still logs in
        String token = login(api, "admin", Api.PASSWORD).expect(200).json().get("access_token").asText();
        api.withToken(token).get("/api/users").expect(200);
        // and that does not lift the stranger's lock
        assertRefused(login(stranger, "admin", Api.PASSWORD), LOCKED);
        List<String> addresses = new ArrayList<>();
        for (JsonNode e : api.as("admin").get("/api/login-log?user=admin").expect(200).json()) {
            if (e.get("outcome").asText().equals("locked")) {
                addresses.add(e.get("client_address").asText());
            }
        }
        assertEquals(List.of("127.0.0.2", "127.0.0.2"), addresses);
    }

    @Test
    void anAdminUnlocksAUser() {
        String user = newUser(api, "unl");
        lock(user);
        api.as("sales1").post("/api/users/" + user + "/unlock", Map.of()).expect(403);
        api.as("admin").post("/api/users/no_such_user/unlock", Map.of()).expect(404);
        assertRefused(login(api, user, Api.PASSWORD), LOCKED);

        api.as("admin").post("/api/users/" + user + "/unlock", Map.of()).expect(204);
        login(api, user, Api.PASSWORD).expect(200);
        assertEquals(List.of("success", "unlocked", "locked", "locked"), outcomes(api, user).subList(0, 4));
        boolean audited = false;
        for (JsonNode e : api.as("admin").get("/api/audit?user=admin").expect(200).json().get("items")) {
            audited |= e.get("action").asText().equals("unlock_user") && e.toString().contains(user);
        }
        assertTrue(audited, "unlock_user for " + user + " in the operation log");
    }

    @Test
    void anAdminsPasswordResetUnlocks() {
        String user = newUser(api, "rsl");
        lock(user);
        api.as("admin").post("/api/users/" + user + "/password", Map.of("password", "reset-pass3")).expect(204);
        login(api, user, "reset-pass3").expect(200);
    }

    @Test
    void enablingAUserAgainUnlocks() {
        String user = newUser(api, "enl");
        lock(user);
        api.as("admin").patch("/api/users/" + user, Map.of("enabled", false)).expect(200);
        api.as("admin").patch("/api/users/" + user, Map.of("enabled", true)).expect(200);
        login(api, user, Api.PASSWORD).expect(200);
    }

    @Test
    void theUserPageShowsTheLockAndUnlocksIt() {
        String user = newUser(api, "pgl");
        BrowserSession admin = BrowserSession.loggedIn(api, "admin");
        String page = admin.get("/admin/users/" + user).expect(200).body();
        assertFalse(page.contains("/admin/users/" + user + "/unlock"), "no unlock button while not locked");
        lock(user);
        page = admin.get("/admin/users/" + user).expect(200).body();
        assertTrue(page.contains("action=\"/admin/users/" + user + "/unlock\""), page);
        assertTrue(page.contains("127.0.0.1"), "the page names the locked address");

        Response r = admin.postForm("/admin/users/" + user + "/unlock", Map.of());
        assertEquals(303, r.status(), r.toString());
        login(api, user, Api.PASSWORD).expect(200);
    }
}
