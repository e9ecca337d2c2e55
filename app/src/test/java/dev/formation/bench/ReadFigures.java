package dev.formation.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 2: reading a record by id, and list pages of the customer form in every shape the
 * issue names, as a row-scoped salesperson and as an admin, p50/p95/p99, against the same SQL
 * run directly over JDBC: the statements the app sent for one such request, captured from the
 * server's log after a warm-up request and replayed as they were. Requests alternate API and
 * JDBC; each shape stops after {@code requests} pairs or its time budget, whichever comes first.
 */
final class ReadFigures {

    private final BenchData data;
    private final Map<String, Http> users;
    private final int requests;
    private final long budgetNanos;

    ReadFigures(BenchData data, Map<String, Http> users, int requests, int budgetSeconds) {
        this.data = data;
        this.users = users;
        this.requests = requests;
        this.budgetNanos = budgetSeconds * 1_000_000_000L;
    }

    void run() throws Exception {
        long id;
        try (Connection c = data.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT `id` FROM `f_customer` WHERE `owner` = 'sales1' AND `deleted_at` IS NULL ORDER BY `id` LIMIT 1")) {
            rs.next();
            id = rs.getLong(1);
        }
        String records = "/api/forms/customer/records";
        Map<String, String> shapes = new LinkedHashMap<>();
        shapes.put("read_by_id", records + "/" + id);
        shapes.put("list", records);
        shapes.put("list_kw1", records + "?q=" + encode("科技"));
        shapes.put("list_kw2", records + "?q=" + encode("上海 科技"));
        shapes.put("list_status", records + "?status=active");
        shapes.put("list_sort_updated", records + "?sort=updated_at");
        shapes.put("list_page1000", records + "?page=1000");
        for (Map.Entry<String, String> shape : shapes.entrySet()) {
            for (Map.Entry<String, Http> user : users.entrySet()) {
                measure(shape.getKey() + "_" + user.getKey(), user.getValue(), shape.getValue());
            }
        }
    }

    private void measure(String name, Http http, String path) {
        try {
            http.timedGet(path);
            List<String> sql = SqlCapture.during(data, () -> http.timedGet(path));
            Figures.print(name + "_sql_statements", sql.size(), "statements", "(one request, general log)");
            for (String statement : sql) {
                // what the engine ran, for whoever optimises it (prose, not a figure)
                System.out.println("NOTE " + name + " sql: " + statement.replaceAll("\\s+", " ")
                        .substring(0, Math.min(400, statement.replaceAll("\\s+", " ").length())));
            }
            List<Double> api = new ArrayList<>();
            List<Double> jdbc = new ArrayList<>();
            try (Connection c = data.connect()) {
                SqlCapture.replay(c, sql);
                long start = System.nanoTime();
                while (api.size() < requests && System.nanoTime() - start < budgetNanos) {
                    api.add(http.timedGet(path));
                    long t = System.nanoTime();
                    SqlCapture.replay(c, sql);
                    jdbc.add(Figures.millisSince(t));
                }
            }
            Figures.compareLatencies(name, api, jdbc, "api", "jdbc");
        } catch (Exception e) {
            Figures.unavailable(name, e.toString());
        }
    }

    private static String encode(String q) {
        return java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8);
    }
}
