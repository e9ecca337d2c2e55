package dev.formation.bench;

import dev.formation.testing.FormationApp;
import dev.formation.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A benchmark, not a test: loads 1,000,000 visits into MariaDB, then prints the manager
 * dashboard's server render time (median of 20, report cache off so every run queries and
 * renders) and the time and peak heap of a 100,000-row XLSX export. Run with
 * {@code ./mvnw -B verify -Pbench -DskipUnitTests}; the figures are printed with "BENCH".
 */
class DashboardBenchmark {

    private static final int VISITS = Integer.getInteger("bench.visits", 1_000_000);
    private static final int EXPORT_ROWS = 100_000;
    private static final int RUNS = 20;

    @Test
    void dashboardAndExportOnAMillionVisits() throws Exception {
        Path folder = Files.createTempDirectory("formation-bench");
        Path overlay = folder.resolve("overlay/reports");
        Files.createDirectories(overlay);
        // a detail report over every visit, the shape of an export a manager runs
        Files.writeString(overlay.resolve("visit_export.yaml"), """
                kind: report
                key: visit_export
                label: {zh-CN: 拜访导出, en: Visit export}
                dataset:
                  form: visit
                  joins: [{field: customer, as: c}]
                  columns:
                    - {field: code}
                    - {field: visit_time}
                    - {field: c.name, as: customer_name, label: {zh-CN: 客户, en: Customer}}
                    - {field: owner}
                    - {field: c.region, as: region, label: {zh-CN: 地区, en: Region}}
                    - {field: created_at}
                  sort: [-visit_time]
                  limit: 100000
                presentation: {type: table}
                """, StandardCharsets.UTF_8);
        try (TestDatabase db = TestDatabase.create(folder);
             FormationApp app = FormationApp.start(db, folder.resolve("data"), Map.of(
                     "formation.metadata-dir", folder.resolve("overlay").toString(),
                     "formation.report-cache-seconds", 0))) {
            long loadStart = System.nanoTime();
            loadVisits(db);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            long total = db.queryLong("SELECT COUNT(*) FROM `f_visit`");
            assertTrue(total >= VISITS, "visits loaded: " + total);
            print("loaded %,d visit rows in %.1f s (MariaDB %s)", total, loadSeconds,
                    db.queryString("SELECT VERSION()"));

            HttpClient http = HttpClient.newHttpClient();
            String token = app.api().login("manager1", "demo123");
            HttpResponse<byte[]> warm = get(http, app.baseUrl() + "/dashboards/sales_overview", token);
            assertEquals(200, warm.statusCode());
            long[] millis = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                HttpResponse<byte[]> page = get(http, app.baseUrl() + "/dashboards/sales_overview", token);
                millis[i] = (System.nanoTime() - start) / 1_000_000;
                assertEquals(200, page.statusCode());
            }
            Arrays.sort(millis);
            print("manager dashboard sales_overview: median %d ms of %d renders (min %d, max %d; %,d bytes; "
                            + "report cache off)", millis[RUNS / 2], RUNS, millis[0], millis[RUNS - 1],
                    warm.body().length);

            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long exportStart = System.nanoTime();
            HttpResponse<byte[]> xlsx = get(http, app.baseUrl()
                    + "/api/reports/visit_export/export?format=xlsx", token);
            double exportSeconds = (System.nanoTime() - exportStart) / 1e9;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            assertEquals(200, xlsx.statusCode());
            int rows = sheetRows(xlsx.body());
            assertTrue(rows >= EXPORT_ROWS, "rows in the sheet: " + rows);
            print("XLSX export of %,d rows: %.1f s, %,d bytes, peak heap %d MB (max heap %d MB)", rows - 1,
                    exportSeconds, xlsx.body().length, peak / (1024 * 1024),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
    }

    private static HttpResponse<byte[]> get(HttpClient http, String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Copies the demo's visits a million times over, with owners, customers and times spread out. */
    private static void loadVisits(TestDatabase db) throws Exception {
        String url = (String) db.properties().get("datasources.default.url");
        try (Connection c = DriverManager.getConnection(url + "&rewriteBatchedStatements=true",
                (String) db.properties().get("datasources.default.username"),
                (String) db.properties().get("datasources.default.password"))) {
            c.setAutoCommit(false);
            List<String> columns = new ArrayList<>();
            List<Object[]> templates = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM `f_visit`")) {
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (!meta.getColumnName(i).equalsIgnoreCase("id")) {
                        columns.add(meta.getColumnName(i).toLowerCase());
                    }
                }
                while (rs.next()) {
                    Object[] row = new Object[columns.size()];
                    for (int i = 0; i < columns.size(); i++) {
                        row[i] = rs.getObject(columns.get(i));
                    }
                    templates.add(row);
                }
            }
            List<Long> customers = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT `id` FROM `f_customer`")) {
                while (rs.next()) {
                    customers.add(rs.getLong(1));
                }
            }
            List<String> owners = List.of("sales1", "sales2", "leader1", "assistant1");
            String sql = "INSERT INTO `f_visit` (" + String.join(", ", columns.stream().map(x -> "`" + x + "`").toList())
                    + ") VALUES (" + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
            Random random = new Random(42);
            LocalDateTime now = LocalDateTime.now().withNano(0);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int n = 0; n < VISITS; n++) {
                    Object[] template = templates.get(n % templates.size());
                    LocalDateTime at = now.minusMinutes(random.nextInt(365 * 24 * 60));
                    for (int i = 0; i < columns.size(); i++) {
                        Object value = switch (columns.get(i)) {
                            case "code" -> "BM" + n;
                            case "owner", "created_by", "updated_by" -> owners.get(n % owners.size());
                            case "customer" -> customers.get(random.nextInt(customers.size()));
                            case "visit_time", "created_at", "updated_at" -> at;
                            case "version" -> 1L;
                            default -> template[i];
                        };
                        ps.setObject(i + 1, value);
                    }
                    ps.addBatch();
                    if (n % 5_000 == 4_999) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
            }
        }
    }

    /** Rows in the first sheet of an XLSX (its XML, read from the zip). */
    private static int sheetRows(byte[] xlsx) throws Exception {
        try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(xlsx))) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    Matcher m = Pattern.compile("<row ").matcher(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                    int rows = 0;
                    while (m.find()) {
                        rows++;
                    }
                    return rows;
                }
            }
        }
        return 0;
    }

    private static void print(String format, Object... args) {
        System.out.println("BENCH " + String.format(format, args));
    }
}
