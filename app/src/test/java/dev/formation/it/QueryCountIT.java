package dev.formation.it;

import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading a record costs the same number of queries whatever the number of its sub-table rows
 * (one for the record, one per table field), i.e. no query per row. Counted by the database
 * itself: H2's QUERY_STATISTICS (statements on the customer tables), or on MariaDB the server's
 * Com_select counter (the least of three tries, so another client's query cannot inflate it).
 */
class QueryCountIT extends AppTestBase {

    /** MariaDB's SELECT counter is global: the metadata watcher's poll each second would count too. */
    @Override
    protected Map<String, Object> overrides(java.nio.file.Path tempDir) {
        return Map.of("formation.metadata.watch-interval", "1h");
    }

    @Test
    void loadingARecordWithRowsCostsAConstantNumberOfQueries() throws Exception {
        long one = customerWithContacts(1);
        long many = customerWithContacts(40);
        assertEquals(40, read(many).get("contacts").size());

        long forOne = queriesToLoad(one);
        long forMany = queriesToLoad(many);
        assertEquals(forOne, forMany, "queries for a record with 1 contact vs 40 contacts");
        assertTrue(forOne >= 2 && forOne <= 6, "one query for the row plus one per table field, a few at most: " + forOne);
    }

    private long customerWithContacts(int rows) {
        Map<String, Object> input = Customers.valid(Customers.uniqueName("查询" + rows));
        List<Object> contacts = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            contacts.add(Customers.contact("联系人" + i, Customers.mobile(i)));
        }
        input.put("contacts", contacts);
        return create(input).get("id").asLong();
    }

    private long queriesToLoad(long id) throws SQLException {
        read(id); // warm-up: token, caches
        long least = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3; attempt++) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                long before = counter(s, true);
                read(id);
                least = Math.min(least, counter(s, false) - before);
            }
        }
        return least;
    }

    /** H2: statements that touched the customer tables since the reset; MariaDB: the global SELECT count. */
    private long counter(Statement s, boolean reset) throws SQLException {
        if (db.h2()) {
            if (reset) {
                s.execute("SET QUERY_STATISTICS FALSE");
                s.execute("SET QUERY_STATISTICS TRUE");
                return 0;
            }
            try (ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(EXECUTION_COUNT), 0) FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
                    + " WHERE LOWER(SQL_STATEMENT) LIKE '%f_customer%' AND SQL_STATEMENT NOT LIKE '%QUERY_STATISTICS%'")) {
                rs.next();
                return rs.getLong(1);
            }
        }
        try (ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Com_select'")) {
            rs.next();
            return rs.getLong(2);
        }
    }
}
