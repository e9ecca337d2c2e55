package dev.formation.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A fresh, empty database for one test class: an H2 file database in a temp folder by default,
 * or a new MariaDB/MySQL database {@code formation_test_<random>} when the system property
 * {@code formation.test.db=mariadb} is set (the {@code -Pmariadb} Maven profile). The app
 * reaches MariaDB through MySQL Connector/J, the driver it ships for production.
 */
public abstract class TestDatabase implements AutoCloseable {

    public static final String KIND_PROPERTY = "formation.test.db";

    /** The database kind this run uses: {@code h2} or {@code mariadb}. */
    public static String kind() {
        return System.getProperty(KIND_PROPERTY, "h2").trim().toLowerCase(Locale.ROOT);
    }

    public static boolean isMariaDb() {
        return kind().equals("mariadb") || kind().equals("mysql");
    }

    /** A new database of the kind this run uses; {@code folder} holds the H2 files. */
    public static TestDatabase create(Path folder) {
        return isMariaDb() ? new MariaDb() : new H2(folder);
    }

    /** The {@code datasources.default.*} properties that point the app at this database. */
    public abstract Map<String, Object> properties();

    /** A connection of our own, for checks the API cannot make (columns, child rows). */
    public abstract Connection connect() throws SQLException;

    public abstract boolean h2();

    /**
     * What {@code formation.tenants.schema-prefix} is for this database: on MariaDB the test's own
     * database name, so tenants of two test classes (or of an earlier run) never meet.
     */
    public abstract String tenantPrefix();

    /** Column names of a table, lower case, as a query over it reports them. */
    public List<String> columns(String table) {
        List<String> out = new ArrayList<>();
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM %s WHERE 1 = 0".formatted(table));
             ResultSet rs = ps.executeQuery()) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(table + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row of a query, e.g. a COUNT(*). */
    public long queryLong(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row: " + sql);
                }
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row as text, null when SQL NULL. */
    public String queryString(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row: " + sql);
                }
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public abstract void close();

    /** The embedded default: file-backed H2 in MySQL mode, as the app runs without configuration. */
    static final class H2 extends TestDatabase {
        private final String url;

        H2(Path folder) {
            this.url = "jdbc:h2:file:" + folder.toAbsolutePath().resolve("db").resolve("formation")
                    + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000";
        }

        @Override
        public Map<String, Object> properties() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("datasources.default.url", url);
            p.put("datasources.default.username", "sa");
            p.put("datasources.default.password", "");
            return p;
        }

        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, "sa", "");
        }

        @Override
        public boolean h2() {
            return true;
        }

        @Override
        public String tenantPrefix() {
            return "formation_";
        }

        @Override
        public void close() {
            // the files live in the test's temp folder, which the test removes
        }
    }

    /** A database of its own on the MariaDB server (root, utf8mb4), dropped by {@link #close()}. */
    static final class MariaDb extends TestDatabase {
        private static final String HOST = System.getProperty("formation.test.mariadb.host", "127.0.0.1:3306");
        private static final String USER = System.getProperty("formation.test.mariadb.user", "root");
        private static final String PASSWORD = System.getProperty("formation.test.mariadb.password", "");
        private static final String OPTIONS = "useUnicode=true&characterEncoding=UTF-8&serverTimezone=Asia/Shanghai"
                + "&allowPublicKeyRetrieval=true&useSSL=false";

        private final String name;

        MariaDb() {
            byte[] random = new byte[6];
            new SecureRandom().nextBytes(random);
            this.name = "formation_test_" + HexFormat.of().formatHex(random);
            admin("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }

        private static void admin(String sql) {
            try (Connection c = DriverManager.getConnection("jdbc:mysql://" + HOST + "/?" + OPTIONS, USER, PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("MariaDB at " + HOST + ": " + sql + ": " + e.getMessage(), e);
            }
        }

        String url() {
            return "jdbc:mysql://" + HOST + "/" + name + "?" + OPTIONS;
        }

        @Override
        public Map<String, Object> properties() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("datasources.default.url", url());
            p.put("datasources.default.driver-class-name", "com.mysql.cj.jdbc.Driver");
            p.put("datasources.default.username", USER);
            p.put("datasources.default.password", PASSWORD);
            return p;
        }

        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url(), USER, PASSWORD);
        }

        @Override
        public boolean h2() {
            return false;
        }

        @Override
        public String tenantPrefix() {
            return name + "_";
        }

        @Override
        public void close() {
            admin("DROP DATABASE IF EXISTS `" + name + "`");
            // the tenants' databases the test provisioned
            List<String> tenants = new ArrayList<>();
            try (Connection c = DriverManager.getConnection("jdbc:mysql://" + HOST + "/?" + OPTIONS, USER, PASSWORD);
                 PreparedStatement ps = c.prepareStatement("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA "
                         + "WHERE SCHEMA_NAME LIKE ?")) {
                ps.setString(1, name + "\\_%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tenants.add(rs.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("MariaDB at " + HOST + ": " + e.getMessage(), e);
            }
            tenants.forEach(t -> admin("DROP DATABASE IF EXISTS `" + t + "`"));
        }
    }

    /** Removes a temp folder and everything under it. */
    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a leftover temp file must not fail a test
                }
            });
        } catch (IOException e) {
            // same
        }
    }
}
