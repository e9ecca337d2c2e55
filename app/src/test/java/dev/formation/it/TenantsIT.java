package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.BrowserSession;
import dev.formation.testing.Customers;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two tenants provisioned through the platform API on one running app: each admin adds a field of
 * its own to the same shipped form and publishes; each tenant then sees only its own field,
 * records and users, the tenant {@code default} (the demo) none of theirs. A token of one tenant on
 * another answers 401, a suspended tenant 403 until it is resumed.
 */
class TenantsIT extends AppTestBase {

    private static final String PLATFORM = "/api/platform/tenants";
    private static final String METADATA = "/api/admin/metadata";
    private static final MediaType YAML = MediaType.of("application/yaml");

    private String acme;
    private String globex;

    @Override
    protected Map<String, Object> overrides(Path tempDir) {
        return Map.of("formation.tenants.platform-admins", "admin",
                "formation.tenants.base-domain", "crm.example.test",
                // a suspension counts on this node at once (the test does not wait out a cache)
                "formation.tenants.status-cache-seconds", 0);
    }

    @BeforeAll
    void provision() {
        long started = System.nanoTime();
        provision("acme", "Acme 有限公司", "boss", "acme-secret");
        long took = (System.nanoTime() - started) / 1_000_000;
        provision("globex", "Globex Corporation", "chief", "globex-secret");
        System.out.println("provisioning a tenant took " + took + " ms");
        acme = login("acme", "boss", "acme-secret");
        globex = login("globex", "chief", "globex-secret");
    }

    private void provision(String key, String name, String username, String password) {
        JsonNode made = api.as("admin").post(PLATFORM, Map.of("key", key, "name", name,
                "admin", Map.of("username", username, "password", password))).expect(201).json();
        assertEquals(key, made.get("key").asText());
        assertEquals("active", made.get("status").asText());
    }

    private String login(String tenant, String username, String password) {
        JsonNode answer = api.anonymous().post("/api/login", Map.of("tenant", tenant, "username", username,
                "password", password)).expect(200).json();
        return answer.get("access_token").asText();
    }

    private static List<String> fieldKeys(JsonNode form) {
        List<String> keys = new ArrayList<>();
        form.get("fields").forEach(f -> keys.add(f.get("key").asText()));
        return keys;
    }

    private static String field(String key) {
        return "fields:\n  - key: " + key + "\n    type: text\n    label: {zh-CN: " + key + ", en: " + key + "}\n"
                + "    section: basic\n    maxLength: 40\n";
    }

    private void addFieldAndPublish(String token, String key) {
        api.withToken(token).send(HttpMethod.PUT, METADATA + "/form/customer", YAML, field(key)).expect(204);
        JsonNode published = api.withToken(token).post(METADATA + "/publish", Map.of("comment", key)).expect(200).json();
        assertEquals(1, published.get("version").asInt(), published.toString());
    }

    @Test
    void eachTenantSeesOnlyItsOwnFieldRecordsAndUsers() {
        addFieldAndPublish(acme, "acme_code");
        addFieldAndPublish(globex, "globex_code");

        List<String> acmeFields = fieldKeys(api.withToken(acme).get("/api/forms/customer").expect(200).json());
        List<String> globexFields = fieldKeys(api.withToken(globex).get("/api/forms/customer").expect(200).json());
        List<String> defaultFields = fieldKeys(api.as("admin").get("/api/forms/customer").expect(200).json());
        assertTrue(acmeFields.contains("acme_code") && !acmeFields.contains("globex_code"), acmeFields.toString());
        assertTrue(globexFields.contains("globex_code") && !globexFields.contains("acme_code"), globexFields.toString());
        assertFalse(defaultFields.contains("acme_code") || defaultFields.contains("globex_code"), defaultFields.toString());

        long demoCustomers = totalCustomers();
        Map<String, Object> a = Customers.valid(Customers.uniqueName("阿克米"));
        a.put("acme_code", "A-1");
        long acmeId = api.withToken(acme).post(RECORDS, a).expect(201).json().get("id").asLong();
        Map<String, Object> g = Customers.valid(Customers.uniqueName("格洛贝"));
        g.put("globex_code", "G-1");
        api.withToken(globex).post(RECORDS, g).expect(201);
        // a field of the other tenant is unknown here
        Map<String, Object> wrong = Customers.valid(Customers.uniqueName("串门"));
        wrong.put("acme_code", "X");
        api.withToken(globex).post(RECORDS, wrong).expect(400);

        JsonNode acmeList = api.withToken(acme).get(RECORDS).expect(200).json();
        assertEquals(1, acmeList.get("total").asLong(), acmeList.toString());
        assertTrue(acmeList.toString().contains("阿克米") && !acmeList.toString().contains("格洛贝"), acmeList.toString());
        assertEquals(1, api.withToken(globex).get(RECORDS).expect(200).json().get("total").asLong());
        assertEquals(demoCustomers, totalCustomers(), "the demo's customers are untouched");
        assertEquals("A-1", api.withToken(acme).get(RECORDS + "/" + acmeId).expect(200).json().get("acme_code").asText());

        assertEquals(List.of("boss"), usernames(acme));
        assertEquals(List.of("chief"), usernames(globex));
        assertTrue(usernames(api.as("admin").get("/api/users").expect(200).json()).contains("sales1"));
        assertFalse(usernames(api.as("admin").get("/api/users").expect(200).json()).contains("boss"));

        JsonNode listed = api.as("admin").get(PLATFORM).expect(200).json();
        int seen = 0;
        for (JsonNode t : listed) {
            if (List.of("acme", "globex").contains(t.get("key").asText())) {
                assertEquals(1, t.get("users").asLong(), listed.toString());
                assertEquals(1, t.get("records").asLong(), listed.toString());
                seen++;
            }
        }
        assertEquals(2, seen, listed.toString());
        assertEquals(1, api.as("admin").get(PLATFORM + "/acme").expect(200).json().get("records").asLong());
    }

    private List<String> usernames(String token) {
        return usernames(api.withToken(token).get("/api/users").expect(200).json());
    }

    private static List<String> usernames(JsonNode users) {
        List<String> names = new ArrayList<>();
        users.forEach(u -> names.add(u.get("username").asText()));
        return names;
    }

    @Test
    void aTokenCountsOnlyForItsOwnTenant() {
        JsonNode me = api.withToken(acme).get("/api/me").expect(200).json();
        assertEquals("acme", me.get("tenant").asText(), me.toString());
        api.withToken(acme).header("X-Tenant", "acme").get("/api/me").expect(200);
        Api.Response other = api.withToken(acme).header("X-Tenant", "globex").get("/api/me").expect(401);
        assertTrue(other.contentType().startsWith("application/problem+json"), other.toString());
        api.withToken(globex).header("X-Tenant", "acme").get(RECORDS).expect(401);
        api.as("admin").header("X-Tenant", "acme").get(RECORDS).expect(401);
        api.withToken(acme).header("X-Tenant", "default").get(RECORDS).expect(401);
        api.anonymous().header("X-Tenant", "nosuch").get("/api/me").expect(401);
        // the wrong tenant's password, or the right one's without naming it
        api.anonymous().post("/api/login", Map.of("tenant", "globex", "username", "boss", "password", "acme-secret"))
                .expect(401);
        api.anonymous().post("/api/login", Map.of("username", "boss", "password", "acme-secret")).expect(401);
        // the header names the tenant of a login too
        api.anonymous().header("X-Tenant", "acme")
                .post("/api/login", Map.of("username", "boss", "password", "acme-secret")).expect(200);
    }

    @Test
    void onlyPlatformAdministratorsProvision() {
        api.as("sales1").get(PLATFORM).expect(403);
        api.withToken(acme).get(PLATFORM).expect(403);
        api.withToken(acme).post(PLATFORM, Map.of("key", "evil", "name", "Evil",
                "admin", Map.of("username", "evil", "password", "evil-secret"))).expect(403);
        api.anonymous().get(PLATFORM).expect(401);
        JsonNode bad = api.as("admin").english().post(PLATFORM, Map.of("key", "Bad-Key", "name", "",
                "admin", Map.of("username", "x", "password", "1"))).expect(400).json();
        assertEquals(4, bad.get("errors").size(), bad.toString());
        api.as("admin").post(PLATFORM, Map.of("key", "default", "name", "Default",
                "admin", Map.of("username", "boss", "password", "secret1"))).expect(400);
        api.as("admin").post(PLATFORM, Map.of("key", "acme", "name", "Acme again",
                "admin", Map.of("username", "boss", "password", "secret1"))).expect(409);
        api.as("admin").post(PLATFORM + "/nosuch/suspend", Map.of()).expect(404);
    }

    @Test
    void aSuspendedTenantIsRefusedUntilResumed() {
        provision("initech", "Initech", "bill", "initech-secret");
        String token = login("initech", "bill", "initech-secret");
        api.withToken(token).get(RECORDS).expect(200);

        assertEquals("suspended", api.as("admin").post(PLATFORM + "/initech/suspend", Map.of()).expect(200).json()
                .get("status").asText());
        Api.Response refused = api.withToken(token).get(RECORDS).expect(403);
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.toString());
        api.anonymous().header("X-Tenant", "initech").get("/login").expect(403);
        api.anonymous().post("/api/login", Map.of("tenant", "initech", "username", "bill", "password", "initech-secret"))
                .expect(403);
        api.withToken(acme).get(RECORDS).expect(200);
        api.as("admin").get(RECORDS).expect(200);

        api.as("admin").post(PLATFORM + "/initech/resume", Map.of()).expect(200);
        api.withToken(token).get(RECORDS).expect(200);
    }

    @Test
    void pagesNameTheirTenantBySubdomainOrTheLoginField() {
        Api.Response onDefault = api.anonymous().get("/login").expect(200);
        assertTrue(onDefault.body().contains("name=\"tenant\""), "tenants exist: the login page asks for one");
        Api.Response onAcme = api.anonymous().header("Host", "acme.crm.example.test").get("/login").expect(200);
        assertFalse(onAcme.body().contains("name=\"tenant\""), "the sub-domain names the tenant");
        api.anonymous().header("Host", "nosuch.crm.example.test").get("/login").expect(401);
        // a page of acme with a token of acme, reached by its sub-domain
        api.withToken(acme).header("Host", "acme.crm.example.test").get("/api/me").expect(200);
        api.withToken(globex).header("Host", "acme.crm.example.test").get("/api/me").expect(401);
    }

    @Test
    void theLoginPagesTenantFieldLogsIntoThatTenant() {
        BrowserSession browser = new BrowserSession(api);
        browser.get("/login").expect(200);
        browser.postForm("/login", Map.of("tenant", "acme", "username", "boss", "password", "wrong-one")).expect(401);
        browser.postForm("/login", Map.of("tenant", "acme", "username", "boss", "password", "acme-secret")).expect(303);
        String home = browser.get("/").expect(200).body();
        assertTrue(home.contains("boss"), "the home page greets acme's admin");
        // the cookie's token is acme's: its sub-domain is fine, another tenant's is not
        browser.remember(browser.call().header("Host", "acme.crm.example.test").get("/")).expect(200);
        browser.call().header("X-Tenant", "globex").get("/").expect(401);
    }
}
