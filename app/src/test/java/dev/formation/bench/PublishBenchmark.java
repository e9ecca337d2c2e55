package dev.formation.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.form.FormCatalog;
import dev.formation.metadata.MetadataHolder;
import dev.formation.store.DirectConnections;
import dev.formation.store.SchemaSync;
import dev.formation.testing.Api;
import dev.formation.testing.Eventually;
import dev.formation.testing.FormationApp;
import dev.formation.testing.TestDatabase;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A benchmark, not a test: live publishing under load on MariaDB. Loads 1,000,000 customers,
 * keeps client threads listing, reading, creating and editing customers over real HTTP, and
 * while they run publishes, through the metadata API only, (1) a new text field, (2) a new
 * field with an index and (3) an index on a field that holds data. For each it prints the
 * publish time and the requests in flight during it (failed, slowed past twice the p99 before,
 * percentiles), and how writes kept flowing. Targets of issue 11: publish &lt; 1 s, zero failed
 * requests, p99 during the publish &lt; 2x the p99 before.
 *
 * <p>Run with {@code ./mvnw -B verify -Pbench -DskipUnitTests -Dit.test=PublishBenchmark}; the
 * figures are printed with "BENCH". Settings (system properties, e.g. {@code -Dbench.customers=200000}):
 * {@code bench.customers} (1,000,000), {@code bench.threads} (8), {@code bench.window-seconds} (10),
 * {@code bench.warmup-seconds} (10), {@code bench.mix} ("20,50,15,15": the weights of list, detail,
 * create, update).
 */
class PublishBenchmark {

    private static final int CUSTOMERS = Integer.getInteger("bench.customers", Integer.getInteger("bench.rows", 1_000_000));
    private static final int THREADS = Integer.getInteger("bench.threads", 8);
    private static final Duration WINDOW = Duration.ofSeconds(Integer.getInteger("bench.window-seconds", 10));
    private static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 10));
    private static final int[] MIX = LoadClients.mix(System.getProperty("bench.mix", "20,50,15,15"));

    private static final String METADATA = "/api/admin/metadata";
    private static final MediaType YAML = MediaType.of("application/yaml");
    private static final String WECHAT = "  - {key: wechat, type: text, label: {zh-CN: 微信, en: WeChat}, section: basic,"
            + " maxLength: 64}\n";
    private static final String TAG = "  - {key: bench_tag, type: text, label: {zh-CN: 标签, en: Tag}, section: basic,"
            + " maxLength: 64, index: true}\n";
    private static final String FORMER_NAME_INDEXED = "  - {key: former_name, index: true}\n";

    @Test
    void publishingUnderLoadOnAMillionCustomers() throws Exception {
        assertTrue(TestDatabase.isMariaDb(), "the benchmark runs on MariaDB: -Pbench sets formation.test.db=mariadb");
        Path folder = Files.createTempDirectory("formation-bench-publish");
        try (TestDatabase db = TestDatabase.create(folder);
             FormationApp app = FormationApp.start(db, folder.resolve("data"),
                     Map.of("datasources.default.maximum-pool-size", Math.max(10, THREADS + 4)))) {
            long loadStart = System.nanoTime();
            CustomerRows.Loaded rows = CustomerRows.load(db, CUSTOMERS);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            long total = db.queryLong("SELECT COUNT(*) FROM `" + CustomerRows.TABLE + "`");
            print("loaded %,d customer rows (+%,d contacts) in %.1f s, %,.0f rows/s; %d customers in the table"
                            + " (MariaDB %s, %d cores, load average %.1f)", rows.count(), rows.count(), loadSeconds,
                    rows.count() / loadSeconds, total, db.queryString("SELECT VERSION()"),
                    Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            assertTrue(total >= CUSTOMERS, "customers loaded: " + total);
            checkReadable(app.api(), rows);

            String token = app.api().login("admin", Api.PASSWORD);
            List<Phase> phases = new ArrayList<>();
            long baselineFrom;
            long baselineTo;
            try (DdlWatch ddl = new DdlWatch(db);
                 LoadClients load = new LoadClients(app.baseUrl(), token, rows, MIX)) {
                load.start(THREADS);
                pass(WARMUP, "warm-up");
                baselineFrom = System.nanoTime();
                pass(WINDOW, "baseline window");
                baselineTo = System.nanoTime();

                phases.add(publish(app.api(), ddl, "new text field wechat", WECHAT));
                assertTrue(db.columns(CustomerRows.TABLE).contains("wechat"), "the column exists");
                load.carry("wechat");
                pass(WINDOW, "window after the field");

                phases.add(publish(app.api(), ddl, "new field bench_tag + index", WECHAT + TAG));
                assertTrue(indexed(db, "bench_tag"), "bench_tag has its index");
                pass(WINDOW, "window after the new field's index");

                phases.add(publish(app.api(), ddl, "index on former_name (data)", WECHAT + TAG + FORMER_NAME_INDEXED));
                assertTrue(indexed(db, "former_name"), "former_name has its index");
                pass(WINDOW, "window after the index");
                timeSchemaSync(app);
                load.close();
                report(load.samples(), baselineFrom, baselineTo, phases);
            }
            JsonNode first = app.api().as("admin").get("/api/forms/customer/records/" + rows.first()).expect(200).json();
            assertEquals("压测客户0000000有限公司", first.get("name").asText(), "a loaded row is intact: " + first);
        }
    }

    /** A publish: its draft, when it started and ended, and the version it made. */
    private record Phase(String name, long putMillis, long from, long to, int version) {
        double millis() {
            return (to - from) / 1e6;
        }
    }

    private static Phase publish(Api api, DdlWatch ddl, String name, String fields) {
        long putStart = System.nanoTime();
        api.as("admin").send(HttpMethod.PUT, METADATA + "/form/customer", YAML, "fields:\n" + fields).expect(204);
        long putMillis = (System.nanoTime() - putStart) / 1_000_000;
        // the same check and compilation publish runs, without the schema change: what of the publish is not DDL
        long validateStart = System.nanoTime();
        api.as("admin").post(METADATA + "/validate", Map.of()).expect(200);
        long validateMillis = (System.nanoTime() - validateStart) / 1_000_000;
        ddl.drain();
        long from = System.nanoTime();
        JsonNode published = api.as("admin").post(METADATA + "/publish", Map.of("comment", "bench: " + name))
                .expect(200).json();
        long to = System.nanoTime();
        Phase phase = new Phase(name, putMillis, from, to, published.get("version").asInt());
        print("published %s: %.0f ms (before it: draft PUT %d ms, validate %d ms), version %d, plan %s", name,
                phase.millis(), putMillis, validateMillis, phase.version(), published.get("plan"));
        for (DdlWatch.Seen seen : ddl.drain()) {
            print("  DDL seen running %d ms, ~%d ms of it in state \"Waiting for table metadata lock\": %s", seen.runMillis(),
                    seen.lockWaitMillis(), seen.sql());
        }
        if (ddl.error() != null) {
            print("  DDL watch could not read the process list: %s", ddl.error());
        }
        return phase;
    }

    /** The rows written behind the app's back must be rows it lists, reads and edits like its own. */
    private static void checkReadable(Api api, CustomerRows.Loaded rows) {
        JsonNode list = api.as("admin").get("/api/forms/customer/records?size=5").expect(200).json();
        // a list counts up to its cap and then says so: it does not scan a million rows per page
        assertFalse(list.get("totalExact").asBoolean(), "the count stops at its cap over the loaded rows: " + list);
        assertTrue(list.get("total").asLong() >= 10_000, "the list counts the loaded rows up to the cap: " + list);
        JsonNode last = api.as("admin").get("/api/forms/customer/records/" + rows.last()).expect(200).json();
        assertEquals(CustomerRows.uscc((int) (rows.count() - 1)), last.get("uscc").asText());
        assertEquals(1, last.get("contacts").size(), last.toString());
        api.as("admin").patch("/api/forms/customer/records/" + rows.last(),
                Map.of("version", last.get("version").asLong(), "legal_rep", "校验人")).expect(200);
        api.as("admin").header("Accept", "text/html").get("/forms/customer/" + rows.last()).expect(200);
    }

    /**
     * Part of every publish: schema sync reading each form table's columns and indexes back, here
     * with nothing left to change, under the same load. Tells how much of a publish is neither the
     * check (validate) nor the DDL.
     */
    private static void timeSchemaSync(FormationApp app) {
        SchemaSync sync = new SchemaSync(app.context().getBean(DirectConnections.class));
        FormCatalog forms = app.context().getBean(MetadataHolder.class).current().get(FormCatalog.class);
        long[] millis = new long[3];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            sync.sync(forms);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        java.util.Arrays.sort(millis);
        print("schema sync of %d forms with nothing to change: median %d ms of %d (min %d, max %d)",
                forms.forms().size(), millis[1], millis.length, millis[0], millis[2]);
    }

    private static boolean indexed(TestDatabase db, String column) {
        return db.queryLong("SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME = ? AND COLUMN_NAME = ?", CustomerRows.TABLE, column) > 0;
    }

    /** Lets the clients run for {@code span}: a measuring window, the condition being that it has passed. */
    private static void pass(Duration span, String what) {
        long start = System.nanoTime();
        Eventually.holds(() -> System.nanoTime() - start >= span.toNanos(), start, span.plusSeconds(5), () -> what);
    }

    private static void report(List<LoadClients.Sample> all, long baselineFrom, long baselineTo, List<Phase> phases) {
        Window before = Window.started("baseline", all, baselineFrom, baselineTo);
        double p99Before = before.percentile(99);
        print("%d client threads, mix list:detail:create:update = %d:%d:%d:%d, %,d requests in all", THREADS,
                MIX[0], MIX[1], MIX[2], MIX[3], all.size());
        print("%-34s %9s %7s %6s %6s %8s %8s %8s %9s %9s %10s", "window", "publish", "reqs", "failed", "slowed",
                "p50 ms", "p99 ms", "max ms", "reqs/s", "writes/s", "write gap");
        row(before, "-", p99Before);
        boolean allFast = true;
        boolean noneFailed = before.failures() == 0;
        boolean p99Held = true;
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            Window during = Window.overlapping("during: " + p.name(), all, p.from(), p.to());
            long afterTo = i + 1 < phases.size() ? phases.get(i + 1).from() : Long.MAX_VALUE;
            Window after = Window.started("after: " + p.name(), all, p.to(), Math.min(afterTo, p.to() + WINDOW.toNanos()));
            row(during, "%.0f ms".formatted(p.millis()), p99Before);
            row(after, "", p99Before);
            allFast &= p.millis() < 1000;
            noneFailed &= during.failures() == 0 && after.failures() == 0;
            p99Held &= during.percentile(99) < 2 * p99Before;
            for (String failure : during.failureTexts(5)) {
                print("  failed during %s: %s", p.name(), failure);
            }
            for (String failure : after.failureTexts(5)) {
                print("  failed after %s: %s", p.name(), failure);
            }
        }
        for (String failure : before.failureTexts(5)) {
            print("  failed before: %s", failure);
        }
        print("by operation (p50 / p99 / max ms, requests):");
        List<Window> windows = new ArrayList<>();
        windows.add(before);
        phases.forEach(p -> windows.add(Window.overlapping("during: " + p.name(), all, p.from(), p.to())));
        for (Window w : windows) {
            StringBuilder line = new StringBuilder("%-34s".formatted(w.name));
            for (LoadClients.Op op : LoadClients.Op.values()) {
                Window o = w.only("", s -> s.op() == op);
                line.append("  %s %.0f / %.0f / %.0f (%d)".formatted(op.name().toLowerCase(), o.percentile(50),
                        o.percentile(99), o.percentile(100), o.count()));
            }
            print("%s", line);
        }
        Phase field = phases.get(0);
        Window fieldDuring = Window.overlapping("", all, field.from(), field.to());
        Figures.print("publish_field_ms", field.millis(), "ms", "(new text field on " + CUSTOMERS + " customers, under load)");
        for (Phase p : phases.subList(1, phases.size())) {
            Figures.print("publish_" + (p == phases.get(1) ? "field_index" : "index_on_data") + "_ms", p.millis(), "ms",
                    "(" + p.name() + ")");
        }
        Figures.print("publish_failed_requests", before.failures() + fieldDuring.failures(), "requests",
                "(before and during the field's publish)");
        Figures.print("publish_p99_before_ms", p99Before, "ms");
        Figures.print("publish_p99_during_ms", fieldDuring.percentile(99), "ms");
        Figures.print("publish_p99_ratio", fieldDuring.percentile(99) / p99Before, "x", "(during/before)");
        print("target publish of a new field < 1 s: %.0f ms -> %s", field.millis(), field.millis() < 1000 ? "MET" : "MISSED");
        print("target zero failed requests: %d failed before, %d during/after the field's publish -> %s",
                before.failures(), fieldDuring.failures(), before.failures() + fieldDuring.failures() == 0 ? "MET" : "MISSED");
        print("target p99 during the field's publish < 2x p99 before: %.1f ms vs %.1f ms (x%.2f) -> %s",
                fieldDuring.percentile(99), p99Before, fieldDuring.percentile(99) / p99Before,
                fieldDuring.percentile(99) < 2 * p99Before ? "MET" : "MISSED");
        print("all publishes (field, field + index, index on data): < 1 s %s, none failed %s, p99 < 2x %s",
                allFast ? "yes" : "no", noneFailed ? "yes" : "no", p99Held ? "yes" : "no");
        for (Phase p : phases.subList(1, phases.size())) {
            Window during = Window.overlapping("", all, p.from(), p.to());
            print("writes while %s (%.0f ms): %d completed, %.1f writes/s (baseline %.1f/s), longest gap without a"
                            + " completed write %.0f ms, %d failed", p.name(), p.millis(), during.writesCompleted(),
                    during.writesCompletedPerSecond(), before.writesCompletedPerSecond(), during.longestWriteGapMillis(),
                    during.only("", s -> s.op().write()).failures());
        }
    }

    private static void row(Window w, String publish, double p99Before) {
        long slowed = w.samples.stream().filter(s -> s.micros() / 1000.0 > 2 * p99Before).count();
        print("%-34s %9s %7d %6d %6d %8.1f %8.1f %8.1f %9.1f %9.1f %7.0f ms", w.name, publish, w.count(), w.failures(),
                slowed, w.percentile(50), w.percentile(99), w.percentile(100), w.rate(), w.writesCompletedPerSecond(),
                w.longestWriteGapMillis());
    }

    private static void print(String format, Object... args) {
        // prose beside the figures; the figures themselves are Figures' "BENCH <name> <value> <unit>" lines
        System.out.println("NOTE " + String.format(format, args));
    }
}
