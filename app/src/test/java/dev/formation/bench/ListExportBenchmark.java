package dev.formation.bench;

import dev.formation.testing.CsvTable;
import dev.formation.testing.FormationApp;
import dev.formation.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
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
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A benchmark, not a test: 100,000 customers (each with a contact) written into MariaDB, then the
 * list export of all of them as XLSX and as CSV through the HTTP API, printing the time and the
 * peak heap of the app's JVM (the app runs in this JVM; the heap pools' peak is reset before each
 * export). Run with {@code ./mvnw -B verify -Pbench -DskipUnitTests -Dit.test=ListExportBenchmark};
 * add {@code -Dit.argLine="-Xmx256m -XX:+UseG1GC -Dfile.encoding=UTF-8"} to prove the exports
 * complete within a 256 MB heap. Targets: < 10 s and < 256 MB each.
 */
class ListExportBenchmark {

    private static final int CUSTOMERS = Integer.getInteger("bench.customers", 100_000);

    @Test
    void exportsAHundredThousandCustomers() throws Exception {
        Path folder = Files.createTempDirectory("formation-bench");
        try (TestDatabase db = TestDatabase.create(folder);
             FormationApp app = FormationApp.start(db, folder.resolve("data"), Map.of())) {
            long loadStart = System.nanoTime();
            CustomerRows.load(db, CUSTOMERS);
            long total = db.queryLong("SELECT COUNT(*) FROM `f_customer` WHERE `deleted_at` IS NULL");
            print("loaded %,d customers with contacts in %.1f s (%,d live rows; MariaDB %s; max heap %d MB)", CUSTOMERS,
                    (System.nanoTime() - loadStart) / 1e9, total, db.queryString("SELECT VERSION()"),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
            HttpClient http = HttpClient.newHttpClient();
            String token = app.api().login("admin", "demo123");
            String url = app.baseUrl() + "/api/forms/customer/records/export?format=";
            // warm-up on a small slice, so the figures are the export's and not class loading's
            assertEquals(200, get(http, url + "xlsx&q=1234567", token, folder.resolve("warm.xlsx")).statusCode());

            Path xlsx = folder.resolve("export.xlsx");
            Measured x = measure(() -> get(http, url + "xlsx", token, xlsx));
            print("export_xlsx_100k_ms %d ms", x.millis);
            print("export_xlsx_100k_heap_mb %d MB", x.peakMb);
            long xlsxRows = xlsxRows(xlsx, "xl/worksheets/sheet1.xml") - 1;
            long contactRows = xlsxRows(xlsx, "xl/worksheets/sheet2.xml") - 1;
            assertEquals(total, xlsxRows, "one row per customer");
            assertTrue(contactRows >= CUSTOMERS, "contacts: " + contactRows);
            print("XLSX: %,d customer rows + %,d contact rows, %,d bytes", xlsxRows, contactRows, Files.size(xlsx));

            Path csv = folder.resolve("export.csv");
            Measured c = measure(() -> get(http, url + "csv", token, csv));
            print("export_csv_100k_ms %d ms", c.millis);
            print("export_csv_100k_heap_mb %d MB", c.peakMb);
            long csvRows = csvRows(csv);
            assertEquals(total, csvRows, "one line per customer");
            print("CSV: %,d rows, %,d bytes", csvRows, Files.size(csv));
        } finally {
            TestDatabase.deleteTree(folder);
        }
    }

    private record Measured(long millis, long peakMb) {
    }

    private interface Download {
        HttpResponse<Path> run() throws Exception;
    }

    private static Measured measure(Download download) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        HttpResponse<Path> response = download.run();
        long millis = (System.nanoTime() - start) / 1_000_000;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        assertEquals(200, response.statusCode(), () -> "export refused: " + response.statusCode());
        return new Measured(millis, peak / (1024 * 1024));
    }

    private static HttpResponse<Path> get(HttpClient http, String url, String token, Path to) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofFile(to));
    }

    /** Counts {@code <row } in one sheet's XML as it streams out of the zip: no sheet is held in memory. */
    private static long xlsxRows(Path xlsx, String sheet) throws Exception {
        byte[] needle = "<row ".getBytes(StandardCharsets.US_ASCII);
        // ZipFile reads the central directory: POI writes entries with data descriptors, which ZipInputStream rejects
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            ZipEntry entry = zip.getEntry(sheet);
            if (entry == null) {
                return 0;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return count(in, needle);
            }
        }
    }

    private static long count(InputStream in, byte[] needle) throws Exception {
        long found = 0;
        int matched = 0;
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            for (int i = 0; i < n; i++) {
                matched = buffer[i] == needle[matched] ? matched + 1 : (buffer[i] == needle[0] ? 1 : 0);
                if (matched == needle.length) {
                    found++;
                    matched = 0;
                }
            }
        }
        return found;
    }

    /** Lines of the CSV less its header (the generated customers hold no line breaks). */
    private static long csvRows(Path csv) throws Exception {
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            assertTrue(CsvTable.parse(header).header().contains("ID"), header);
            return reader.lines().count();
        }
    }

    private static void print(String format, Object... args) {
        System.out.println("BENCH " + String.format(format, args));
    }
}
