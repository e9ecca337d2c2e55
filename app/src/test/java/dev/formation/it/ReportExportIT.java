package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.AppTestBase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Report exports through the packaged rendering (JasperReports, the shipped CJK font): PDF with
 * extractable Chinese, XLSX with the right rows, CSV; export is a permission and is audited; a
 * report written only in YAML (an overlay) is served without Java changes.
 */
class ReportExportIT extends AppTestBase {

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected Map<String, Object> overrides(Path tempDir) throws IOException {
        Path reports = tempDir.resolve("overlay/reports");
        Files.createDirectories(reports);
        Files.writeString(reports.resolve("payments_by_quarter.yaml"), """
                kind: report
                key: payments_by_quarter
                label: {zh-CN: 各季度回款, en: Payments by quarter}
                dataset:
                  form: payment
                  params:
                    - {key: period, type: daterange, label: {zh-CN: 期间, en: Period}, default: last_12_months}
                  filters:
                    - {field: payment_date, op: between, param: period}
                  groupBy:
                    - {field: payment_date, as: quarter, bucket: quarter, label: {zh-CN: 季度, en: Quarter}}
                  measures:
                    - {key: amount, fn: sum, field: amount, label: {zh-CN: 回款金额, en: Amount}}
                presentation: {type: bar, category: quarter, values: [amount]}
                """, StandardCharsets.UTF_8);
        return Map.of("formation.metadata-dir", tempDir.resolve("overlay").toString());
    }

    @Test
    void pdfExportHasTheCustomersChineseNamesAsText() throws Exception {
        JsonNode report = api.as("manager1").get("/api/reports/customer_info_query").expect(200).json();
        List<String> names = new ArrayList<>();
        report.get("rows").forEach(r -> names.add(r.get("name").asText()));
        assertFalse(names.isEmpty());
        HttpResponse<byte[]> pdf = download("manager1", "/api/reports/customer_info_query/export?format=pdf");
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("content-type").orElse(""));
        String text = pdftotext(pdf.body()).replaceAll("\\s+", "");
        for (String name : names.subList(0, Math.min(5, names.size()))) {
            assertTrue(text.contains(name.replaceAll("\\s+", "")), name + " not in the PDF text");
        }
    }

    @Test
    void xlsxExportHasOneRowPerRecordPlusHeader() throws Exception {
        int rows = api.as("manager1").get("/api/reports/customer_info_query").expect(200).json().get("rows").size();
        HttpResponse<byte[]> xlsx = download("manager1", "/api/reports/customer_info_query/export?format=xlsx");
        assertEquals(200, xlsx.statusCode());
        String sheet = sheetXml(xlsx.body());
        int nonEmptyRows = 0;
        Matcher m = Pattern.compile("<row [^>]*>(.*?)</row>", Pattern.DOTALL).matcher(sheet);
        while (m.find()) {
            if (m.group(1).contains("<c ")) {
                nonEmptyRows++;
            }
        }
        // title, subtitle and header rows come before the data rows
        assertTrue(nonEmptyRows >= rows + 1 && nonEmptyRows <= rows + 4,
                "sheet rows with cells: " + nonEmptyRows + " for " + rows + " records");
    }

    @Test
    void csvExportListsEveryRow() throws Exception {
        int rows = api.as("manager1").get("/api/reports/customer_info_query").expect(200).json().get("rows").size();
        HttpResponse<byte[]> csv = download("manager1", "/api/reports/customer_info_query/export?format=csv");
        assertEquals(200, csv.statusCode());
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        long lines = text.lines().filter(l -> !l.isBlank()).count();
        assertTrue(lines >= rows + 1, lines + " lines for " + rows + " rows");
    }

    @Test
    void aSalespersonMayNotExportAndExportsAreAudited() throws Exception {
        assertEquals(403, download("sales1", "/api/reports/customer_info_query/export?format=xlsx").statusCode());
        assertEquals(200, download("manager1", "/api/reports/payment_query/export?format=csv").statusCode());
        JsonNode audit = api.as("admin").get("/api/audit?user=manager1").expect(200).json();
        boolean found = false;
        for (JsonNode e : audit.get("items")) {
            if ("export_report".equals(e.get("action").asText())
                    && e.get("changes").get("report").get("after").asText().equals("payment_query")) {
                found = true;
            }
        }
        assertTrue(found, audit.toString());
    }

    @Test
    void anUnknownFormatIsABadRequest() throws Exception {
        assertEquals(400, download("manager1", "/api/reports/customer_info_query/export?format=doc").statusCode());
    }

    @Test
    void aReportWrittenOnlyInYamlIsServed() {
        JsonNode list = api.as("manager1").get("/api/reports").expect(200).json();
        boolean listed = false;
        for (JsonNode r : list) {
            listed |= r.get("key").asText().equals("payments_by_quarter");
        }
        assertTrue(listed, list.toString());
        JsonNode run = api.as("manager1").get("/api/reports/payments_by_quarter").expect(200).json();
        assertTrue(run.get("rows").size() > 0, run.toString());
        assertTrue(run.get("rows").get(0).get("quarter").asText().matches("\\d{4}-Q[1-4]"), run.toString());
    }

    private HttpResponse<byte[]> download(String user, String path) throws Exception {
        String token = api.login(user, "demo123");
        return http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String pdftotext(byte[] pdf) throws Exception {
        Path file = Files.createTempFile("report", ".pdf");
        try {
            Files.write(file, pdf);
            Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.toString(), "-").redirectErrorStream(true)
                    .start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), text);
            return text;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String sheetXml(byte[] xlsx) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no first sheet in the XLSX");
    }
}
