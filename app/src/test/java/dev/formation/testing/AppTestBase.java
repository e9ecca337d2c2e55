package dev.formation.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

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

    // ---- the app's time: CI starts the app's clock on chosen dates, so tests compare with it ----

    protected Clock clock() {
        return app.context().getBean(Clock.class);
    }

    protected LocalDate today() {
        return LocalDate.now(clock());
    }

    protected LocalDateTime now() {
        return LocalDateTime.now(clock());
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
        return db.queryLong(sql, params);
    }
}
