package dev.formation.bench;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Figure 4: exporting 100,000 visits (or every visit when the data set is scaled down): the
 * list's CSV export, the list's XLSX export when the route answers {@code format=xlsx} with a
 * workbook, and the XLSX of a detail report over the visits. Time, size, and the app process's
 * peak heap during the export.
 */
final class ExportFigures {

    private final Http admin;
    private final ProcessMemory memory;
    private final Duration timeout;

    ExportFigures(Http admin, ProcessMemory memory, Duration timeout) {
        this.admin = admin;
        this.memory = memory;
        this.timeout = timeout;
    }

    /** A keyword no row holds: the probe's export is empty, so a route that ignores the format costs little. */
    private static final String NO_ROW = "bench-probe-no-such-row";

    private boolean answersWorkbook(String path) {
        try {
            HttpResponse<byte[]> r = admin.get(path, timeout);
            byte[] body = r.body();
            return r.statusCode() == 200 && body.length > 2 && body[0] == 'P' && body[1] == 'K';
        } catch (Exception e) {
            return false;
        }
    }

    void run() {
        export("export_csv_100k", "/api/forms/visit/records/export", false);
        if (answersWorkbook("/api/forms/visit/records/export?format=xlsx&q=" + NO_ROW)) {
            export("export_xlsx_100k", "/api/forms/visit/records/export?format=xlsx", true);
        } else {
            Figures.unavailable("export_xlsx_100k_ms", "the list's export does not answer format=xlsx with a workbook");
        }
        export("export_report_xlsx_100k", "/api/reports/" + EngineBenchmark.EXPORT_REPORT + "/export?format=xlsx", true);
    }

    private void export(String name, String path, boolean workbook) {
        try {
            System.gc(); // ours only; the app's heap is what the GC log shows
            long position = memory.gcLogPosition();
            long start = System.nanoTime();
            HttpResponse<byte[]> r = admin.get(path, timeout);
            double ms = Figures.millisSince(start);
            double peak = memory.peakHeapMbSince(position);
            byte[] body = r.body();
            boolean zip = body.length > 2 && body[0] == 'P' && body[1] == 'K';
            if (r.statusCode() != 200 || workbook != zip) {
                Figures.unavailable(name + "_ms", "status " + r.statusCode() + (workbook && !zip
                        ? ", not a workbook (" + (r.headers().firstValue("Content-Type").orElse("?")) + ")" : ""));
                return;
            }
            long rows = workbook ? -1 : new String(body, StandardCharsets.UTF_8).lines().count() - 1;
            Figures.print(name + "_ms", ms, "ms", "bytes=" + body.length + (rows >= 0 ? " rows=" + rows : ""));
            Figures.print(name + "_peak_heap_mb", peak, "MB", "(app process, GC log and jcmd GC.heap_info)");
        } catch (java.net.http.HttpTimeoutException e) {
            Figures.unavailable(name + "_ms", "no answer within " + timeout.toSeconds() + " s");
        } catch (Exception e) {
            Figures.unavailable(name + "_ms", e.toString());
        }
    }
}
