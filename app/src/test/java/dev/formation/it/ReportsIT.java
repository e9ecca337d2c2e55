package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api.Response;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import dev.formation.testing.Listing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reports (metadata/reports) run with the viewer's row scope inside the query: who sees which
 * reports, and that the same report gives each viewer the numbers of the rows they may read.
 */
class ReportsIT extends AppTestBase {

    private static final String VISITS = "/api/forms/visit/records";
    private static final String BY_REGION = "/api/reports/visits_by_region_this_month";

    @BeforeAll
    void visitsThisYear() {
        // the demo's visits move with the load date; a few made now make sure this year has some of each
        // visits name approved customers only
        Flows flows = new Flows(api);
        long ofSales1 = flows.approveCustomer("sales1", api.as("sales1").post(RECORDS,
                Customers.valid(Customers.uniqueName("报表"))).expect(201).json().get("id").asLong());
        long ofSales2 = flows.approveCustomer("sales2", api.as("sales2").post(RECORDS,
                Customers.valid(Customers.uniqueName("报表"))).expect(201).json().get("id").asLong());
        api.as("sales1").post(VISITS, AccessMatrixIT.visit(ofSales1, "报表拜访一")).expect(201);
        api.as("sales1").post(VISITS, AccessMatrixIT.visit(ofSales1, "报表拜访二")).expect(201);
        api.as("sales2").post(VISITS, AccessMatrixIT.visit(ofSales2, "报表拜访三")).expect(201);
    }

    private Set<String> reportKeys(String user) {
        Set<String> out = new TreeSet<>();
        for (JsonNode r : api.as(user).get("/api/reports").expect(200).json()) {
            assertFalse(r.get("label").asText().isBlank(), r.toString());
            out.add(r.get("key").asText());
        }
        return out;
    }

    @Test
    void theReportListFollowsTheFormsAUserMayRead() {
        Set<String> all = reportKeys("admin");
        assertTrue(all.size() >= 30, all.toString());
        assertEquals(all, reportKeys("manager1"), "the manager reads every form");
        Set<String> sales = reportKeys("sales1");
        assertTrue(sales.contains("visits_by_region_this_month"), sales.toString());
        assertTrue(sales.contains("payments_by_month"), sales.toString());
        assertEquals(sales, reportKeys("sales2"));

        // the sales assistant reads customers, visits, follow-ups and daily reports only
        Set<String> readable = Set.of("customer", "visit", "follow_up", "daily_report");
        JsonNode assistant = api.as("assistant1").get("/api/reports").expect(200).json();
        assertTrue(assistant.size() > 0);
        for (JsonNode r : assistant) {
            assertTrue(readable.contains(r.get("form").asText()), r.toString());
        }
        Set<String> keys = reportKeys("assistant1");
        assertTrue(keys.contains("visits_by_region_this_month"));
        assertFalse(keys.contains("payments_by_month"));
        assertFalse(keys.contains("deal_amount_this_month"));
        // the contract admin has no grant on visits
        assertFalse(reportKeys("contract1").contains("visits_by_region_this_month"));
    }

    @Test
    void theReportDescribesItsParameters() {
        JsonNode report = api.as("sales1").get(BY_REGION + "?period=this_year").expect(200).json();
        assertEquals("visits_by_region_this_month", report.get("key").asText());
        assertEquals("visit", report.get("form").asText());
        int year = today().getYear();
        assertEquals(year + "-01-01", report.get("params").get("period").get("from").asText(), report.toString());
        assertEquals(year + "-12-31", report.get("params").get("period").get("to").asText());
        List<String> columns = new java.util.ArrayList<>();
        report.get("columns").forEach(c -> columns.add(c.get("key").asText()));
        assertEquals(List.of("province", "visits", "last_visit"), columns);
    }

    @Test
    void eachViewerCountsOnlyTheVisitsTheyMayRead() {
        long manager = visits("manager1", "");
        long sales1 = visits("sales1", "");
        long sales2 = visits("sales2", "");
        long leader = visits("leader1", "");

        assertEquals(readableThisYear("admin"), manager, "the manager counts every visit of the year");
        assertEquals(readableThisYear("sales1"), sales1, "sales1 counts the visits it may read");
        assertEquals(readableThisYear("sales2"), sales2);
        assertEquals(readableThisYear("leader1"), leader, "leader1 counts the team's");
        assertTrue(sales1 >= 2 && sales2 >= 1, sales1 + " / " + sales2);
        assertTrue(sales1 < manager, sales1 + " < " + manager);
        assertTrue(sales2 < manager);
        assertTrue(sales1 <= leader && leader < manager, sales1 + " <= " + leader + " < " + manager);
        // sales1's are the visits it owns: the view=mine list of the records API
        assertEquals(thisYear(Listing.all(api.as("sales1"), VISITS + "?view=mine")), sales1);
    }

    @Test
    void aParameterCannotWidenTheScope() {
        assertTrue(visits("manager1", "&owner=sales2") > 0);
        assertEquals(0, visits("sales1", "&owner=sales2"), "sales1 asking for sales2's visits gets none");
        assertEquals(visits("sales1", ""), visits("sales1", "&owner=sales1"));
    }

    @Test
    void aDetailReportListsOnlyReadableRows() {
        JsonNode manager = api.as("manager1").get("/api/reports/visit_query?period=this_year").expect(200).json();
        JsonNode sales1 = api.as("sales1").get("/api/reports/visit_query?period=this_year").expect(200).json();
        assertEquals(readableThisYear("manager1"), manager.get("rows").size());
        assertEquals(readableThisYear("sales1"), sales1.get("rows").size());
        assertTrue(manager.get("rows").toString().contains("报表拜访三"), "the manager's rows hold sales2's visit");
        assertFalse(sales1.get("rows").toString().contains("报表拜访三"), "sales1's do not");
        assertTrue(sales1.get("rows").toString().contains("报表拜访一"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"period=next_century", "period=this_decade", "period_from=2026-02-30",
        "period_to=tomorrow"})
    void aBadPeriodIs400(String query) {
        Response r = api.as("manager1").get(BY_REGION + "?" + query).expect(400);
        assertTrue(r.contentType().startsWith("application/problem+json"), r.toString());
    }

    @ParameterizedTest(name = "{0} runs {1} -> {2}")
    @CsvSource({
        "assistant1, payments_by_month,            404",
        "assistant1, deal_amount_this_month,       404",
        "contract1,  visits_by_region_this_month,  404",
        "finance1,   visits_by_region_this_month,  404",
        "sales1,     no_such_report,               404",
        "finance1,   payments_by_month,            200",
        "sales1,     payments_by_month,            200",
        "assistant1, visits_by_region_this_month,  200",
    })
    void aReportOverAFormTheUserCannotReadIs404(String user, String report, int status) {
        Response r = api.as(user).get("/api/reports/" + report).expect(status);
        if (status == 404) {
            assertFalse(r.body().contains("\"rows\""), r.toString());
        }
    }

    /** The sum of the report's visit counts for a viewer, this year. */
    private long visits(String user, String extra) {
        JsonNode report = api.as(user).get(BY_REGION + "?period=this_year" + extra).expect(200).json();
        long sum = 0;
        for (JsonNode row : report.get("rows")) {
            assertNotNull(row.get("visits"), row.toString());
            sum += row.get("visits").asLong();
        }
        return sum;
    }

    /** Visits of this year among those the records API lets the user read. */
    private long readableThisYear(String user) {
        return thisYear(Listing.readable(Listing.all(api.as(user), VISITS)));
    }

    private long thisYear(List<JsonNode> visits) {
        String year = today().getYear() + "-";
        return visits.stream().filter(v -> v.get("visit_time").asText("").startsWith(year)).count();
    }
}
