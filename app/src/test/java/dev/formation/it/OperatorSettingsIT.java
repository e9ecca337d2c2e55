package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.plugins.notify.smtp.testing.GreenMailFront;
import dev.formation.plugins.notify.smtp.testing.ReceivedMessage;
import dev.formation.testing.Api;
import dev.formation.testing.AppProcess;
import dev.formation.testing.Customers;
import dev.formation.testing.Eventually;
import dev.formation.testing.Exports;
import dev.formation.testing.Flows;
import dev.formation.testing.Resources;
import dev.formation.testing.TestDatabase;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every setting the README names, given as the README writes it: once all as environment
 * variables ({@code FORMATION_NOTIFIERS_SMTP_HOST=...}), once all as system properties
 * ({@code -Dformation.notifiers.smtp.host=...}), to the app started in its own process as an
 * operator starts it. Environment variables go through Micronaut's real mapping of
 * {@code A_B_C} to property names, which is what lost the SMTP settings before.
 */
class OperatorSettingsIT {

    private static final String JWT_SECRET = "operator-settings-secret-0123456789-abcdefghijklmn";
    private static final String ADMIN_PASSWORD = "Chosen-by-the-operator-1";
    private static final String PUBLIC_URL = "https://crm.example.test";
    private static final Path README = Path.of("../README.md");

    private Path tempDir;
    private TestDatabase db;
    private GreenMailFront smtp;

    @BeforeEach
    void setUp() throws IOException {
        tempDir = Files.createTempDirectory("formation-settings-");
        db = TestDatabase.create(tempDir);
        smtp = GreenMailFront.builder().user("crm", "relay-secret").start();
    }

    @AfterEach
    void tearDown() {
        smtp.close();
        db.close();
        TestDatabase.deleteTree(tempDir);
    }

    /** Property name → value, for one start; {@link #asEnvironmentVariable} gives the other spelling. */
    private Map<String, String> settings(int port) throws IOException {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("micronaut.server.port", String.valueOf(port));
        s.put("formation.data-dir", tempDir.resolve("data").toString());
        s.put("formation.metadata-dir", Resources.folder("overlays/wechat").toString());
        s.put("formation.shipped-metadata-dir", editedShippedCopy().toString());
        s.put("formation.reports-dir", editedTemplateCopy().toString());
        s.put("formation.demo-data", "false");
        s.put("formation.jwt-secret", JWT_SECRET);
        s.put("formation.admin-password", ADMIN_PASSWORD);
        // the app's clock starts at 09:00 on that day in that zone: 01:00 UTC
        s.put("formation.time-zone", "Asia/Shanghai");
        s.put("formation.clock-start", "2026-12-01");
        s.put("micronaut.security.token.generator.access-token.expiration", "7200");
        // bound by the same settings class as lockout-attempts and clock-start
        s.put("formation.user-cache-seconds", "3");
        s.put("formation.files.store", "folder");
        s.put("formation.public-url", PUBLIC_URL);
        s.put("formation.flow.job-interval", "1s");
        s.put("formation.metadata.watch-interval", "500ms");
        // any table with a row is "big": an index on it is planned as not online
        s.put("formation.metadata.online-index-rows", "0");
        // a list counts at most max(1, ten pages of its size) rows
        s.put("formation.lists.count-cap", "1");
        s.put("formation.lockout-attempts", "2");
        // bound by the same settings class as lockout-attempts, asserted by LockoutSettingsIT
        s.put("formation.lockout-window-minutes", "20");
        s.put("formation.lockout-minutes", "25");
        s.put("formation.notifiers.smtp.host", smtp.host());
        s.put("formation.notifiers.smtp.port", String.valueOf(smtp.port()));
        s.put("formation.notifiers.smtp.from", "CRM <noreply@example.test>");
        s.put("formation.notifiers.smtp.starttls", "false");
        s.put("formation.notifiers.smtp.username", "crm");
        s.put("formation.notifiers.smtp.password", "relay-secret");
        s.put("formation.notifiers.smtp.timeout-ms", "20000");
        s.put("formation.notifiers.smtp.helo", "node-1.example.test");
        s.put("formation.tenants.platform-admins", "admin");
        s.put("formation.tenants.base-domain", "crm.example.test");
        s.put("formation.tenants.schema-prefix", tenantPrefix());
        s.put("formation.tenants.status-cache-seconds", "0");
        db.properties().forEach((k, v) -> s.put(k, String.valueOf(v)));
        return s;
    }

    /** Under the test database's own prefix, so MariaDB's clean-up drops the tenant's database too. */
    private String tenantPrefix() {
        return db.tenantPrefix() + "op";
    }

    /** {@code formation.notifiers.smtp.timeout-ms} → {@code FORMATION_NOTIFIERS_SMTP_TIMEOUT_MS}, as the README says. */
    static String asEnvironmentVariable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A copy of the shipped metadata with the customer form renamed, to see it is read from there. */
    private Path editedShippedCopy() throws IOException {
        Path copy = tempDir.resolve("shipped");
        Path source = Path.of("../metadata");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path target = copy.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path customer = copy.resolve("forms/customer.yaml");
        Files.writeString(customer, Files.readString(customer).replace("label: {zh-CN: 客户, en: Customer}",
                "label: {zh-CN: 客户, en: Client account}"));
        return copy;
    }

    /** A folder with an edited copy of one packaged template, to see it is used instead. */
    private Path editedTemplateCopy() throws IOException {
        Path folder = Files.createDirectories(tempDir.resolve("reports"));
        String packaged = Files.readString(Path.of("../reports/customer_profile.jrxml"));
        Files.writeString(folder.resolve("customer_profile.jrxml"), packaged.replace("<![CDATA[$P{PRINT_TITLE}]]>",
                "<![CDATA[$P{PRINT_TITLE} + \"（设置目录）\"]]>"));
        return folder;
    }

    @ParameterizedTest(name = "as {0}")
    @ValueSource(strings = {"environment variables", "system properties"})
    void everySettingTakesEffect(String spelling) throws Exception {
        int port = AppProcess.freePort();
        Map<String, String> settings = settings(port);
        Map<String, String> environment = new LinkedHashMap<>();
        Map<String, String> properties = new LinkedHashMap<>();
        settings.forEach((k, v) -> {
            if (spelling.startsWith("environment")) {
                environment.put(asEnvironmentVariable(k), v);
            } else {
                properties.put(k, v);
            }
        });
        try (AppProcess app = AppProcess.start(environment, properties, port, tempDir.resolve("app.log"),
                Duration.ofMinutes(4))) {
            Api api = app.api();
            // demo-data=false: only the first admin, with the operator's password, tokens signed with the secret
            assertEquals(401, api.anonymous().post("/api/login", Map.of("username", "sales1", "password",
                    Api.PASSWORD)).status(), "no demo users");
            String token = api.login("admin", ADMIN_PASSWORD);
            assertSignedWith(token, JWT_SECRET);
            // clock-start in time-zone, and the token's lifetime
            JsonNode claims = Api.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
            long issued = claims.get("iat").asLong();
            long clockStart = java.time.ZonedDateTime.of(2026, 12, 1, 9, 0, 0, 0, java.time.ZoneId.of("Asia/Shanghai"))
                    .toEpochSecond();
            assertTrue(issued >= clockStart && issued < clockStart + 3600, "issued on the app's clock: " + claims);
            assertEquals(7200, claims.get("exp").asLong() - issued, "the token's lifetime");

            // shipped-metadata-dir and metadata-dir
            JsonNode customer = api.withToken(token).english().get("/api/forms/customer").expect(200).json();
            assertEquals("Client account", customer.get("label").get("en").asText(), "read from the shipped folder");
            assertTrue(customer.toString().contains("\"wechat\""), "the overlay's field");

            // metadata.watch-interval: a version another node published (written straight into the
            // database here) is served by this node within a few of its ticks. The embedded H2 file is
            // the app process's alone; MultiNodePublishIT covers the watcher there, in one JVM.
            if (!db.h2()) {
                publishAsAnotherNode("label: {zh-CN: 客户, en: Watched account}\n");
                Eventually.holds(() -> "Watched account".equals(api.withToken(token).english()
                                .get("/api/forms/customer").expect(200).json().get("label").get("en").asText()),
                        System.nanoTime(), Duration.ofSeconds(10),
                        () -> "the watcher picked up the version; the app said:\n" + app.output());
            }

            // files.store=folder under data-dir
            String fileId = api.withToken(token).send(HttpMethod.POST, "/api/files", MediaType.MULTIPART_FORM_DATA_TYPE,
                    MultipartBody.builder().addPart("file", "a.pdf", MediaType.APPLICATION_OCTET_STREAM_TYPE,
                            Flows.pdf()).build()).expect(201).json().get("id").asText();
            assertTrue(Files.isRegularFile(tempDir.resolve("data").resolve("uploads").resolve(fileId)),
                    "the upload is in <data-dir>/uploads");

            // notifiers.smtp.*, public-url and flow.job-interval: an approver's e-mail goes out within
            // seconds (the default interval would wait 30 s), through AUTH, with the public link
            String approver = "contract9";
            api.withToken(token).post("/api/users", Map.of("username", approver, "name", "合同管理员九",
                    "email", approver + "@example.test", "password", "first-pass1",
                    "roles", List.of("contract_admin"))).expect(201);
            long id = api.withToken(token).post("/api/forms/customer/records",
                    Customers.valid(Customers.uniqueName("设置"))).expect(201).json().get("id").asLong();
            // lists.count-cap: a page of one counts ten rows at most, then says "at least"
            for (int i = 0; i < 10; i++) {
                api.withToken(token).post("/api/forms/customer/records", Customers.valid(Customers.uniqueName("计数")))
                        .expect(201);
            }
            JsonNode capped = api.withToken(token).get("/api/forms/customer/records?size=1").expect(200).json();
            assertEquals(10, capped.get("total").asLong(), capped.toString());
            assertFalse(capped.get("totalExact").asBoolean(), capped.toString());
            // metadata.online-index-rows: an index on the customers' table (it has a row now) is
            // planned as a step that would block writes, so publish would ask for "offline": true
            api.withToken(token).send(HttpMethod.PUT, "/api/admin/metadata/form/customer", MediaType.of("application/yaml"),
                    "fields:\n  - key: op_tag\n    type: text\n    label: {zh-CN: 标记, en: Tag}\n    section: basic\n"
                            + "    maxLength: 20\n    index: true\n").expect(204);
            JsonNode check = api.withToken(token).post("/api/admin/metadata/validate", Map.of()).expect(200).json();
            assertTrue(check.get("valid").asBoolean(), check.toString());
            assertFalse(check.get("online").asBoolean(), "an index over more than 0 rows is not online: " + check);
            api.withToken(token).delete("/api/admin/metadata/form/customer").expect(204);
            // reports-dir: the edited copy of the template prints
            String printed = Exports.pdfText(api.withToken(token).download("/api/forms/customer/records/" + id
                    + "/prints/profile").expect(200).body());
            assertTrue(printed.contains("客户档案（设置目录）"), "the installation's template: " + printed);
            api.withToken(token).post(Flows.action("customer", id, "submit"), Map.of("assignee", approver))
                    .expect(200);
            List<ReceivedMessage> mail;
            try {
                mail = smtp.awaitMessages(1, Duration.ofSeconds(20));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; the app said:\n" + app.output(), e);
            }
            ReceivedMessage m = mail.get(0);
            assertEquals(List.of(approver + "@example.test"), m.envelopeRecipients());
            assertTrue(m.text().contains(PUBLIC_URL + "/"), "the link uses the public address: " + m.text());
            assertTrue(smtp.commands().stream().anyMatch(c -> c.toUpperCase(Locale.ROOT).startsWith("AUTH")),
                    "logged in to the relay");
            assertTrue(smtp.commands().stream().anyMatch(c -> c.equals("EHLO node-1.example.test")),
                    "introduced itself with the configured name: " + smtp.commands());

            // lockout-attempts=2: the third try is refused even with the right password
            for (int i = 1; i <= 2; i++) {
                assertEquals(401, api.anonymous().post("/api/login", Map.of("username", approver,
                        "password", "wrong-" + i)).status());
            }
            assertNotEquals(200, api.anonymous().post("/api/login", Map.of("username", approver,
                    "password", "first-pass1")).status(), "locked after two failures");

            // tenants.platform-admins: admin provisions; base-domain: the sub-domain names the tenant;
            // status-cache-seconds=0: a suspension counts at once; schema-prefix: checked below
            api.withToken(token).post("/api/platform/tenants", Map.of("key", "opset", "name", "Settings",
                    "admin", Map.of("username", "boss", "password", "opset-secret"))).expect(201);
            assertFalse(api.anonymous().header("Host", "opset.crm.example.test").get("/login").expect(200).body()
                    .contains("name=\"tenant\""), "the sub-domain names the tenant");
            api.anonymous().header("Host", "nosuch.crm.example.test").get("/login").expect(401);
            api.withToken(token).post("/api/platform/tenants/opset/suspend", Map.of()).expect(200);
            api.anonymous().header("X-Tenant", "opset").get("/login").expect(403);
        }
        assertEquals(1, db.queryLong("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?",
                tenantPrefix() + "opset"), "the tenant's schema carries the prefix");
        // datasources.default.*: the app worked on this test's database
        assertEquals(1, db.queryLong("SELECT COUNT(*) FROM users WHERE username = 'admin'"));
    }

    /** What a publish on another node leaves in the database: version 1 with the customer form's layer. */
    private void publishAsAnotherNode(String yaml) throws SQLException {
        try (Connection c = db.connect()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tenant_metadata_versions"
                    + " (version_number, author, published_at, note) VALUES (1, 'node-2', ?, 'watched')")) {
                ps.setTimestamp(1, Timestamp.valueOf(LocalDateTime.of(2026, 12, 1, 9, 0)));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tenant_metadata_published"
                    + " (version_number, kind, doc_key, content) VALUES (1, 'form', 'customer', ?)")) {
                ps.setString(1, yaml);
                ps.executeUpdate();
            }
        }
    }

    /** The README must not name a setting this test does not try, in either spelling. */
    @Test
    void theTestCoversEverySettingTheReadmeNames() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Set<String> covered = new TreeSet<>();
        settings(8080).keySet().forEach(p -> {
            covered.add(p);
            covered.add(asEnvironmentVariable(p));
        });
        Set<String> named = new TreeSet<>();
        Matcher env = Pattern.compile("\\b(?:FORMATION|MICRONAUT|DATASOURCES)_[A-Z0-9_]*[A-Z0-9]\\b").matcher(readme);
        while (env.find()) {
            named.add(env.group());
        }
        Matcher property = Pattern.compile("`(?:-D)?((?:formation|micronaut|datasources)\\.[a-z0-9.-]*[a-z0-9])[=`]")
                .matcher(readme);
        while (property.find()) {
            named.add(property.group(1));
        }
        assertTrue(named.size() > 20, "found the settings in the README: " + named);
        named.removeAll(covered);
        assertEquals(Set.of(), named, "settings the README names that this test does not set");
    }

    private static void assertSignedWith(String jwt, String secret) throws Exception {
        String[] parts = jwt.split("\\.");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)));
        assertEquals(expected, parts[2], "the token is signed with formation.jwt-secret");
    }
}
