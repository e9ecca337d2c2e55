package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.AppTestBase;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

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
    void anUnknownDashboardIsNotFound() {
        assertEquals(404, api.as("manager1").get("/dashboards/nosuch").status());
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
