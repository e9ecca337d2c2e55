package dev.formation.bench;

import dev.formation.testing.AppProcess;
import dev.formation.testing.Customers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's data set, in a MariaDB database of its own ({@code formation_bench_<rows>})
 * that outlives the run: the app builds the schema and the demo organisation once, then batched
 * JDBC writes {@code rows} customers (2–3 contacts each), as many visits, a fifth as many deals,
 * 3/10 as many payments, and 20 teams of 10 salespeople (users and departments rows). A marker
 * table records the counts when the load finished, so the next run finds it and skips the load.
 *
 * <p>Every row copies a demo row the app itself wrote (so each column holds a value the form
 * accepts) and overrides the columns that make it distinct: names, codes, owners, times, and
 * statuses and dictionary values drawn with a skew (the first values much more frequent).
 */
final class BenchData {

    static final String HOST = System.getProperty("formation.test.mariadb.host", "127.0.0.1:3306");
    static final String USER = System.getProperty("formation.test.mariadb.user", "root");
    static final String PASSWORD = System.getProperty("formation.test.mariadb.password", "");
    static final String OPTIONS = "useUnicode=true&characterEncoding=UTF-8&serverTimezone=Asia/Shanghai"
            + "&allowPublicKeyRetrieval=true&useSSL=false";
    static final String JWT_SECRET = "formation-bench-secret-0123456789-abcdefghijklmnop";
    static final int TEAMS = 20;
    static final int PER_TEAM = 10;
    private static final int BATCH = 1_000;
    private static final String MARKER = "bench_marker";
    private static final Path DICTIONARIES = Path.of("../metadata/dictionaries");

    final int rows;
    final String database;

    private BenchData(int rows) {
        this.rows = rows;
        this.database = "formation_bench_" + rows;
    }

    String url() {
        return "jdbc:mysql://" + HOST + "/" + database + "?" + OPTIONS;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    /** The environment that points an app process at this database. */
    Map<String, String> environment() {
        return Map.of("DATASOURCES_DEFAULT_URL", url(), "DATASOURCES_DEFAULT_USERNAME", USER,
                "DATASOURCES_DEFAULT_PASSWORD", PASSWORD, "FORMATION_JWT_SECRET", JWT_SECRET);
    }

    int visits() {
        return rows;
    }

    int deals() {
        return Math.max(1, rows / 5);
    }

    int payments() {
        return Math.max(1, rows * 3 / 10);
    }

    /** The data set of this size, loaded now unless a finished earlier load is found. */
    static BenchData prepare(int rows, Path work) throws Exception {
        BenchData data = new BenchData(rows);
        admin("CREATE DATABASE IF NOT EXISTS `" + data.database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        long loaded = data.marker();
        if (loaded == rows) {
            Figures.print("load_reused", rows, "customers", "database=" + data.database);
            return data;
        }
        admin("DROP DATABASE `" + data.database + "`");
        admin("CREATE DATABASE `" + data.database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        // the app creates the schema and the demo organisation and records, the templates of every loaded row
        Path data1 = Files.createDirectories(work.resolve("schema-data"));
        int port = AppProcess.freePort();
        try (AppProcess app = AppProcess.start(data.environment(), Map.of("micronaut.server.port",
                        String.valueOf(port), "formation.data-dir", data1.toString(),
                        "formation.demo-data", "true"), port, work.resolve("schema.log"),
                Duration.ofMinutes(3))) {
            // started and healthy: the schema and demo are there
        } catch (AssertionError e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        long start = System.nanoTime();
        data.load();
        double seconds = (System.nanoTime() - start) / 1e9;
        long total = rows + (long) rows * 5 / 2 + data.visits() + data.deals() + data.payments();
        Figures.print("load_seconds", seconds, "s", "rows=" + total + " database=" + data.database);
        Figures.print("load_rate", total / seconds, "rows/s");
        return data;
    }

    private long marker() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT `row_count` FROM `" + MARKER + "` WHERE `label` = 'customers'")) {
                return rs.next() ? rs.getLong(1) : -1;
            } catch (SQLException e) {
                return -1; // no marker table: nothing loaded yet
            }
        }
    }

    static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + HOST + "/?" + OPTIONS, USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void load() throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection(url() + "&rewriteBatchedStatements=true", USER, PASSWORD)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION unique_checks = 0");
            }
            Random random = new Random(42);
            LocalDateTime now = LocalDateTime.now(Clock.systemDefaultZone()).withNano(0);
            List<String> owners = loadOrganisation(c);
            int[] customerOwner = new int[rows];
            long firstCustomer = nextId(c, "f_customer");
            Map<String, List<String>> dict = dictionaries();
            java.util.Set<String> demoNames = new java.util.HashSet<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT `name` FROM `f_customer`")) {
                while (rs.next()) {
                    demoNames.add(rs.getString(1));
                }
            }
            Rows customers = new Rows(c, "f_customer", true);
            Rows contacts = new Rows(c, "f_customer__contacts", false);
            for (int n = 0; n < rows; n++) {
                int owner = skewed(random, owners.size(), 1.6);
                customerOwner[n] = owner;
                LocalDateTime at = now.minusMinutes(random.nextInt(4 * 365 * 24 * 60));
                int city = ChineseText.city(n);
                Map<String, Object> r = customers.next(n);
                r.put("id", firstCustomer + n);
                r.put("code", "BK%08d".formatted(n));
                String name = ChineseText.company(n);
                // a generated name may be one of the demo's real-looking ones: keep it unique
                r.put("name", demoNames.contains(name) ? name.replace("有限公司", "（" + n + "）有限公司") : name);
                r.put("former_name", random.nextInt(10) == 0 ? ChineseText.company(n + 2_000_000L) : null);
                r.put("uscc", CustomerRows.uscc(n));
                r.put("legal_rep", ChineseText.person(random));
                r.put("reg_address", ChineseText.address(city, random));
                r.put("mail_address", ChineseText.address(city, random));
                r.put("status", pick(random, List.of("active", "draft", "inactive", "pending"), 1.8));
                dictionary(r, random, dict, Map.of("industry", "industry", "category", "customer_category",
                        "customer_type", "customer_type", "level", "customer_level", "source", "customer_source"));
                stamp(r, owners.get(owner), at, now);
                customers.add(r);
                int people = 2 + random.nextInt(2);
                for (int k = 0; k < people; k++) {
                    Map<String, Object> p = contacts.next(n * 3 + k);
                    p.put("record_id", firstCustomer + n);
                    p.put("position", k);
                    p.put("name", ChineseText.person(random));
                    p.put("mobile", Customers.mobile(n * 3 + k));
                    contacts.add(p);
                }
                if (n % BATCH == BATCH - 1) {
                    customers.flush();
                    contacts.flush();
                    c.commit();
                }
            }
            customers.flush();
            contacts.flush();
            c.commit();
            writeMarker(c, "customers_loading", rows);

            Rows visits = new Rows(c, "f_visit", false);
            for (int n = 0; n < visits(); n++) {
                int customer = skewed(random, rows, 1.3);
                LocalDateTime at = now.minusMinutes(random.nextInt(4 * 365 * 24 * 60));
                Map<String, Object> r = visits.next(n);
                r.put("code", "BV%08d".formatted(n));
                r.put("customer", firstCustomer + customer);
                r.put("contact_name", ChineseText.person(random));
                r.put("visit_time", at);
                r.put("status", pick(random, List.of("submitted", "draft"), 3));
                dictionary(r, random, dict, Map.of("visit_type", "visit_type", "sales_stage", "sales_stage"));
                stamp(r, owners.get(customerOwner[customer]), at, now);
                visits.add(r);
                commitEvery(n, c, visits);
            }
            visits.flush();
            c.commit();

            long firstDeal = nextId(c, "f_deal");
            int[] dealCustomer = new int[deals()];
            Rows deals = new Rows(c, "f_deal", true);
            for (int n = 0; n < deals(); n++) {
                int customer = skewed(random, rows, 1.3);
                dealCustomer[n] = customer;
                LocalDateTime at = now.minusMinutes(random.nextInt(4 * 365 * 24 * 60));
                Map<String, Object> r = deals.next(n);
                r.put("id", firstDeal + n);
                r.put("code", "BD%08d".formatted(n));
                r.put("contract_no", "HT%08d".formatted(n));
                r.put("customer", firstCustomer + customer);
                r.put("deal_date", at.toLocalDate());
                r.put("amount", new java.math.BigDecimal(1000 + random.nextInt(2_000_000)).movePointLeft(0));
                r.put("status", pick(random, List.of("active", "completed", "draft", "pending", "cancelled"), 1.5));
                stamp(r, owners.get(customerOwner[customer]), at, now);
                deals.add(r);
                commitEvery(n, c, deals);
            }
            deals.flush();
            c.commit();

            Rows payments = new Rows(c, "f_payment", false);
            for (int n = 0; n < payments(); n++) {
                int deal = random.nextInt(deals());
                int customer = dealCustomer[deal];
                LocalDateTime at = now.minusMinutes(random.nextInt(4 * 365 * 24 * 60));
                Map<String, Object> r = payments.next(n);
                r.put("code", "BP%08d".formatted(n));
                r.put("customer", firstCustomer + customer);
                r.put("deal", firstDeal + deal);
                r.put("payment_date", at.toLocalDate());
                r.put("amount", new java.math.BigDecimal(500 + random.nextInt(500_000)));
                dictionary(r, random, dict, Map.of("method", "payment_method"));
                stamp(r, owners.get(customerOwner[customer]), at, now);
                payments.add(r);
                commitEvery(n, c, payments);
            }
            payments.flush();
            c.commit();
            try (Statement s = c.createStatement()) {
                for (String t : List.of("f_customer", "f_customer__contacts", "f_visit", "f_deal", "f_payment", "users")) {
                    s.execute("ANALYZE TABLE `" + t + "`");
                }
            }
            writeMarker(c, "visits", visits());
            writeMarker(c, "deals", deals());
            writeMarker(c, "payments", payments());
            writeMarker(c, "salespeople", owners.size());
            writeMarker(c, "customers", rows);
        }
    }

    private static void commitEvery(int n, Connection c, Rows rows) throws SQLException {
        if (n % BATCH == BATCH - 1) {
            rows.flush();
            c.commit();
        }
    }

    private static void stamp(Map<String, Object> r, String owner, LocalDateTime created, LocalDateTime now) {
        r.put("owner", owner);
        r.put("created_by", owner);
        r.put("updated_by", owner);
        r.put("created_at", created);
        long span = Math.max(1, Duration.between(created, now).toMinutes());
        r.put("updated_at", created.plusMinutes(Math.floorMod(created.hashCode(), span)));
        r.put("version", 1L);
        r.put("deleted_at", null);
    }

    /**
     * 20 teams under the sales department, each with a leader and 10 salespeople, copying the
     * demo's leader1 and sales1 rows (their roles and password). Returns the owners rows are given
     * to: the 200 salespeople and the demo's sales1 and sales2, so those demo logins own rows too.
     */
    private List<String> loadOrganisation(Connection c) throws SQLException {
        Map<String, Object> salesperson = one(c, "SELECT * FROM `users` WHERE `username` = 'sales1'");
        Map<String, Object> leader = one(c, "SELECT * FROM `users` WHERE `username` = 'leader1'");
        Random random = new Random(7);
        List<String> owners = new ArrayList<>(List.of("sales1", "sales2"));
        try (PreparedStatement dept = c.prepareStatement("INSERT INTO `departments` (`dept_key`, `name`, `parent_key`,"
                + " `kind`, `leader`) VALUES (?, ?, 'sales', 'team', ?)")) {
            for (int t = 1; t <= TEAMS; t++) {
                dept.setString(1, "bench_team%02d".formatted(t));
                dept.setString(2, ChineseText.CITIES[t % ChineseText.CITIES.length] + "销售" + t + "组");
                dept.setString(3, "bench_l%02d".formatted(t));
                dept.addBatch();
            }
            dept.executeBatch();
        }
        List<Map<String, Object>> users = new ArrayList<>();
        for (int t = 1; t <= TEAMS; t++) {
            String team = "bench_team%02d".formatted(t);
            String lead = "bench_l%02d".formatted(t);
            users.add(user(leader, lead, ChineseText.person(random), team, "manager1"));
            for (int s = 1; s <= PER_TEAM; s++) {
                String name = "bench_s%02d%02d".formatted(t, s);
                users.add(user(salesperson, name, ChineseText.person(random), team, lead));
                owners.add(name);
            }
        }
        List<String> columns = new ArrayList<>(users.get(0).keySet());
        columns.remove("id");
        try (PreparedStatement ps = c.prepareStatement(insert("users", columns))) {
            for (Map<String, Object> u : users) {
                for (int i = 0; i < columns.size(); i++) {
                    ps.setObject(i + 1, u.get(columns.get(i)));
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
        c.commit();
        return owners;
    }

    private static Map<String, Object> user(Map<String, Object> template, String username, String name, String team,
                                            String supervisor) {
        Map<String, Object> u = new LinkedHashMap<>(template);
        u.put("username", username);
        u.put("name", name);
        u.put("email", username + "@formation-bench.example.com");
        u.put("department", team);
        u.put("supervisor", supervisor);
        return u;
    }

    private static Map<String, Object> one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row: " + sql);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.put(meta.getColumnName(i).toLowerCase(), rs.getObject(i));
            }
            return row;
        }
    }

    private static long nextId(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT COALESCE(MAX(`id`), 0) + 1000 FROM `" + table + "`")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void writeMarker(Connection c, String label, long count) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS `" + MARKER + "` (`label` VARCHAR(64) PRIMARY KEY, `row_count` BIGINT NOT NULL,"
                    + " `loaded_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP)");
        }
        try (PreparedStatement ps = c.prepareStatement("REPLACE INTO `" + MARKER + "` (`label`, `row_count`) VALUES (?, ?)")) {
            ps.setString(1, label);
            ps.setLong(2, count);
            ps.executeUpdate();
        }
        c.commit();
    }

    /** An index in {@code [0, n)} where low indexes are much more likely (power {@code skew} of a uniform draw). */
    static int skewed(Random random, int n, double skew) {
        return Math.min(n - 1, (int) (n * Math.pow(random.nextDouble(), skew)));
    }

    private static String pick(Random random, List<String> values, double skew) {
        return values.get(skewed(random, values.size(), skew));
    }

    private static void dictionary(Map<String, Object> row, Random random, Map<String, List<String>> dict,
                                   Map<String, String> columns) {
        columns.forEach((column, name) -> {
            List<String> values = dict.get(name);
            if (values != null && !values.isEmpty() && row.containsKey(column)) {
                row.put(column, pick(random, values, 2));
            }
        });
    }

    /** The item keys of each dictionary under metadata/dictionaries, in their order. */
    private static Map<String, List<String>> dictionaries() throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Pattern item = Pattern.compile("^\\s*- \\{key: ([a-z0-9_]+)", Pattern.MULTILINE);
        try (var files = Files.list(DICTIONARIES)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Matcher m = item.matcher(Files.readString(p));
                List<String> keys = new ArrayList<>();
                while (m.find()) {
                    keys.add(m.group(1));
                }
                out.put(p.getFileName().toString().replace(".yaml", ""), keys);
            }
        }
        return out;
    }

    private static String insert(String table, List<String> columns) {
        return "INSERT INTO `" + table + "` (" + String.join(", ", columns.stream().map(x -> "`" + x + "`").toList())
                + ") VALUES (" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    }

    /** Batched inserts into one table, each row starting as a copy of one of the demo's rows. */
    private static final class Rows {
        private final List<String> columns = new ArrayList<>();
        private final List<Object[]> templates = new ArrayList<>();
        private final PreparedStatement insert;

        Rows(Connection c, String table, boolean keepId) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM `" + table + "`")) {
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String name = meta.getColumnName(i).toLowerCase();
                    if (keepId || !name.equals("id")) {
                        columns.add(name);
                    }
                }
                while (rs.next()) {
                    Object[] row = new Object[columns.size()];
                    for (int i = 0; i < columns.size(); i++) {
                        row[i] = rs.getObject(columns.get(i));
                    }
                    templates.add(row);
                }
            }
            if (templates.isEmpty()) {
                throw new IllegalStateException("no demo row in " + table + " to copy");
            }
            insert = c.prepareStatement(insert(table, columns));
        }

        Map<String, Object> next(long n) {
            Object[] t = templates.get((int) (n % templates.size()));
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i), t[i]);
            }
            return row;
        }

        void add(Map<String, Object> row) throws SQLException {
            for (int i = 0; i < columns.size(); i++) {
                insert.setObject(i + 1, row.get(columns.get(i)));
            }
            insert.addBatch();
        }

        void flush() throws SQLException {
            insert.executeBatch();
        }
    }
}
