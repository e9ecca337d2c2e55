package dev.formation.bench;

import dev.formation.testing.Api;
import dev.formation.testing.Customers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Figure 1: records created per second through the API (a customer with two contacts; a visit)
 * at 1, 4 and 8 clients, against raw JDBC writing the same rows in one transaction each, the
 * table's own constraints (unique indexes) applying, with an audit row, at the same concurrency;
 * rounds alternate API and JDBC. Then the SQL statements one create sends, counted in the
 * server's general log for the app's connections (and the server-wide {@code Questions} delta).
 */
final class CreateFigures {

    private static final int[] CLIENTS = {1, 4, 8};
    private static final String CUSTOMERS = "/api/forms/customer/records";
    private static final String VISITS = "/api/forms/visit/records";

    private final BenchData data;
    private final Http http;
    private final int perRound;
    private final int rounds;
    private final AtomicInteger seq = new AtomicInteger();
    private final long visitCustomer;

    CreateFigures(BenchData data, Http salesperson, int perRound, int rounds) throws SQLException {
        this.data = data;
        this.http = salesperson;
        this.perRound = perRound;
        this.rounds = rounds;
        try (Connection c = data.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT `id` FROM `f_customer` WHERE `owner` = 'sales1' AND `status` = 'active' AND `deleted_at` IS NULL"
                        + " ORDER BY `id` LIMIT 1")) {
            if (!rs.next()) {
                throw new IllegalStateException("no active customer of sales1 to visit");
            }
            visitCustomer = rs.getLong(1);
        }
    }

    void run() throws Exception {
        for (int clients : CLIENTS) {
            Figures.compareRounds("create_customer_c" + clients, "records/s", rounds,
                    () -> apiRate(clients, this::apiCustomer), () -> jdbcRate(clients, this::jdbcCustomer), "api", "jdbc");
            Figures.compareRounds("create_visit_c" + clients, "records/s", rounds,
                    () -> apiRate(clients, this::apiVisit), () -> jdbcRate(clients, this::jdbcVisit), "api", "jdbc");
        }
        statements("create_customer", this::apiCustomer);
        statements("create_visit", this::apiVisit);
    }

    private void statements(String name, ApiCreate create) throws Exception {
        int n = 20;
        create.create();
        long questions = SqlCapture.questions(data);
        List<String> sql = SqlCapture.during(data, () -> {
            for (int i = 0; i < n; i++) {
                create.create();
            }
        });
        long delta = SqlCapture.questions(data) - questions;
        Figures.print(name + "_sql_statements", sql.size() / (double) n, "statements", "n=" + n
                + " (general log, the app's connections)");
        Figures.print(name + "_questions", delta / (double) n, "statements", "n=" + n
                + " (server-wide Questions delta, includes other clients and the capture's own)");
    }

    @FunctionalInterface
    private interface ApiCreate {
        void create() throws Exception;
    }

    @FunctionalInterface
    private interface JdbcCreate {
        void create(Connection c) throws Exception;
    }

    private double apiRate(int clients, ApiCreate create) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            int each = Math.max(1, perRound / clients);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        create.create();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return each * clients / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private double jdbcRate(int clients, JdbcCreate create) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Connection> connections = new ArrayList<>();
        try {
            for (int t = 0; t < clients; t++) {
                // open before the clock starts, as the app's pool keeps its connections open
                Connection c = data.connect();
                c.setAutoCommit(false);
                connections.add(c);
            }
            int each = Math.max(1, perRound / clients);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (Connection c : connections) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        create.create(c);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return each * clients / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private String name() {
        return Customers.uniqueName("压测");
    }

    private LocalDateTime now() {
        return LocalDateTime.now(Clock.systemDefaultZone()).truncatedTo(ChronoUnit.SECONDS);
    }

    private void apiCustomer() throws Exception {
        Map<String, Object> body = Customers.valid(name());
        body.put("uscc", Customers.uscc());
        body.put("legal_rep", "王建国");
        int n = seq.incrementAndGet();
        body.put("contacts", List.of(Customers.contact("林晓峰", Customers.mobile(2 * n)),
                Customers.contact("陈静", Customers.mobile(2 * n + 1))));
        http.create(CUSTOMERS, body);
    }

    private void apiVisit() throws Exception {
        http.create(VISITS, visitBody());
    }

    private Map<String, Object> visitBody() {
        Map<String, Object> visit = new LinkedHashMap<>();
        visit.put("customer", visitCustomer);
        visit.put("visit_time", now().minusHours(2).toString());
        visit.put("visit_type", "first_visit");
        visit.put("purpose", "压测拜访 介绍新产品");
        visit.put("summary", "客户对产品感兴趣，约定下周演示");
        visit.put("contact_name", "林晓峰");
        visit.put("location", Map.of("text", "福建省福州市鼓楼区五四路158号"));
        return visit;
    }

    /** The same rows the API writes for a customer: the row, two contacts, an audit row, one transaction. */
    private void jdbcCustomer(Connection c) throws Exception {
        Template customer = template(c, "f_customer");
        Template contact = template(c, "f_customer__contacts");
        LocalDateTime now = now();
        Map<String, Object> row = customer.copy();
        String name = name();
        row.put("code", "JK" + Long.toString(System.nanoTime(), 36) + seq.incrementAndGet());
        row.put("name", name);
        row.put("uscc", Customers.uscc());
        row.put("legal_rep", "王建国");
        stamp(row, now);
        row.put("status", "draft");
        long id = customer.insert(c, row);
        for (int k = 0; k < 2; k++) {
            Map<String, Object> p = contact.copy();
            p.put("record_id", id);
            p.put("position", k);
            p.put("name", k == 0 ? "林晓峰" : "陈静");
            p.put("mobile", Customers.mobile(seq.incrementAndGet()));
            contact.insert(c, p);
        }
        audit(c, "customer", id, row, now);
        c.commit();
    }

    private void jdbcVisit(Connection c) throws Exception {
        Template visit = template(c, "f_visit");
        LocalDateTime now = now();
        Map<String, Object> row = visit.copy();
        row.putAll(visitBody());
        row.put("code", "JV" + Long.toString(System.nanoTime(), 36) + seq.incrementAndGet());
        row.put("visit_time", now.minusHours(2));
        // the address column(s) as the app stores them: the template's value, not the API's shape
        row.put("location", visit.values().get("location"));
        row.put("status", "draft");
        stamp(row, now);
        long id = visit.insert(c, row);
        audit(c, "visit", id, row, now);
        c.commit();
    }

    private static void stamp(Map<String, Object> row, LocalDateTime now) {
        row.put("owner", "sales1");
        row.put("created_by", "sales1");
        row.put("updated_by", "sales1");
        row.put("created_at", now);
        row.put("updated_at", now);
        row.put("version", 1L);
        row.put("deleted_at", null);
    }

    private static void audit(Connection c, String form, long id, Map<String, Object> row, LocalDateTime at)
            throws SQLException {
        Map<String, Object> changes = new LinkedHashMap<>();
        row.forEach((k, v) -> changes.put(k, Map.of("after", String.valueOf(v))));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO `audit_log` (`at`, `username`, `action`, `form_key`,"
                + " `record_id`, `changes`, `client_address`) VALUES (?, 'sales1', 'create', ?, ?, ?, '127.0.0.1')")) {
            ps.setTimestamp(1, Timestamp.valueOf(at));
            ps.setString(2, form);
            ps.setLong(3, id);
            ps.setString(4, Api.toJson(changes));
            ps.executeUpdate();
        }
    }

    private final Map<String, Template> templates = new java.util.concurrent.ConcurrentHashMap<>();

    /** A row of the table to copy (read once), its id left to AUTO_INCREMENT. */
    private Template template(Connection c, String table) throws SQLException {
        Template t = templates.get(table);
        if (t != null) {
            return t;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM `" + table
                + "` ORDER BY `id` LIMIT 1")) {
            rs.next();
            ResultSetMetaData meta = rs.getMetaData();
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String name = meta.getColumnName(i).toLowerCase();
                if (!name.equals("id")) {
                    values.put(name, rs.getObject(i));
                }
            }
            c.commit();
            t = new Template(table, values);
            templates.put(table, t);
            return t;
        }
    }

    private record Template(String table, Map<String, Object> values) {

        Map<String, Object> copy() {
            return new LinkedHashMap<>(values);
        }

        long insert(Connection c, Map<String, Object> row) throws SQLException {
            List<String> columns = new ArrayList<>(values.keySet());
            String sql = "INSERT INTO `" + table + "` (" + String.join(", ", columns.stream().map(x -> "`" + x + "`")
                    .toList()) + ") VALUES (" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
            try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                for (int i = 0; i < columns.size(); i++) {
                    ps.setObject(i + 1, row.get(columns.get(i)));
                }
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        }
    }
}
