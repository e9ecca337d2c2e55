package dev.formation.bench;

import dev.formation.testing.AppProcess;
import dev.formation.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark, not a test: the harness of issue 15. On a data set loaded once into MariaDB
 * ({@link BenchData}, {@code -Dbench.rows=N} customers and the rest in proportion; 1,000,000 by
 * default) it runs the app as an operator would, a separate process, and prints one line per
 * figure, {@code BENCH <name> <value> <unit>}, each comparison as both sides and their ratio
 * measured interleaved: start-up and memory, creates against raw JDBC, reads and list pages
 * against the same SQL over JDBC, dashboards cold and warm, exports with the heap's peak. The
 * publish figure is {@link PublishBenchmark}'s, run by the same command. It never fails: a
 * figure it could not take prints {@code n/a} and why.
 *
 * <p>Settings ({@code -D}): {@code bench.rows} (1000000), {@code bench.requests} per read shape
 * (200), {@code bench.shape-seconds} time budget per read shape and dashboard (120),
 * {@code bench.creates} per round (40), {@code bench.rounds} (5), {@code bench.dashboard-runs}
 * (20), {@code bench.export-timeout-seconds} (900).
 */
class EngineBenchmark {

    static final String EXPORT_REPORT = "bench_visit_export";
    private static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    private static final int REQUESTS = Integer.getInteger("bench.requests", 200);
    private static final int SHAPE_SECONDS = Integer.getInteger("bench.shape-seconds", 120);
    private static final int CREATES = Integer.getInteger("bench.creates", 40);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final int DASHBOARD_RUNS = Integer.getInteger("bench.dashboard-runs", 20);
    private static final int EXPORT_SECONDS = Integer.getInteger("bench.export-timeout-seconds", 900);
    private static final String PASSWORD = "demo123";

    @Test
    void figures() {
        long start = System.nanoTime();
        try {
            run();
        } catch (Throwable e) {
            // a benchmark prints; it does not fail the build
            Figures.unavailable("harness", "stopped: " + e);
            e.printStackTrace(System.out);
        }
        Figures.print("harness_seconds", (System.nanoTime() - start) / 1e9, "s");
    }

    private void run() throws Exception {
        if (!TestDatabase.isMariaDb()) {
            Figures.unavailable("harness", "runs on MariaDB: -Pbench sets formation.test.db=mariadb");
            return;
        }
        Path work = Files.createTempDirectory("formation-bench-engine");
        Figures.print("machine_cores", Runtime.getRuntime().availableProcessors(), "cores",
                "load_average=" + java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        startupOnH2(work);
        BenchData data = BenchData.prepare(ROWS, work);
        Figures.print("rows_customers", ROWS, "rows", "visits=" + data.visits() + " deals=" + data.deals()
                + " payments=" + data.payments() + " salespeople=" + BenchData.TEAMS * BenchData.PER_TEAM);
        Path overlay = overlay(work);

        // cold: the report cache off, every dashboard view queries and renders
        long t = System.nanoTime();
        try (AppProcess cold = startApp(data, work, overlay, "cold", 0)) {
            Figures.print("startup_mariadb_ms", Figures.millisSince(t), "ms", "(to /health, existing data, polled every 0.5 s)");
            ProcessMemory memory = new ProcessMemory(cold.pid(), work.resolve("gc-cold.log"));
            Figures.print("rss_idle_mariadb_mb", memory.statusMb("VmRSS"), "MB");
            DashboardFigures.run("cold", http(cold, "manager1"), http(cold, "sales1"), DASHBOARD_RUNS, SHAPE_SECONDS);
        }

        try (AppProcess app = startApp(data, work, overlay, "warm", -1)) {
            ProcessMemory memory = new ProcessMemory(app.pid(), work.resolve("gc-warm.log"));
            Http admin = http(app, "admin");
            Http sales1 = http(app, "sales1");
            DashboardFigures.run("warm", http(app, "manager1"), sales1, DASHBOARD_RUNS, SHAPE_SECONDS);
            Map<String, Http> readers = new LinkedHashMap<>();
            readers.put("sales1", sales1);
            readers.put("admin", admin);
            new ReadFigures(data, readers, REQUESTS, SHAPE_SECONDS).run();
            try {
                new CreateFigures(data, sales1, CREATES, ROUNDS).run();
            } catch (Exception e) {
                Figures.unavailable("create", e.toString());
            }
            new ExportFigures(admin, memory, Duration.ofSeconds(EXPORT_SECONDS)).run();
            Figures.print("rss_after_load_mb", memory.statusMb("VmRSS"), "MB");
            Figures.print("rss_peak_mb", memory.statusMb("VmHWM"), "MB", "(VmHWM over the whole run)");
        }
    }

    /** Start-up on the embedded H2: the first start loads the demo, the second finds it. */
    private static void startupOnH2(Path work) {
        Path data = work.resolve("h2-data");
        for (String which : List.of("startup_h2_first_ms", "startup_h2_ms")) {
            int port = AppProcess.freePort();
            long t = System.nanoTime();
            try (AppProcess app = AppProcess.start(Map.of("FORMATION_JWT_SECRET", BenchData.JWT_SECRET),
                    Map.of("micronaut.server.port", String.valueOf(port), "formation.data-dir", data.toString()),
                    port, work.resolve(which + ".log"), Duration.ofMinutes(3), jvm(work.resolve("gc-h2.log")))) {
                Figures.print(which, Figures.millisSince(t), "ms", which.contains("first")
                        ? "(empty H2, demo loaded)" : "(existing H2 data)");
                if (!which.contains("first")) {
                    Figures.print("rss_idle_h2_mb", new ProcessMemory(app.pid(), work).statusMb("VmRSS"), "MB");
                }
            } catch (Exception | AssertionError e) {
                Figures.unavailable(which, e.getMessage());
            }
        }
    }

    private static List<String> jvm(Path gcLog) {
        return List.of("-Xmx1g", "-XX:+UseG1GC", "-Dfile.encoding=UTF-8", "-Xlog:gc:file=" + gcLog);
    }

    /** {@code cacheSeconds} below 0: the app's default report cache. */
    private static AppProcess startApp(BenchData data, Path work, Path overlay, String name, int cacheSeconds)
            throws Exception {
        int port = AppProcess.freePort();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("micronaut.server.port", String.valueOf(port));
        props.put("formation.data-dir", Files.createDirectories(work.resolve("data-" + name)).toString());
        props.put("formation.metadata-dir", overlay.toString());
        props.put("formation.demo-data", "false");
        // no background polling between the measured requests (it would count in the statements captured)
        props.put("formation.metadata.watch-interval", "1h");
        props.put("formation.flow.job-interval", "1h");
        if (cacheSeconds >= 0) {
            props.put("formation.report-cache-seconds", String.valueOf(cacheSeconds));
        }
        return AppProcess.start(data.environment(), props, port, work.resolve("app-" + name + ".log"),
                Duration.ofMinutes(5), jvm(work.resolve("gc-" + name + ".log")));
    }

    private static Http http(AppProcess app, String user) {
        return new Http(app.baseUrl(), app.api().login(user, PASSWORD));
    }

    /** A detail report over every visit, the shape of an export a manager runs. */
    private static Path overlay(Path work) throws Exception {
        Path reports = Files.createDirectories(work.resolve("overlay/reports"));
        Files.writeString(reports.resolve(EXPORT_REPORT + ".yaml"), """
                kind: report
                key: %s
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
                """.formatted(EXPORT_REPORT), StandardCharsets.UTF_8);
        return work.resolve("overlay");
    }
}
