package dev.formation.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One running app per test class, on a fresh database (H2 file in a temp folder, or a new
 * MariaDB database with {@code -Dformation.test.db=mariadb}) with the demo loaded. Test
 * methods share it, so each one makes its own records with names no other test uses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AppTestBase {

    protected Path tempDir;
    protected TestDatabase db;
    protected FormationApp app;
    protected Api api;

    /** Extra start-up properties, e.g. {@code formation.metadata-dir} for an overlay. */
    protected Map<String, Object> overrides(Path tempDir) throws IOException {
        return Map.of();
    }

    @BeforeAll
    void startApp() throws IOException {
        tempDir = Files.createTempDirectory("formation-it-");
        db = TestDatabase.create(tempDir);
        try {
            app = FormationApp.start(db, tempDir.resolve("data"), overrides(tempDir));
        } catch (RuntimeException | IOException e) {
            db.close();
            TestDatabase.deleteTree(tempDir);
            throw e;
        }
        api = app.api();
    }

    @AfterAll
    void stopApp() {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            if (db != null) {
                db.close();
            }
            TestDatabase.deleteTree(tempDir);
        }
    }

    // ---- helpers shared by the record tests ----

    protected static final String RECORDS = "/api/forms/customer/records";

    /** {@code total} of the customer list for a search, as admin. */
    protected long total(String q) {
        String path = RECORDS + (q == null ? "" : "?q=" + Customers.encode(q));
        return api.as("admin").get(path).expect(200).json().get("total").asLong();
    }

    protected long totalCustomers() {
        return total(null);
    }

    protected JsonNode create(Map<String, Object> customer) {
        return api.as("admin").post(RECORDS, customer).expect(201).json();
    }

    protected JsonNode read(long id) {
        return api.as("admin").get(RECORDS + "/" + id).expect(200).json();
    }

    /** Runs one query on the test's own connection and returns the first column of the first row. */
    protected long count(String sql, Object... params) {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), sql);
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Column names of a table, lower case, as the database reports them. */
    protected List<String> columns(String table) {
        try (Connection c = db.connect()) {
            List<String> out = new java.util.ArrayList<>();
            try (ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), null, table, null)) {
                while (rs.next()) {
                    out.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
                }
            }
            if (out.isEmpty()) {
                try (ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), null, table.toUpperCase(), null)) {
                    while (rs.next()) {
                        out.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
