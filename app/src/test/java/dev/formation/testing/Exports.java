package dev.formation.testing;

import dev.formation.report.ReportDefinition;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

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
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Report files downloaded from the running app and read back the way their readers would. */
public final class Exports {

    /** One download: status, body, content type. */
    public record Download(int status, byte[] body, String contentType) {
        /** The body as UTF-8 text, without the byte order mark. */
        public String text() {
            String text = new String(body, StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        }
    }

    private final FormationApp app;
    private final Api api;
    private final HttpClient http = HttpClient.newHttpClient();

    public Exports(FormationApp app, Api api) {
        this.app = app;
        this.api = api;
    }

    public Download download(String user, String path) throws IOException, InterruptedException {
        return download(user, path, "zh-CN");
    }

    public Download download(String user, String path, String language) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Authorization", "Bearer " + api.login(user, Api.PASSWORD))
                .header("Accept-Language", language).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Download(r.statusCode(), r.body(), r.headers().firstValue("content-type").orElse(""));
    }

    /** A query string that widens every date range of a report to all time. */
    public static String widestParams(ReportDefinition report) {
        StringJoiner query = new StringJoiner("&");
        for (ReportDefinition.Param p : report.params()) {
            if ("daterange".equals(p.type())) {
                query.add(p.key() + "=all");
            }
        }
        return query.toString();
    }

    /** The text poppler's pdftotext extracts (a required test tool, as in CI). */
    public static String pdfText(byte[] pdf) throws IOException, InterruptedException {
        Path file = Files.createTempFile("report", ".pdf");
        try {
            Files.write(file, pdf);
            Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", "-layout", file.toString(), "-")
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "pdftotext did not finish");
            assertEquals(0, p.exitValue(), text);
            return text;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Every non-empty cell of the first sheet as a spreadsheet shows it (its number format applied). */
    public static List<String> xlsxText(byte[] xlsx) throws IOException {
        List<String> out = new ArrayList<>();
        for (List<String> row : xlsxRows(xlsx)) {
            row.stream().filter(c -> !c.isEmpty()).forEach(out::add);
        }
        return out;
    }

    /** The first sheet's rows, each cell as a spreadsheet shows it; empty rows are kept as empty lists. */
    public static List<List<String>> xlsxRows(byte[] xlsx) throws IOException {
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        List<List<String>> rows = new ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        Cell cell = row.getCell(c);
                        cells.add(cell == null ? "" : formatter.formatCellValue(cell));
                    }
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    /** The workbook itself, for typed checks (cell types, raw values, column widths). */
    public static XSSFWorkbook workbook(byte[] xlsx) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
    }
}
