package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.BrowserSession;
import dev.formation.testing.Customers;
import dev.formation.testing.Exports;
import dev.formation.testing.ImportSheets;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.web.router.Router;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing of one tenant reaches another. Tenant {@code acme} gets data of every kind (customers
 * with contacts, a visit with a photo, an approval flow with a pending task, a delegation, a user
 * and a department, a published field and a report of its own, a report run and export), each
 * value carrying one marker. Then every API route (the served OpenAPI file and the router's list,
 * both) and every page is called as {@code globex}'s admin with acme's ids and keys in the path:
 * nothing answers with acme's marker, and what names an object of acme's answers an error. A route
 * this test has no probe for fails it, so a new endpoint cannot skip the sweep. Then acme's
 * token and cookie on globex answer 401, the platform API refuses tenant admins, and a suspended
 * acme is refused everywhere until it is resumed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantIsolationIT extends AppTestBase {

    private static final String PLATFORM = "/api/platform/tenants";
    private static final String METADATA = "/api/admin/metadata";
    private static final String VISITS = "/api/forms/visit/records";
    private static final MediaType YAML = MediaType.of("application/yaml");
    private static final String BASE_DOMAIN = "crm.example.test";

    /** In every value acme writes. */
    private final String mark = "ACME-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    /** In every key acme names (they must be lower case): the user, the department, the field, the report. */
    private final String keyMark = "acme" + UUID.randomUUID().toString().substring(0, 8).replace('-', 'x');

    private String acme;
    private String globex;
    private String acmeUser;
    private String acmeDepartment;
    private String acmeField;
    private String acmeReport;
    private long acmeCustomer;
    private long acmePending;
    private long acmeVisit;
    private long acmeInstance;
    private long acmeTask;
    private long acmeDelegation;
    private String acmeFile;
    private long acmeImport;
    private int acmeVersion;

    @Override
    protected Map<String, Object> overrides(Path tempDir) {
        return Map.of("formation.tenants.platform-admins", "admin",
                "formation.tenants.base-domain", BASE_DOMAIN,
                "formation.tenants.status-cache-seconds", 0);
    }

    @BeforeAll
    void provisionAndFill() {
        provision("acme", "boss", "acme-secret");
        provision("globex", "chief", "globex-secret");
        acme = login("acme", "boss", "acme-secret");
        globex = login("globex", "chief", "globex-secret");
        fillAcme();
        // globex has a customer of its own, so its lists are not empty; acme's ids are past it
        api.withToken(globex).post(RECORDS, Customers.valid(Customers.uniqueName("格洛贝"))).expect(201);
    }

    private void provision(String key, String username, String password) {
        api.as("admin").post(PLATFORM, Map.of("key", key, "name", key.toUpperCase(Locale.ROOT) + " 公司",
                "admin", Map.of("username", username, "password", password))).expect(201);
    }

    private String login(String tenant, String username, String password) {
        return api.anonymous().post("/api/login", Map.of("tenant", tenant, "username", username, "password", password))
                .expect(200).json().get("access_token").asText();
    }

    private Api.Call asAcme() {
        return api.withToken(acme);
    }

    private Map<String, Object> acmeCustomer(String what) {
        Map<String, Object> c = Customers.valid(Customers.uniqueName(mark + what));
        c.put("reg_address", mark + " 福州市鼓楼区五四路158号");
        c.put("contacts", List.of(Customers.contact(mark + "联系人", "13905918888")));
        return c;
    }

    private void fillAcme() {
        acmeDepartment = keyMark + "_team";
        asAcme().post("/api/departments", Map.of("key", acmeDepartment, "name", mark + " 团队", "kind", "team"))
                .expect(201);
        acmeUser = keyMark + "_contract";
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", acmeUser);
        user.put("name", mark + " 合同管理员");
        user.put("email", acmeUser + "@acme.example.com");
        user.put("password", "acme-contract1");
        user.put("department", acmeDepartment);
        user.put("roles", List.of("contract_admin"));
        asAcme().post("/api/users", user).expect(201);
        String contract = login("acme", acmeUser, "acme-contract1");

        // acme's record ids go past globex's one customer
        for (int i = 0; i < 3; i++) {
            asAcme().post(RECORDS, acmeCustomer("填充" + i)).expect(201);
        }
        String photo = upload(acme);
        Map<String, Object> approved = acmeCustomer("已审");
        approved.put("logo", List.of(photo));
        acmeCustomer = asAcme().post(RECORDS, approved).expect(201).json().get("id").asLong();
        long first = submit(acmeCustomer, contract);
        api.withToken(contract).post("/api/tasks/" + pendingTask(contract, first) + "/approve",
                Map.of("fields", Map.of("category", "key_account"), "comment", mark + " 同意")).expect(200);

        acmePending = asAcme().post(RECORDS, acmeCustomer("待审")).expect(201).json().get("id").asLong();
        acmeInstance = submit(acmePending, contract);
        acmeTask = pendingTask(contract, acmeInstance);

        acmeFile = upload(acme);
        Map<String, Object> visit = new LinkedHashMap<>();
        visit.put("customer", acmeCustomer);
        visit.put("visit_time", now().truncatedTo(ChronoUnit.SECONDS).withHour(10).toString());
        visit.put("visit_type", "first_visit");
        visit.put("purpose", mark + " 初次拜访");
        visit.put("summary", mark + " 介绍产品");
        visit.put("contact_name", mark + "联系人");
        visit.put("location", Map.of("text", mark + " 福建省福州市鼓楼区五四路158号"));
        visit.put("photos", List.of(acmeFile));
        acmeVisit = asAcme().post(VISITS, visit).expect(201).json().get("id").asLong();

        acmeDelegation = asAcme().post("/api/delegations", Map.of("delegate", acmeUser, "kind", "create_on_behalf",
                "ends_at", now().plusDays(7).truncatedTo(ChronoUnit.SECONDS).toString())).expect(201).json()
                .get("id").asLong();

        acmeField = keyMark + "_code";
        asAcme().send(HttpMethod.PUT, METADATA + "/form/customer", YAML, "fields:\n  - key: " + acmeField
                + "\n    type: text\n    label: {zh-CN: " + mark + "编码, en: " + mark + " code}\n"
                + "    section: basic\n    maxLength: 40\n").expect(204);
        acmeReport = keyMark + "_report";
        asAcme().send(HttpMethod.PUT, METADATA + "/report/" + acmeReport, YAML, "kind: report\nkey: " + acmeReport
                + "\nlabel: {zh-CN: " + mark + " 报表, en: " + mark + " report}\ndataset:\n  form: customer\n"
                + "  columns:\n    - {field: name}\n    - {field: " + acmeField + "}\n  sort: [name]\n"
                + "presentation:\n  type: table\n").expect(204);
        acmeVersion = asAcme().post(METADATA + "/publish", Map.of("comment", mark + " 发布")).expect(200).json()
                .get("version").asInt();
        asAcme().patch(RECORDS + "/" + acmeCustomer, Map.of("version", asAcme().get(RECORDS + "/" + acmeCustomer)
                .expect(200).json().get("version").asLong(), acmeField, mark + "-CODE")).expect(200);

        // a company registry of acme's own, searched once, so a node's cache of it holds acme's company
        byte[] registry = ("企业名称,统一社会信用代码\n" + mark + "科技有限公司,91350102MA2XN0QK4B\n")
                .getBytes(StandardCharsets.UTF_8);
        asAcme().send(HttpMethod.PUT, "/api/admin/company-registry", MediaType.MULTIPART_FORM_DATA_TYPE,
                MultipartBody.builder().addPart("file", mark + ".csv", MediaType.TEXT_PLAIN_TYPE, registry).build())
                .expect(200);
        assertTrue(asAcme().get("/api/lookup/company?q=" + Customers.encode(searched())).expect(200).body()
                .contains(mark), "acme's lookup finds acme's company");

        acmeImport = importAcmeCustomers();

        // a report run and its export, so a cache of either would hold acme's rows
        assertTrue(asAcme().get("/api/reports/customer_info_query").expect(200).body().contains(mark));
        assertTrue(asAcme().get("/api/reports/" + acmeReport).expect(200).body().contains(mark));
        assertTrue(asAcme().get("/api/reports/customer_info_query/export?format=csv").expect(200).body().contains(mark));
        assertTrue(asAcme().get(RECORDS + "/export").expect(200).body().contains(mark));
        assertTrue(xlsxText(asAcme(), RECORDS + "/export?format=xlsx").contains(mark), "acme's spreadsheet export");
        assertTrue(asAcme().get("/api/audit").expect(200).body().contains(mark), "acme's audit has its own marks");
    }

    /** An import by acme's admin of one good row and one refused row, both carrying the marker; its id. */
    private long importAcmeCustomers() {
        try {
            byte[] book = ImportSheets.workbook(new ImportSheets.SheetData("客户", List.of(
                    List.of("客户名称", "客户类型"),
                    List.of(Customers.uniqueName(mark + "导入"), "企业客户"),
                    List.of(Customers.uniqueName(mark + "导入有误"), mark + "不是类型"))));
            long id = ImportSheets.start(asAcme(), "customer", book, null, null, false).expect(202).json()
                    .get("id").asLong();
            JsonNode done = ImportSheets.awaitFinished(asAcme(), id, Duration.ofSeconds(30));
            assertTrue(done.toString().contains(mark), "acme's import names its rows: " + done);
            return id;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long submit(long customer, String contract) {
        return asAcme().post("/api/forms/customer/records/" + customer + "/actions/submit",
                Map.of("assignee", acmeUser)).expect(200).json().get("id").asLong();
    }

    private long pendingTask(String token, long instance) {
        for (JsonNode task : api.withToken(token).get("/api/tasks?box=pending&size=200").expect(200).json().get("items")) {
            if (task.get("instance_id").asLong() == instance) {
                return task.get("id").asLong();
            }
        }
        throw new AssertionError("no pending task on instance " + instance);
    }

    /** A PNG (its signature, then the marker) uploaded by the user; its id. */
    private String upload(String token) {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        byte[] text = (mark + " " + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
        byte[] png = new byte[signature.length + text.length];
        System.arraycopy(signature, 0, png, 0, signature.length);
        System.arraycopy(text, 0, png, signature.length, text.length);
        return api.withToken(token).send(HttpMethod.POST, "/api/files", MediaType.MULTIPART_FORM_DATA_TYPE,
                MultipartBody.builder().addPart("file", mark + ".png", MediaType.APPLICATION_OCTET_STREAM_TYPE, png)
                        .build()).expect(201).json().get("id").asText();
    }

    // ---- the probes: one or more calls per route, with acme's ids and keys in the path ----

    /** A call of the sweep; {@code acmes}: the path names an object only acme has, so it must answer an error. */
    private record Probe(String path, Object body, boolean acmes) {
    }

    private static Probe shared(String path) {
        return new Probe(path, null, false);
    }

    private static Probe shared(String path, Object body) {
        return new Probe(path, body, false);
    }

    private static Probe acmes(String path) {
        return new Probe(path, null, true);
    }

    private static Probe acmes(String path, Object body) {
        return new Probe(path, body, true);
    }

    /** Every API route with its probes, by "METHOD template" as the router and the OpenAPI file name it. */
    private Map<String, List<Probe>> apiProbes() {
        Map<String, List<Probe>> p = new TreeMap<>();
        String customer = "/api/forms/customer/records/" + acmeCustomer;
        String pending = "/api/forms/customer/records/" + acmePending;
        String visit = VISITS + "/" + acmeVisit;
        p.put("GET /health", List.of(shared("/health")));
        // acme's admin's credentials; (a name tried here lands in this tenant's own login log, so no key of acme's)
        p.put("POST /api/login", List.of(shared("/api/login", Map.of("username", "boss", "password", "acme-secret"))));
        p.put("POST /api/logout", List.of(shared("/api/logout", Map.of())));
        p.put("GET /api/me", List.of(shared("/api/me")));
        p.put("POST /api/me/password", List.of(shared("/api/me/password", Map.of())));
        p.put("GET /api/me/notification-channels", List.of(shared("/api/me/notification-channels")));
        // the caller's own choice, in the caller's tenant
        p.put("PUT /api/me/notification-channels", List.of(shared("/api/me/notification-channels",
                Map.of("channels", List.of()))));
        p.put("GET /api/forms", List.of(shared("/api/forms")));
        p.put("GET /api/forms/{form}", List.of(shared("/api/forms/customer"), shared("/api/forms/visit")));
        p.put("GET /api/forms/{form}/schema", List.of(shared("/api/forms/customer/schema")));
        p.put("GET /api/forms/{form}/records", List.of(shared(RECORDS), shared(VISITS),
                shared(RECORDS + "?q=" + Customers.encode(searched())), shared(RECORDS + "?view=all&size=200"),
                shared(RECORDS + "?view=deleted&size=200"), shared(VISITS + "?view=deleted")));
        p.put("POST /api/forms/{form}/records", List.of(shared(RECORDS, Map.of(acmeField, "x"))));
        p.put("GET /api/forms/{form}/records/export", List.of(shared(RECORDS + "/export"), shared(VISITS + "/export")));
        p.put("GET /api/forms/{form}/records/new", List.of(shared(RECORDS + "/new"),
                shared("/api/forms/daily_report/records/new?day=" + now().toLocalDate())));
        p.put("GET /api/forms/{form}/records/{id}", List.of(acmes(customer), acmes(pending), acmes(visit)));
        p.put("PATCH /api/forms/{form}/records/{id}", List.of(acmes(customer, Map.of("version", 1, "name", "X")),
                acmes(visit, Map.of("version", 1, "summary", "X"))));
        p.put("DELETE /api/forms/{form}/records/{id}", List.of(acmes(visit + "?version=1"), acmes(visit + "?purge=true")));
        p.put("POST /api/forms/{form}/records/{id}/restore", List.of(acmes(customer + "/restore", Map.of()),
                acmes(visit + "/restore", Map.of())));
        p.put("POST /api/forms/{form}/records/{id}/purge", List.of(acmes(customer + "/purge", Map.of()),
                acmes(visit + "/purge", Map.of())));
        p.put("GET /api/forms/{form}/fields/{field}/choices", List.of(shared("/api/forms/visit/fields/customer/choices"),
                shared("/api/forms/visit/fields/customer/choices?q=" + Customers.encode(searched())),
                shared("/api/forms/customer/fields/owner/choices")));
        p.put("POST /api/files", List.of(shared("/api/files", Map.of())));
        p.put("GET /api/files/{id}", List.of(acmes("/api/files/" + acmeFile)));
        p.put("GET /api/forms/{form}/records/{id}/history", List.of(acmes(customer + "/history")));
        p.put("GET /api/forms/{form}/records/{id}/shares", List.of(acmes(customer + "/shares")));
        p.put("POST /api/forms/{form}/records/{id}/shares", List.of(acmes(customer + "/shares",
                Map.of("users", List.of("chief")))));
        p.put("DELETE /api/forms/{form}/records/{id}/shares", List.of(acmes(customer + "/shares",
                Map.of("users", List.of(acmeUser)))));
        p.put("GET /api/forms/{form}/records/{id}/owners", List.of(acmes(customer + "/owners")));
        p.put("GET /api/forms/{form}/records/{id}/owners/history", List.of(acmes(customer + "/owners/history")));
        // acme's record ids are none of globex's: refused one by one, nothing of acme's named
        p.put("POST /api/forms/{form}/records/transfer", List.of(shared(RECORDS + "/transfer",
                Map.of("ids", List.of(acmeCustomer), "to", "chief", "reason", "x"))));
        p.put("POST /api/forms/{form}/records/{id}/transfer", List.of(acmes(customer + "/transfer",
                Map.of("to", "chief", "reason", "x"))));
        p.put("GET /api/forms/{form}/records/{id}/prints/{print}", List.of(acmes(customer + "/prints/profile")));
        p.put("POST /api/forms/{form}/records/{id}/actions/{action}", List.of(acmes(customer + "/actions/submit",
                Map.of("assignee", acmeUser))));
        p.put("GET /api/forms/{form}/records/{id}/actions/{action}/route",
                List.of(acmes(pending + "/actions/submit/route?assignee=" + acmeUser)));
        p.put("POST /api/forms/{form}/records/{id}/change-requests", List.of(acmes(customer + "/change-requests",
                Map.of("changes", Map.of("name", "X")))));
        // the template is zipped: theSpreadsheetExportHoldsNoneOfAcmesRows reads its cells
        p.put("GET /api/forms/{form}/import/template", List.of(shared("/api/forms/customer/import/template")));
        p.put("GET /api/forms/{form}/imports", List.of(shared("/api/forms/customer/imports")));
        // not multipart: refused, and an import runs in the caller's tenant anyway
        p.put("POST /api/forms/{form}/imports", List.of(shared("/api/forms/customer/imports", Map.of())));
        String anImport = "/api/imports/" + acmeImport;
        p.put("GET /api/imports/{id}", List.of(acmes(anImport), acmes(anImport + "?errors=100")));
        p.put("GET /api/imports/{id}/errors.xlsx", List.of(acmes(anImport + "/errors.xlsx")));
        p.put("POST /api/imports/{id}/revert", List.of(acmes(anImport + "/revert", Map.of())));
        p.put("POST /api/imports/{id}/run", List.of(acmes(anImport + "/run", Map.of())));
        p.put("GET /api/delegations", List.of(shared("/api/delegations")));
        p.put("POST /api/delegations", List.of(shared("/api/delegations", Map.of("delegate", acmeUser,
                "kind", "create_on_behalf", "ends_at", now().plusDays(1).truncatedTo(ChronoUnit.SECONDS).toString()))));
        p.put("DELETE /api/delegations/{id}", List.of(acmes("/api/delegations/" + acmeDelegation)));
        p.put("GET /api/audit", List.of(shared("/api/audit"), shared("/api/audit?user=boss"),
                shared("/api/audit?form=customer&record=" + acmeCustomer)));
        p.put("GET /api/login-log", List.of(shared("/api/login-log"), shared("/api/login-log?user=" + acmeUser)));
        p.put("GET /api/admin/metadata", List.of(shared(METADATA)));
        p.put("GET /api/admin/metadata/versions", List.of(shared(METADATA + "/versions")));
        p.put("GET /api/admin/metadata/versions/{number}", List.of(shared(METADATA + "/versions/" + acmeVersion)));
        p.put("POST /api/admin/metadata/versions/{number}/restore", List.of(shared(METADATA + "/versions/"
                + acmeVersion + "/restore", Map.of())));
        p.put("POST /api/admin/metadata/validate", List.of(shared(METADATA + "/validate", Map.of())));
        p.put("POST /api/admin/metadata/publish", List.of(shared(METADATA + "/publish", Map.of("comment", "globex"))));
        p.put("GET /api/admin/metadata/{kind}/{key}", List.of(shared(METADATA + "/form/customer"),
                acmes(METADATA + "/report/" + acmeReport)));
        p.put("PUT /api/admin/metadata/{kind}/{key}", List.of(shared(METADATA + "/form/visit", Map.of())));
        // dropping what one's draft lacks is no error (204): the check is that acme's report stays
        p.put("DELETE /api/admin/metadata/{kind}/{key}", List.of(shared(METADATA + "/form/visit"),
                shared(METADATA + "/report/" + acmeReport)));
        p.put("GET /api/admin/metadata/export", List.of(shared(METADATA + "/export"),
                shared(METADATA + "/export?version=" + acmeVersion)));
        // a body that is not a zip: refused, and acme's draft is not the one it could reach anyway
        p.put("POST /api/admin/metadata/import", List.of(shared(METADATA + "/import", Map.of())));
        // a rebuild runs in the caller's tenant: acme's rows are not written
        p.put("POST /api/admin/rollups/rebuild", List.of(shared("/api/admin/rollups/rebuild", Map.of()),
                shared("/api/admin/rollups/rebuild?form=customer", Map.of())));
        p.put("GET /api/users", List.of(shared("/api/users")));
        p.put("POST /api/users", List.of(shared("/api/users", Map.of())));
        p.put("GET /api/users/{username}", List.of(acmes("/api/users/" + acmeUser)));
        p.put("PATCH /api/users/{username}", List.of(acmes("/api/users/" + acmeUser, Map.of("enabled", false))));
        p.put("POST /api/users/{username}/password", List.of(acmes("/api/users/" + acmeUser + "/password",
                Map.of("password", "taken-over1"))));
        p.put("POST /api/users/{username}/unlock", List.of(acmes("/api/users/" + acmeUser + "/unlock", Map.of())));
        p.put("GET /api/departments", List.of(shared("/api/departments")));
        p.put("POST /api/departments", List.of(shared("/api/departments", Map.of())));
        p.put("GET /api/teams", List.of(shared("/api/teams")));
        p.put("GET /api/lookup/company", List.of(shared("/api/lookup/company?q=" + Customers.encode(searched())),
                shared("/api/lookup/company?q=91350102MA2XN0QK4B")));
        // globex's own organisation: its export holds none of acme's users or departments
        p.put("GET /api/admin/users/export", List.of(shared("/api/admin/users/export")));
        p.put("GET /api/admin/departments/export", List.of(shared("/api/admin/departments/export")));
        // not multipart: refused; a sheet naming acme's user would create one in globex anyway
        p.put("POST /api/admin/users/import", List.of(shared("/api/admin/users/import", Map.of())));
        p.put("POST /api/admin/departments/import", List.of(shared("/api/admin/departments/import", Map.of())));
        p.put("GET /api/admin/company-registry", List.of(shared("/api/admin/company-registry")));
        // not multipart: refused, and globex's registry is the only one it could reach anyway
        p.put("PUT /api/admin/company-registry", List.of(shared("/api/admin/company-registry", Map.of())));
        p.put("GET /api/reports", List.of(shared("/api/reports")));
        p.put("GET /api/reports/{report}", List.of(shared("/api/reports/customer_info_query"),
                shared("/api/reports/customers_by_status"), acmes("/api/reports/" + acmeReport)));
        p.put("GET /api/reports/{report}/export", List.of(shared("/api/reports/customer_info_query/export?format=csv"),
                acmes("/api/reports/" + acmeReport + "/export?format=csv")));
        p.put("GET /api/tasks", List.of(shared("/api/tasks?box=pending"), shared("/api/tasks?box=done"),
                shared("/api/tasks?box=mine"), shared("/api/tasks?box=cc")));
        p.put("GET /api/tasks/counts", List.of(shared("/api/tasks/counts")));
        for (String action : List.of("approve", "reject", "transfer", "add-approver", "urge")) {
            p.put("POST /api/tasks/{id}/" + action, List.of(acmes("/api/tasks/" + acmeTask + "/" + action,
                    Map.of("comment", "x", "to", "chief", "assignees", List.of("chief")))));
        }
        p.put("GET /api/flows", List.of(shared("/api/flows")));
        p.put("POST /api/flows/{key}/unpublish", List.of(shared("/api/flows/customer_approval/unpublish", Map.of())));
        p.put("POST /api/flows/{key}/publish", List.of(shared("/api/flows/customer_approval/publish", Map.of())));
        p.put("GET /api/flows/instances/{id}", List.of(acmes("/api/flows/instances/" + acmeInstance)));
        for (String action : List.of("withdraw", "resubmit", "comments")) {
            p.put("POST /api/flows/instances/{id}/" + action, List.of(acmes("/api/flows/instances/" + acmeInstance
                    + "/" + action, Map.of("comment", "x"))));
        }
        p.put("GET /api/notifications", List.of(shared("/api/notifications")));
        p.put("POST /api/notifications/read", List.of(shared("/api/notifications/read", Map.of())));
        // the platform's own API answers a tenant's admin 403 whatever it names
        p.put("GET " + PLATFORM, List.of(acmes(PLATFORM)));
        p.put("POST " + PLATFORM, List.of(acmes(PLATFORM, Map.of("key", keyMark, "name", mark,
                "admin", Map.of("username", "x" + keyMark, "password", "secret-123")))));
        p.put("GET " + PLATFORM + "/{key}", List.of(acmes(PLATFORM + "/acme")));
        p.put("POST " + PLATFORM + "/{key}/suspend", List.of(acmes(PLATFORM + "/acme/suspend", Map.of())));
        p.put("POST " + PLATFORM + "/{key}/resume", List.of(acmes(PLATFORM + "/acme/resume", Map.of())));
        return p;
    }

    /** Every page GET with its probes, by "GET template" as the router names it. */
    private Map<String, List<Probe>> pageProbes() {
        Map<String, List<Probe>> p = new TreeMap<>();
        String customer = "/forms/customer/" + acmeCustomer;
        String id = "{id:[0-9]+}";
        p.put("GET /", List.of(shared("/")));
        p.put("GET /favicon.ico", List.of(shared("/favicon.ico")));
        p.put("GET /token_info", List.of(shared("/token_info")));
        p.put("GET /health/{selector}", List.of(shared("/health/liveness"), shared("/health/readiness")));
        p.put("GET /login", List.of(shared("/login")));
        p.put("GET /lang", List.of(shared("/lang?to=en")));
        p.put("GET /forms/{form}", List.of(shared("/forms/customer"), shared("/forms/visit"),
                shared("/forms/customer?q=" + Customers.encode(searched()))));
        p.put("GET /forms/{form}/new", List.of(shared("/forms/customer/new"), shared("/forms/visit/new")));
        p.put("GET /forms/{form}/import", List.of(shared("/forms/customer/import")));
        p.put("GET /imports/" + id, List.of(acmes("/imports/" + acmeImport)));
        p.put("GET /forms/{form}/" + id, List.of(acmes(customer), acmes("/forms/visit/" + acmeVisit),
                acmes("/forms/customer/" + acmePending)));
        p.put("GET /forms/{form}/" + id + "/edit", List.of(acmes(customer + "/edit")));
        p.put("GET /forms/{form}/" + id + "/history", List.of(acmes(customer + "/history")));
        p.put("GET /forms/{form}/" + id + "/sharing", List.of(acmes(customer + "/sharing")));
        p.put("GET /forms/{form}/" + id + "/transfer", List.of(acmes(customer + "/transfer")));
        p.put("GET /forms/{form}/" + id + "/actions/{action}", List.of(acmes("/forms/customer/" + acmePending
                + "/actions/submit")));
        p.put("GET /forms/{form}/" + id + "/change-request", List.of(acmes(customer + "/change-request")));
        p.put("GET /flows/" + id, List.of(acmes("/flows/" + acmeInstance)));
        p.put("GET /tasks", List.of(shared("/tasks"), shared("/tasks?box=done"), shared("/tasks?box=mine"),
                shared("/tasks?box=cc")));
        p.put("GET /notifications", List.of(shared("/notifications")));
        p.put("GET /account/delegations", List.of(shared("/account/delegations")));
        p.put("GET /account/password", List.of(shared("/account/password")));
        p.put("GET /account/channels", List.of(shared("/account/channels")));
        p.put("GET /dashboards/{dashboard}", List.of(shared("/dashboards/sales_overview"),
                shared("/dashboards/my_sales")));
        p.put("GET /admin/audit", List.of(shared("/admin/audit")));
        p.put("GET /admin/users", List.of(shared("/admin/users")));
        p.put("GET /admin/users/new", List.of(shared("/admin/users/new")));
        p.put("GET /admin/users/{username}", List.of(acmes("/admin/users/" + acmeUser)));
        p.put("GET /admin/departments", List.of(shared("/admin/departments")));
        p.put("GET /admin/logins", List.of(shared("/admin/logins")));
        p.put("GET /admin/company-registry", List.of(shared("/admin/company-registry")));
        // the file and the print as a page's link opens them, with the cookie
        p.put("GET /api/files/{id}", List.of(acmes("/api/files/" + acmeFile)));
        p.put("GET /api/forms/{form}/records/{id}/prints/{print}", List.of(acmes(customer.replace("/forms/",
                "/api/forms/").replace("/customer/", "/customer/records/") + "/prints/profile")));
        return p;
    }

    /** "METHOD template" of every API route: the served OpenAPI file's operations and the router's routes. */
    private Set<String> apiRoutes() {
        Set<String> routes = new TreeSet<>();
        String yaml = api.anonymous().get("/static/openapi.yaml").expect(200).body();
        OpenAPI openApi = new OpenAPIV3Parser().readContents(yaml, null, null).getOpenAPI();
        assertNotNull(openApi, "the served OpenAPI file parses");
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(m -> routes.add(m.name() + " " + path)));
        routerRoutes().stream().filter(r -> r.contains(" /api/") || r.endsWith(" /health")).forEach(routes::add);
        return routes;
    }

    /** "GET template" of every page: the router's GET routes outside /api and /static. */
    private Set<String> pageRoutes() {
        Set<String> routes = new TreeSet<>();
        routerRoutes().stream().filter(r -> r.startsWith("GET ") && !r.contains(" /api/") && !r.contains(" /static")
                && !r.endsWith(" /health")).forEach(routes::add);
        return routes;
    }

    private Set<String> routerRoutes() {
        Set<String> routes = new TreeSet<>();
        app.context().getBean(Router.class).uriRoutes().forEach(route -> {
            String method = route.getHttpMethod().name();
            if (!method.equals("HEAD") && !method.equals("OPTIONS")) {
                routes.add(method + " " + route.getUriMatchTemplate().toString().replaceAll("\\{[?&][^}]*}", ""));
            }
        });
        return routes;
    }

    /** A search for acme's values: all of its marker but the last character, so an echo of the query is no leak. */
    private String searched() {
        return mark.substring(0, mark.length() - 1);
    }

    /** What leaks of acme in a response to a request: its marker, or one of its keys the request did not name. */
    private String leak(String request, String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        if (lower.contains(mark.toLowerCase(Locale.ROOT))) {
            return mark;
        }
        return lower.contains(keyMark) && !request.toLowerCase(Locale.ROOT).contains(keyMark) ? keyMark : null;
    }

    private void judge(List<String> wrong, String route, Probe probe, Api.Response r, boolean strict) {
        String request = r.request() + (probe.body() == null ? "" : " " + Api.toJson(probe.body()));
        String leaked = leak(request, r.body());
        if (leaked != null) {
            wrong.add(route + ": " + request + " -> " + r.status() + " shows " + leaked + ": " + r.body());
        } else if (r.status() >= 500) {
            wrong.add(route + ": " + request + " -> " + r.status() + " " + r.body());
        } else if (strict && probe.acmes() && r.status() < 400) {
            wrong.add(route + ": " + request + " names acme's, yet answers " + r.status() + " " + r.body());
        }
    }

    private Api.Response send(Api.Call call, String route, Probe probe) {
        HttpMethod method = HttpMethod.valueOf(route.substring(0, route.indexOf(' ')));
        return probe.body() == null ? call.send(method, probe.path(), null) : call.send(method, probe.path(), probe.body());
    }

    /** The sweep reads bodies as text; a spreadsheet is zipped, so its cells are read out for the check. */
    @Test
    void theSpreadsheetExportHoldsNoneOfAcmesRows() throws Exception {
        for (String form : List.of("customer", "visit")) {
            String text = xlsxText(api.as("admin"), "/api/forms/" + form + "/records/export?format=xlsx");
            assertFalse(text.contains(mark), form + ": " + text);
            // acme's published field is a column of acme's template only
            String template = xlsxText(api.as("admin"), "/api/forms/" + form + "/import/template");
            assertFalse(template.contains(mark), form + " template: " + template);
        }
    }

    private static String xlsxText(Api.Call call, String path) {
        try {
            return String.join(" ", Exports.xlsxText(call.download(path).expect(200).body()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    void everyApiRouteAsGlobexShowsNothingOfAcme() {
        Map<String, List<Probe>> probes = apiProbes();
        Set<String> missing = new TreeSet<>(apiRoutes());
        missing.removeAll(probes.keySet());
        assertEquals(Set.of(), missing, "API routes the sweep has no probe for: add them to apiProbes()");
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Map.Entry<String, List<Probe>> route : probes.entrySet()) {
            for (Probe probe : route.getValue()) {
                judge(wrong, route.getKey(), probe, send(api.withToken(globex), route.getKey(), probe), true);
                calls++;
                if (route.getKey().equals("POST /api/logout")) {
                    // that ended globex's tokens (and no one else's: acme's are checked after the sweep)
                    globex = login("globex", "chief", "globex-secret");
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(calls > 90, "calls made: " + calls);
        assertAcmeIntact();
    }

    /** The organisation exports are zipped XML, which the sweep's look at the body cannot read: read them here. */
    @Test
    @Order(1)
    void globexsOrganisationSheetsHoldNothingOfAcme() throws java.io.IOException {
        for (String sheet : List.of("/api/admin/users/export", "/api/admin/departments/export")) {
            byte[] xlsx = api.withToken(globex).download(sheet).expect(200).body();
            StringBuilder text = new StringBuilder();
            try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
                book.getSheetAt(0).forEach(row -> row.forEach(cell -> text.append(cell.toString()).append('|')));
            }
            if (sheet.contains("users")) {
                assertTrue(text.toString().contains("chief"), sheet + ": globex's own admin is there: " + text);
            }
            assertEquals(null, leak(sheet, text.toString()), sheet + ": " + text);
        }
    }

    @Test
    @Order(2)
    void everyPageAsGlobexShowsNothingOfAcme() {
        Map<String, List<Probe>> probes = pageProbes();
        Set<String> missing = new TreeSet<>(pageRoutes());
        missing.removeAll(probes.keySet());
        assertEquals(Set.of(), missing, "pages the sweep has no probe for: add them to pageProbes()");
        assertEquals(List.of(), sweepPages(browser("globex", "chief", "globex-secret"), "chief", true));
    }

    private List<String> sweepPages(BrowserSession browser, String username, boolean strict) {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, List<Probe>> route : pageProbes().entrySet()) {
            for (Probe probe : route.getValue()) {
                Api.Response r = browser.get(probe.path());
                judge(wrong, route.getKey(), probe, r, strict);
                if (!probe.acmes() && !probe.path().startsWith("/api/") && !probe.path().startsWith("/login")
                        && r.status() == 200 && r.contentType().startsWith("text/html") && !r.body().contains(username)) {
                    wrong.add(route.getKey() + ": " + r.request() + " is no longer " + username + "'s session");
                }
            }
        }
        return wrong;
    }

    /**
     * The tenant {@code default} (the configured database itself, whose admin is a platform
     * admin) sees nothing of acme either. Its demo has records and tasks under acme's ids, so only
     * the marker counts here; the platform's routes, which a platform admin may use, and the
     * logout, which would end the tokens this test keeps, are left out.
     */
    @Test
    @Order(3)
    void everyApiRouteAndPageAsTheDefaultTenantsAdminShowsNothingOfAcme() {
        String admin = api.login("admin", Api.PASSWORD);
        List<String> wrong = new ArrayList<>();
        apiProbes().forEach((route, probes) -> {
            if (!route.contains(PLATFORM) && !route.equals("POST /api/logout")) {
                probes.forEach(probe -> judge(wrong, route, probe, send(api.withToken(admin), route, probe), false));
            }
        });
        wrong.addAll(sweepPages(BrowserSession.loggedIn(api, "admin"), "admin", false));
        assertEquals(List.of(), wrong);
        assertAcmeIntact();
    }

    @Test
    @Order(4)
    void acmesCookieOnGlobexsSubdomainAndItsTokenNamingGlobexAnswer401() {
        BrowserSession acmeBrowser = browser("acme", "boss", "acme-secret");
        assertTrue(acmeBrowser.get("/forms/customer/" + acmeCustomer).expect(200).body().contains(mark),
                "acme's own page, by its own cookie");
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, List<Probe>> route : pageProbes().entrySet()) {
            for (Probe probe : route.getValue()) {
                Api.Response r = acmeBrowser.call().header("Host", "globex." + BASE_DOMAIN).get(probe.path());
                boolean refused = r.status() == 401 || r.status() == 303 && String.valueOf(r.header("location"))
                        .startsWith("/login");
                if (!refused || leak(r.request(), r.body()) != null) {
                    wrong.add("acme's cookie on globex: " + r);
                }
            }
        }
        for (Map.Entry<String, List<Probe>> route : apiProbes().entrySet()) {
            for (Probe probe : route.getValue()) {
                if (route.getKey().equals("GET /health")) {
                    continue;
                }
                Api.Response r = send(api.withToken(acme).header("X-Tenant", "globex"), route.getKey(), probe);
                if (r.status() != 401 || !r.contentType().startsWith("application/problem+json")) {
                    wrong.add("acme's token naming globex: " + r);
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertAcmeIntact();
    }

    @Test
    @Order(5)
    void thePlatformApiRefusesTenantAdminsAndStrangers() {
        for (String token : List.of(acme, globex)) {
            api.withToken(token).get(PLATFORM).expect(403);
            api.withToken(token).get(PLATFORM + "/acme").expect(403);
            api.withToken(token).post(PLATFORM + "/globex/suspend", Map.of()).expect(403);
        }
        api.anonymous().get(PLATFORM).expect(401);
        api.anonymous().post(PLATFORM + "/acme/suspend", Map.of()).expect(401);
        api.anonymous().header("X-Tenant", "acme").get(PLATFORM).expect(401);
        assertEquals("active", api.as("admin").get(PLATFORM + "/acme").expect(200).json().get("status").asText());
    }

    @Test
    @Order(6)
    void aSuspendedAcmeIsRefusedOnTheApiThePagesAndTheLoginUntilResumed() {
        BrowserSession acmeBrowser = browser("acme", "boss", "acme-secret");
        api.as("admin").post(PLATFORM + "/acme/suspend", Map.of()).expect(200);
        try {
            for (String path : List.of(RECORDS, RECORDS + "/" + acmeCustomer, "/api/files/" + acmeFile, "/api/tasks",
                    "/api/me", "/api/reports/" + acmeReport)) {
                Api.Response r = api.withToken(acme).get(path).expect(403);
                assertTrue(r.contentType().startsWith("application/problem+json"), r.toString());
                assertFalse(r.body().contains(mark), r.toString());
            }
            for (String path : List.of("/", "/forms/customer", "/forms/customer/" + acmeCustomer, "/tasks")) {
                Api.Response r = acmeBrowser.get(path).expect(403);
                assertFalse(r.body().contains(mark), r.toString());
            }
            api.anonymous().header("Host", "acme." + BASE_DOMAIN).get("/login").expect(403);
            api.anonymous().post("/api/login", Map.of("tenant", "acme", "username", "boss", "password", "acme-secret"))
                    .expect(403);
            BrowserSession fresh = new BrowserSession(api);
            fresh.get("/login").expect(200);
            assertEquals(403, fresh.postForm("/login", Map.of("tenant", "acme", "username", "boss",
                    "password", "acme-secret")).status());
            // globex carries on
            api.withToken(globex).get(RECORDS).expect(200);
        } finally {
            api.as("admin").post(PLATFORM + "/acme/resume", Map.of()).expect(200);
        }
        assertTrue(api.withToken(acme).get(RECORDS + "/" + acmeCustomer).expect(200).body().contains(mark));
        assertTrue(acmeBrowser.get("/forms/customer/" + acmeCustomer).expect(200).body().contains(mark));
        login("acme", "boss", "acme-secret");
    }

    private BrowserSession browser(String tenant, String username, String password) {
        BrowserSession browser = new BrowserSession(api);
        browser.get("/login").expect(200);
        browser.postForm("/login", Map.of("tenant", tenant, "username", username, "password", password)).expect(303);
        assertNotNull(browser.cookie(BrowserSession.SESSION_COOKIE), "logged in to " + tenant);
        return browser;
    }

    /** Whatever globex sent, acme's data is as it was: the records, the task, the user, the delegation, the flow. */
    private void assertAcmeIntact() {
        for (String path : List.of(RECORDS + "/" + acmeCustomer, RECORDS + "/" + acmePending, VISITS + "/" + acmeVisit)) {
            assertTrue(asAcme().get(path).expect(200).body().contains(mark), path);
        }
        assertEquals(200, asAcme().download("/api/files/" + acmeFile).status());
        JsonNode user = asAcme().get("/api/users/" + acmeUser).expect(200).json();
        assertTrue(user.get("enabled").asBoolean(), user.toString());
        login("acme", acmeUser, "acme-contract1");
        assertEquals("pending", asAcme().get(RECORDS + "/" + acmePending).expect(200).json().get("status").asText());
        assertTrue(asAcme().get("/api/flows/instances/" + acmeInstance).expect(200).body().contains(mark));
        assertTrue(asAcme().get("/api/delegations").expect(200).body().contains(acmeUser));
        assertTrue(asAcme().get(METADATA + "/report/" + acmeReport).expect(200).body().contains(mark));
        for (JsonNode flow : asAcme().get("/api/flows").expect(200).json()) {
            if (flow.path("key").asText().equals("customer_approval")) {
                assertFalse(flow.toString().contains("\"published\":false"), flow.toString());
            }
        }
        assertEquals("active", api.as("admin").get(PLATFORM + "/acme").expect(200).json().get("status").asText());
    }
}
