package dev.formation.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formation.testing.Customers;
import dev.formation.testing.FormationApp;
import dev.formation.testing.TestDatabase;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A benchmark, not a test: 100,000 customers, each with a contact, imported from an XLSX through
 * the HTTP API (the same record service as every create: validation, uniqueness checks, numbering,
 * audit), printing the time from upload to done, the peak heap of the app's JVM (the app runs in
 * this JVM; the heap pools' peak is reset first) and how the progress moved while it ran. Run with
 * {@code ./mvnw -B verify -Pbench -Pmariadb -DskipUnitTests -Dit.test=ImportBenchmark
 * "-Dit.argLine=-Xmx512m -XX:+UseG1GC -Dfile.encoding=UTF-8"}. Targets: < 60 s on MariaDB, < 512 MB.
 */
class ImportBenchmark {

    private static final int CUSTOMERS = Integer.getInteger("bench.customers", 100_000);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void importsAHundredThousandCustomers() throws Exception {
        Path folder = Files.createTempDirectory("formation-bench");
        try (TestDatabase db = TestDatabase.create(folder);
             FormationApp app = FormationApp.start(db, folder.resolve("data"), Map.of())) {
            Path file = folder.resolve("customers.xlsx");
            long writeStart = System.nanoTime();
            write(file, CUSTOMERS);
            print("file: %,d customers with a contact each, %,d bytes, written in %.1f s (database %s, max heap %d MB)",
                    CUSTOMERS, Files.size(file), (System.nanoTime() - writeStart) / 1e9,
                    db.queryString("SELECT VERSION()"), Runtime.getRuntime().maxMemory() / (1024 * 1024));
            HttpClient http = HttpClient.newHttpClient();
            String token = app.api().login("admin", "demo123");

            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            long id = upload(http, app.baseUrl(), token, file);
            TreeSet<Integer> seen = new TreeSet<>();
            List<String> samples = new ArrayList<>();
            JsonNode state;
            while (true) {
                state = status(http, app.baseUrl(), token, id);
                seen.add(state.get("processed").asInt());
                String s = state.get("status").asText();
                if (samples.isEmpty() || (System.nanoTime() - start) / 1_000_000_000L >= samples.size() * 5L) {
                    samples.add(String.format("%.0fs:%d", (System.nanoTime() - start) / 1e9, state.get("processed").asInt()));
                }
                if (!s.equals("queued") && !s.equals("running")) {
                    break;
                }
                LockSupport.parkNanos(250_000_000L);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
            assertEquals("done", state.get("status").asText(), state.toString());
            assertEquals(CUSTOMERS, state.get("inserted").asInt(), state.toString());
            print("import_100k_ms %d ms (%,.0f rows/s)", millis, CUSTOMERS * 1000.0 / millis);
            print("import_100k_heap_mb %d MB", peak);
            print("import_100k_progress_steps %d distinct progress values seen while polling every 250 ms; "
                    + "processed at: %s", seen.size(), String.join(" ", samples));
            print("customers stored: %,d", db.queryLong("SELECT COUNT(*) FROM `f_customer` WHERE `deleted_at` IS NULL"));
        } finally {
            TestDatabase.deleteTree(folder);
        }
    }

    private static void write(Path file, int customers) throws Exception {
        try (SXSSFWorkbook book = new SXSSFWorkbook(200); OutputStream out = Files.newOutputStream(file)) {
            Sheet main = book.createSheet("客户");
            Sheet contacts = book.createSheet("联系人");
            cells(main.createRow(0), "客户名称", "统一社会信用代码", "成立日期", "注册地址(住所)", "通信地址", "客户类型", "销售人员", "法定代表人");
            cells(contacts.createRow(0), "所属客户行号", "姓名", "部门", "职位", "手机");
            String run = UUID.randomUUID().toString().substring(0, 6);
            String[] owners = {"张伟", "李娜", "admin"};
            String[] types = {"企业客户", "政府机构", "事业单位", "个人"};
            for (int i = 0; i < customers; i++) {
                String address = "福建省福州市鼓楼区五四路" + (i % 900 + 1) + "号";
                cells(main.createRow(i + 1), "基准导入" + run + "客户" + i + "有限公司", Customers.uscc(), "2015-03-18",
                        address, address, types[i % types.length], owners[i % owners.length], "法人" + (i % 5000));
                cells(contacts.createRow(i + 1), String.valueOf(i + 2), "联系人" + i, "采购部", "经理", Customers.mobile(i));
            }
            book.write(out);
            book.dispose();
        }
    }

    private static void cells(Row row, String... values) {
        for (int c = 0; c < values.length; c++) {
            row.createCell(c).setCellValue(values[c]);
        }
    }

    private static long upload(HttpClient http, String base, String token, Path file) throws Exception {
        String boundary = "bench" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"customers.xlsx\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] content = Files.readAllBytes(file);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/forms/customer/imports"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("id").asLong();
    }

    private static JsonNode status(HttpClient http, String base, String token, long id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/imports/" + id + "?errors=0"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static void print(String format, Object... args) {
        System.out.println("BENCH " + String.format(format, args));
    }
}
