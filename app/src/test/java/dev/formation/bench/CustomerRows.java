package dev.formation.bench;

import dev.formation.testing.Customers;
import dev.formation.testing.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Writes customers straight into the form's tables, much faster than the API could: each row
 * copies a customer the demo created through the app (so every column holds a value the form
 * accepts) with its own id, code, name, unified social credit code (with a correct check
 * character) and one contact, so the app lists, reads and updates them like its own. Ids are
 * given explicitly so the contacts can point at them without reading generated keys back.
 */
final class CustomerRows {

    static final String TABLE = "f_customer";
    static final String CONTACTS = "f_customer__contacts";
    private static final String USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    /** Rows per multi-row INSERT (Connector/J rewrites a batch into one statement). */
    private static final int BATCH = 1_000;
    private static final List<String> OWNERS = List.of("sales1", "sales2", "leader1", "assistant1");
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"};

    private CustomerRows() {
    }

    /** The ids given to the rows: {@code first} up to {@code first + count - 1}. */
    record Loaded(long first, long count) {
        long last() {
            return first + count - 1;
        }
    }

    static Loaded load(TestDatabase db, int count) throws SQLException {
        String url = (String) db.properties().get("datasources.default.url");
        try (Connection c = DriverManager.getConnection(url + "&rewriteBatchedStatements=true",
                (String) db.properties().get("datasources.default.username"),
                (String) db.properties().get("datasources.default.password"))) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // the generated values are unique by construction; InnoDB may buffer the unique index changes
                s.execute("SET SESSION unique_checks = 0");
            }
            Template customer = template(c, "SELECT * FROM `" + TABLE + "` WHERE `deleted_at` IS NULL ORDER BY `id` LIMIT 1",
                    true);
            Template contact = template(c, "SELECT * FROM `" + CONTACTS + "` ORDER BY `id` LIMIT 1", false);
            long first;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT COALESCE(MAX(`id`), 0) + 1000 FROM `" + TABLE + "`")) {
                rs.next();
                first = rs.getLong(1);
            }
            Random random = new Random(42);
            LocalDateTime now = LocalDateTime.now().withNano(0);
            try (PreparedStatement customers = c.prepareStatement(customer.insert(TABLE));
                 PreparedStatement contacts = c.prepareStatement(contact.insert(CONTACTS))) {
                for (int n = 0; n < count; n++) {
                    long id = first + n;
                    String owner = OWNERS.get(n % OWNERS.size());
                    LocalDateTime at = now.minusMinutes(random.nextInt(365 * 24 * 60));
                    for (int i = 0; i < customer.columns.size(); i++) {
                        Object value = switch (customer.columns.get(i)) {
                            case "id" -> id;
                            case "code" -> "BM%07d".formatted(n);
                            case "name" -> "压测客户%07d有限公司".formatted(n);
                            case "former_name" -> "压测曾用名%07d".formatted(random.nextInt(count));
                            case "uscc" -> uscc(n);
                            case "legal_rep" -> SURNAMES[random.nextInt(SURNAMES.length)] + "总" + (n % 997);
                            case "owner", "created_by", "updated_by" -> owner;
                            case "status" -> "draft";
                            case "created_at", "updated_at" -> at;
                            case "version" -> 1L;
                            case "deleted_at" -> null;
                            default -> customer.values[i];
                        };
                        customers.setObject(i + 1, value);
                    }
                    customers.addBatch();
                    for (int i = 0; i < contact.columns.size(); i++) {
                        Object value = switch (contact.columns.get(i)) {
                            case "record_id" -> id;
                            case "position" -> 0;
                            case "mobile" -> Customers.mobile(n);
                            default -> contact.values[i];
                        };
                        contacts.setObject(i + 1, value);
                    }
                    contacts.addBatch();
                    if (n % BATCH == BATCH - 1) {
                        customers.executeBatch();
                        contacts.executeBatch();
                        c.commit();
                    }
                }
                customers.executeBatch();
                contacts.executeBatch();
                c.commit();
            }
            return new Loaded(first, count);
        }
    }

    /** The 17 leading characters from {@code n} (unique below 31^9), then the check character. */
    static String uscc(int n) {
        StringBuilder tail = new StringBuilder();
        long rest = n;
        for (int i = 0; i < 9; i++) {
            tail.append(USCC_CHARSET.charAt((int) (rest % USCC_CHARSET.length())));
            rest /= USCC_CHARSET.length();
        }
        StringBuilder code = new StringBuilder("91350100").append(tail.reverse());
        return code.append(Customers.usccCheck(code)).toString();
    }

    /** The columns of a table and one row's values to copy. */
    private record Template(List<String> columns, Object[] values) {

        String insert(String table) {
            return "INSERT INTO `" + table + "` (" + String.join(", ", columns.stream().map(x -> "`" + x + "`").toList())
                    + ") VALUES (" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        }
    }

    /** {@code keepId}: false leaves the id to AUTO_INCREMENT. */
    private static Template template(Connection c, String sql, boolean keepId) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no demo row to copy: " + sql);
            }
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (!keepId && meta.getColumnName(i).equalsIgnoreCase("id")) {
                    continue;
                }
                columns.add(meta.getColumnName(i).toLowerCase());
                values.add(rs.getObject(i));
            }
            return new Template(columns, values.toArray());
        }
    }
}
