package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api.Response;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Auto-number codes under concurrent creates. */
class AutoNumberIT extends AppTestBase {

    private static final int CREATES = 50;

    @Test
    void fiftyConcurrentCreatesGetFiftyDistinctCodes() throws Exception {
        long before = totalCustomers();
        api.as("admin"); // log in once, before the threads start
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CREATES);
        List<Future<Response>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < CREATES; i++) {
                String name = Customers.uniqueName("并发" + i + "号");
                futures.add(pool.submit(() -> {
                    start.await();
                    return api.as("admin").post(RECORDS, Customers.valid(name));
                }));
            }
            start.countDown();
            Set<String> codes = new HashSet<>();
            Set<Long> ids = new HashSet<>();
            for (Future<Response> f : futures) {
                JsonNode created = f.get(120, TimeUnit.SECONDS).expect(201).json();
                String code = created.get("code").asText();
                CustomerCreateIT.assertCustomerCode(code, today());
                codes.add(code);
                ids.add(created.get("id").asLong());
            }
            assertEquals(CREATES, codes.size(), "distinct codes: " + codes);
            assertEquals(CREATES, ids.size());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before + CREATES, totalCustomers());
        assertEquals(0, count("SELECT COUNT(*) FROM (SELECT code FROM f_customer GROUP BY code HAVING COUNT(*) > 1) d"),
                "no code twice in the table");
    }

    @Test
    void sequentialCreatesCountUpWithinTheDay() {
        List<Integer> seqs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String code = create(Customers.valid(Customers.uniqueName("顺序"))).get("code").asText();
            CustomerCreateIT.assertCustomerCode(code, today());
            seqs.add(Integer.parseInt(code.substring(10)));
        }
        assertTrue(seqs.get(0) < seqs.get(1) && seqs.get(1) < seqs.get(2), "increasing: " + seqs);
    }
}
