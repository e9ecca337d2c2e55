package dev.formation.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Workbooks to import, as a person would fill in the template (all cells text), and waiting for an import. */
public final class ImportSheets {

    private ImportSheets() {
    }

    /** A sheet: its name, then its rows (the header first); a null cell stays empty. */
    public record SheetData(String name, List<List<String>> rows) {
    }

    public static byte[] workbook(SheetData... sheets) throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(500); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (SheetData data : sheets) {
                Sheet sheet = book.createSheet(data.name());
                for (int r = 0; r < data.rows().size(); r++) {
                    Row row = sheet.createRow(r);
                    List<String> cells = data.rows().get(r);
                    for (int c = 0; c < cells.size(); c++) {
                        if (cells.get(c) != null) {
                            row.createCell(c).setCellValue(cells.get(c));
                        }
                    }
                }
            }
            book.write(out);
            book.dispose();
            return out.toByteArray();
        }
    }

    /** Starts an import; the 202 answer. */
    public static Api.Response start(Api.Call as, String form, byte[] file, String mode, String key, boolean dryRun) {
        MultipartBody.Builder body = MultipartBody.builder()
                .addPart("file", "import.xlsx", MediaType.APPLICATION_OCTET_STREAM_TYPE, file);
        if (mode != null) {
            body.addPart("mode", mode);
        }
        if (key != null) {
            body.addPart("key", key);
        }
        if (dryRun) {
            body.addPart("dryRun", "true");
        }
        return as.send(HttpMethod.POST, "/api/forms/" + form + "/imports", MediaType.MULTIPART_FORM_DATA_TYPE,
                body.build());
    }

    /** Polls the import until it has finished (done, failed or reverted), then returns its state with every error. */
    public static JsonNode awaitFinished(Api.Call as, long id, Duration limit) {
        JsonNode[] last = new JsonNode[1];
        Eventually.holds(() -> {
            last[0] = as.get("/api/imports/" + id + "?errors=100000").expect(200).json();
            String status = last[0].get("status").asText();
            return status.equals("done") || status.equals("failed") || status.equals("reverted");
        }, limit, "import " + id + " finishes");
        return last[0];
    }
}
