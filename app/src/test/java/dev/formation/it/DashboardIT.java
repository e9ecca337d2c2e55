package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.AppTestBase;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard page: charts from JasperReports in the shell, each viewer's own numbers. */
class DashboardIT extends AppTestBase {

    @Test
    void theManagerDashboardShowsChartsWithDemoData() {
        String html = api.as("manager1").get("/dashboards/sales_overview").expect(200).body();
        int charts = html.split("data:image/png", -1).length - 1;
        assertTrue(charts >= 5, "chart images on the page: " + charts);
        assertTrue(html.contains("id=\"widget-"), "widgets are laid out");
    }

    @Test
    void aSalespersonSeesOnlyTheirNumbersOnTheSameDashboard() {
        // "this month" holds whatever the demo dated in it, which is nothing on the first of a
        // month: each salesperson records a payment dated on the app's today, so both totals are
        // known to be non-zero and different, on any date the clock stands at.
        paymentToday("sales1", "1234.56");
        paymentToday("sales2", "2345.67");
        BigDecimal all = amount("manager1");
        BigDecimal mine = amount("sales1");
        assertTrue(mine.signum() > 0 && mine.compareTo(all) < 0, "sales1 " + mine + " vs manager1 " + all);
        String managerPage = api.as("manager1").get("/dashboards/sales_overview").expect(200).body();
        String salesPage = api.as("sales1").get("/dashboards/sales_overview").expect(200).body();
        assertTrue(managerPage.contains(format(all)), "manager page shows " + format(all));
        assertTrue(salesPage.contains(format(mine)), "sales1 page shows " + format(mine));
        assertFalse(salesPage.contains(format(all)), "sales1 page must not show the manager's total");
    }

    @Test
    void aDashboardShowsAChangeRightAfterIt() {
        // the report cache must not hand back the numbers from before the viewer's own change
        String before = api.as("sales2").get("/dashboards/sales_overview").expect(200).body();
        BigDecimal mine = amount("sales2");
        paymentToday("sales2", "777.77");
        BigDecimal after = amount("sales2");
        assertEquals(0, mine.add(new BigDecimal("777.77")).compareTo(after), mine + " + 777.77 vs " + after);
        String page = api.as("sales2").get("/dashboards/sales_overview").expect(200).body();
        assertTrue(before.contains(format(mine)), "the page showed " + format(mine) + " before");
        assertTrue(page.contains(format(after)), "the page shows " + format(after) + " after the payment");
    }

    @Test
    void anUnknownDashboardIsNotFound() {
        assertEquals(404, api.as("manager1").get("/dashboards/nosuch").status());
    }

    /** A payment on one of the salesperson's own deals (the deal of their first payment), dated today. */
    private void paymentToday(String salesperson, String amount) {
        JsonNode theirs = api.as(salesperson).get("/api/forms/payment/records?view=mine&size=1").expect(200).json()
                .get("items").get(0);
        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put("customer", theirs.get("customer").asLong());
        payment.put("deal", theirs.get("deal").asLong());
        payment.put("payment_type", "progress");
        payment.put("payment_date", LocalDate.now(app.context().getBean(Clock.class)).toString());
        payment.put("amount", new BigDecimal(amount));
        payment.put("method", "bank_transfer");
        api.as(salesperson).post("/api/forms/payment/records", payment).expect(201);
    }

    private BigDecimal amount(String user) {
        JsonNode run = api.as(user).get("/api/reports/payment_amount_this_month").expect(200).json();
        JsonNode rows = run.get("rows");
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode row : rows) {
            for (JsonNode column : run.get("columns")) {
                if (!column.get("type").asText().equals("text")) {
                    sum = sum.add(row.get(column.get("key").asText()).decimalValue());
                }
            }
        }
        return sum;
    }

    /** The renderer's money format: thousands separators and two decimals. */
    private static String format(BigDecimal amount) {
        return String.format(java.util.Locale.ROOT, "%,.2f", amount);
    }
}
