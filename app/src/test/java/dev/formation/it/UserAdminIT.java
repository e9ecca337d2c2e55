package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.Api.Response;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Listing;
import io.micronaut.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.formation.it.LockoutIT.BAD_LOGIN;
import static dev.formation.it.LockoutIT.assertRefused;
import static dev.formation.it.LockoutIT.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** User administration: create, disable, reset a password; changing one's own password; admins only. */
class UserAdminIT extends AppTestBase {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private static String username(String prefix) {
        return prefix + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + SEQ.incrementAndGet();
    }

    private Map<String, Object> newUser(String username, String department, List<String> roles) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("name", "新同事" + SEQ.get());
        body.put("email", username + "@formation-demo.example.com");
        body.put("password", "first-pass1");
        body.put("department", department);
        body.put("supervisor", "leader1");
        body.put("roles", roles);
        return body;
    }

    private String token(String username, String password) {
        return login(api, username, password).expect(200).json().get("access_token").asText();
    }

    @Test
    void aNewUserLogsInWithTheirRolesAndDepartment() {
        String u = username("zhao");
        JsonNode created = api.as("admin").post("/api/users", newUser(u, "team_east", List.of("salesperson")))
                .expect(201).json();
        assertEquals(u, created.get("username").asText());
        assertEquals("team_east", created.get("department").asText());
        assertEquals(List.of("salesperson"), texts(created.get("roles")));
        assertTrue(created.get("enabled").asBoolean());
        assertFalse(created.has("password") || created.has("password_hash"), created.toString());

        assertTrue(texts(api.as("admin").get("/api/users").expect(200).json(), "username").contains(u));
        assertEquals(u, api.as("admin").get("/api/users/" + u).expect(200).json().get("username").asText());
        for (JsonNode team : api.as("admin").get("/api/teams").expect(200).json()) {
            assertEquals(team.get("key").asText().equals("team_east"), texts(team.get("members")).contains(u),
                    team.toString());
        }

        String token = token(u, "first-pass1");
        JsonNode me = api.withToken(token).get("/api/me").expect(200).json();
        assertEquals(u, me.get("username").asText());
        assertEquals("team_east", me.get("department").asText());
        assertEquals(List.of("salesperson"), texts(me.get("roles")));

        // the roles take effect: a salesperson lists every customer but owns none yet, and creates their own
        Api.Call as = api.withToken(token);
        assertEquals(totalCustomers(), Listing.all(as, RECORDS).size());
        assertEquals(0, Listing.all(as, RECORDS + "?view=mine").size());
        long id = as.post(RECORDS, Customers.valid(Customers.uniqueName("新人"))).expect(201).json().get("id").asLong();
        assertEquals(u, read(id).get("owner").asText());
        as.get(RECORDS + "/export").expect(403);
        // and the department does: leader1 leads team_east, so the new member's customer is the team's
        api.as("leader1").get(RECORDS + "/" + id).expect(200);
        api.as("sales2").get(RECORDS + "/" + id).expect(404);

        // the creation is in the operation log, without the password
        JsonNode log = api.as("admin").get("/api/audit?user=admin").expect(200).json();
        boolean found = false;
        for (JsonNode e : log.get("items")) {
            if (e.get("action").asText().equals("create_user") && e.toString().contains(u)) {
                found = true;
                assertFalse(e.toString().contains("first-pass1"), e.toString());
            }
        }
        assertTrue(found, "create_user for " + u + " in " + log);
    }

    @Test
    void aDisabledUserCannotLogInUntilEnabledAgain() {
        String u = username("qian");
        api.as("admin").post("/api/users", newUser(u, "team_north", List.of("salesperson"))).expect(201);
        token(u, "first-pass1");

        JsonNode disabled = api.as("admin").patch("/api/users/" + u, Map.of("enabled", false)).expect(200).json();
        assertFalse(disabled.get("enabled").asBoolean());
        assertRefused(login(api, u, "first-pass1"), BAD_LOGIN);
        assertEquals("disabled", api.as("admin").get("/api/login-log?user=" + u).expect(200).json().get(0)
                .get("outcome").asText());
        // a wrong password for a disabled account is just a wrong password
        assertRefused(login(api, u, "nope-nope"), BAD_LOGIN);

        api.as("admin").patch("/api/users/" + u, Map.of("enabled", true)).expect(200);
        token(u, "first-pass1");
    }

    @Test
    void anAdminResetsAPassword() {
        String u = username("sun");
        api.as("admin").post("/api/users", newUser(u, "team_north", List.of("salesperson"))).expect(201);
        api.as("admin").post("/api/users/" + u + "/password", Map.of("password", "reset-pass2")).expect(204);
        assertRefused(login(api, u, "first-pass1"), BAD_LOGIN);
        token(u, "reset-pass2");

        Response tooShort = api.as("admin").post("/api/users/" + u + "/password", Map.of("password", "12345"))
                .expect(400);
        assertEquals(List.of("password"), AccessMatrixIT.errorFields(tooShort));
        api.as("admin").post("/api/users/no_such_user/password", Map.of("password", "reset-pass2")).expect(404);
        token(u, "reset-pass2");
    }

    @Test
    void aUserChangesTheirOwnPassword() {
        String u = username("li");
        api.as("admin").post("/api/users", newUser(u, "team_north", List.of("salesperson"))).expect(201);
        Api.Call as = api.withToken(token(u, "first-pass1"));

        Response wrongOld = as.post("/api/me/password", Map.of("old_password", "not-my-password",
                "new_password", "mine-pass3")).expect(400);
        assertEquals(List.of("old_password"), AccessMatrixIT.errorFields(wrongOld), wrongOld.toString());
        token(u, "first-pass1"); // unchanged

        Response tooShort = as.post("/api/me/password", Map.of("old_password", "first-pass1", "new_password", "abc"))
                .expect(400);
        // the error names the field the request sent
        assertEquals(List.of("new_password"), AccessMatrixIT.errorFields(tooShort), tooShort.toString());

        as.post("/api/me/password", Map.of("old_password", "first-pass1", "new_password", "mine-pass3")).expect(204);
        assertRefused(login(api, u, "first-pass1"), BAD_LOGIN);
        token(u, "mine-pass3");
        api.anonymous().post("/api/me/password", Map.of("old_password", "mine-pass3", "new_password", "x-pass-44"))
                .expect(401);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET,   /api/users",
        "GET,   /api/users/sales2",
        "POST,  /api/users",
        "PATCH, /api/users/sales2",
        "POST,  /api/users/sales2/password",
        "POST,  /api/departments",
        "GET,   /api/audit",
        "GET,   /api/login-log",
    })
    void nonAdminsAre403(String method, String path) {
        Map<String, Object> body = Map.of("username", username("x"), "name", "某人", "password", "demo1234",
                "enabled", false, "key", "dept_" + SEQ.incrementAndGet());
        for (String user : List.of("sales1", "manager1", "leader1", "contract1")) {
            Response r = api.as(user).send(HttpMethod.valueOf(method), path, method.equals("GET") ? null : body);
            r.expect(403);
            assertFalse(r.body().contains("sales2@"), r.toString());
        }
        // nothing changed: sales2 still logs in with its own password
        token("sales2", Api.PASSWORD);
        assertTrue(api.as("admin").get("/api/users/sales2").expect(200).json().get("enabled").asBoolean());
    }

    @Test
    void badUsersAre400() {
        String u = username("bad");
        api.as("admin").post("/api/users", newUser(u, "team_north", List.of("salesperson"))).expect(201);
        assertEquals(List.of("username"), AccessMatrixIT.errorFields(api.as("admin").post("/api/users",
                newUser(u, "team_north", List.of("salesperson"))).expect(400)), "taken");
        assertEquals(List.of("roles"), AccessMatrixIT.errorFields(api.as("admin").post("/api/users",
                newUser(username("bad"), "team_north", List.of("pope"))).expect(400)), "unknown role");
        assertEquals(List.of("department"), AccessMatrixIT.errorFields(api.as("admin").post("/api/users",
                newUser(username("bad"), "no_such_team", List.of("salesperson"))).expect(400)), "unknown department");
        Map<String, Object> shortPassword = newUser(username("bad"), "team_north", List.of("salesperson"));
        shortPassword.put("password", "123");
        assertEquals(List.of("password"), AccessMatrixIT.errorFields(api.as("admin").post("/api/users", shortPassword)
                .expect(400)));
        assertEquals(List.of("username"), AccessMatrixIT.errorFields(api.as("admin").post("/api/users",
                newUser("Bad Name!", "team_north", List.of("salesperson"))).expect(400)));
        api.as("admin").patch("/api/users/no_such_user", Map.of("enabled", false)).expect(404);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }
}
