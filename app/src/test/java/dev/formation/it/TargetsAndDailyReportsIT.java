package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import dev.formation.testing.PageClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static dev.formation.it.CustomerCreateIT.assertProblem400;
import static dev.formation.it.CustomerCreateIT.errorFields;
import static dev.formation.it.CustomerCreateIT.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped CRM's sales targets and daily reports on the generic capabilities: a form's
 * {@code noOverlap} (no two targets of one person and kind of period overlap, 400 on the start
 * date, also when two are saved at once), the {@code end >= start} rule, a target's live
 * {@code progress} from the person's customers, visits, deals and payments in its period, the
 * owner reading their own target, and the daily report's {@code daySummary} filling a new report
 * from the author's records of the day (and nobody else's). Every date comes from the app's clock.
 */
class TargetsAndDailyReportsIT extends AppTestBase {

    private static final String TARGETS = "/api/forms/sales_target/records";
    private static final String VISITS = "/api/forms/visit/records";
    private static final String FOLLOW_UPS = "/api/forms/follow_up/records";
    private static final String DEALS = "/api/forms/deal/records";
    private static final String PAYMENTS = "/api/forms/payment/records";
    private static final String BLANK_REPORT = "/api/forms/daily_report/records/new";

    private Flows flows;
    private PageClient pages;

    @BeforeAll
    void setUp() {
        flows = new Flows(api);
        pages = new PageClient(api);
    }

    /** A salesperson of team East (leader1's team) no demo record belongs to. */
    private String newSalesperson(String prefix) {
        String username = prefix + (System.nanoTime() % 1_000_000_000L);
        api.as("admin").post("/api/users", Map.of("username", username, "name", "测试" + username,
                "email", username + "@formation-demo.example.com", "password", Api.PASSWORD, "department", "team_east",
                "supervisor", "leader1", "roles", List.of("salesperson"))).expect(201);
        return username;
    }

    private static Map<String, Object> target(String owner, String period, LocalDate start, LocalDate end) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", "指标" + System.nanoTime());
        t.put("owner", owner);
        t.put("department", "team_east");
        t.put("period", period);
        t.put("start_date", start.toString());
        t.put("end_date", end.toString());
        t.put("target_new_customers", 4);
        t.put("target_visits", 8);
        t.put("target_deal_amount", new BigDecimal("200000"));
        t.put("target_payment_amount", new BigDecimal("50000"));
        return t;
    }

    /** A month far from the demo's targets and from other tests' (each test its own year). */
    private LocalDate farMonth(int years) {
        return today().plusYears(years).withDayOfMonth(1);
    }

    // ---- noOverlap and the end >= start rule ----

    @Test
    void aSecondTargetOfTheSamePersonAndPeriodKindThatOverlapsIsRefusedOnItsStartDate() {
        LocalDate month = farMonth(30);
        LocalDate last = month.withDayOfMonth(month.lengthOfMonth());
        JsonNode first = api.as("manager1").post(TARGETS, target("sales1", "month", month, last)).expect(201).json();

        Api.Response en = api.as("manager1").english().post(TARGETS, target("sales1", "month", month.plusDays(10),
                last.plusDays(10)));
        assertProblem400(en);
        assertEquals(List.of("start_date"), errorFields(en), en.body());
        assertEquals("This salesperson already has a target of this kind in the period", message(en, "start_date"));
        Api.Response zh = api.as("manager1").post(TARGETS, target("sales1", "month", month.minusDays(3), month));
        assertProblem400(zh);
        assertEquals("该业务人员在此期间已有同类指标", message(zh, "start_date"));

        // another person, another kind of period, or the days after: no overlap
        api.as("manager1").post(TARGETS, target("sales2", "month", month, last)).expect(201);
        api.as("manager1").post(TARGETS, target("sales1", "quarter", month, month.plusMonths(3).minusDays(1)))
                .expect(201);
        JsonNode next = api.as("manager1").post(TARGETS, target("sales1", "month", last.plusDays(1),
                last.plusMonths(1))).expect(201).json();

        // a change that moves a target onto another one is refused too; one that keeps it clear is not
        String path = TARGETS + "/" + next.get("id").asLong();
        Api.Response moved = api.as("manager1").patch(path, Map.of("version", next.get("version").asLong(),
                "start_date", last.toString()));
        assertProblem400(moved);
        assertEquals(List.of("start_date"), errorFields(moved), moved.body());
        api.as("manager1").patch(path, Map.of("version", next.get("version").asLong(), "remark", "调整说明"))
                .expect(200);

        // a deleted target no longer holds its days
        api.as("admin").delete(TARGETS + "/" + first.get("id").asLong() + "?version="
                + first.get("version").asLong()).expect(204);
        api.as("manager1").post(TARGETS, target("sales1", "month", month, last)).expect(201);
    }

    @Test
    void twoOverlappingTargetsSavedAtOnceGiveOneTargetAndOneFieldError() throws Exception {
        for (int round = 0; round < 5; round++) {
            LocalDate month = farMonth(40 + round);
            LocalDate last = month.withDayOfMonth(month.lengthOfMonth());
            List<Callable<Api.Response>> calls = List.of(
                    () -> api.as("manager1").post(TARGETS, target("sales2", "month", month, last)),
                    () -> api.as("admin").post(TARGETS, target("sales2", "month", month.plusDays(5), last)));
            List<Integer> statuses = FlowRaceIT.together(calls);
            assertEquals(List.of(201, 400), statuses.stream().sorted().toList(), "round " + round + ": " + statuses);
        }
    }

    @Test
    void aTargetThatEndsBeforeItStartsIsRefusedOnItsEndDate() {
        LocalDate month = farMonth(32);
        Api.Response en = api.as("manager1").english().post(TARGETS, target("sales1", "month", month,
                month.minusDays(1)));
        assertProblem400(en);
        assertEquals(List.of("end_date"), errorFields(en), en.body());
        assertEquals("The end date must not be before the start date", message(en, "end_date"));
        Api.Response zh = api.as("manager1").post(TARGETS, target("sales1", "month", month, month.minusDays(1)));
        assertEquals("结束日期不得早于开始日期", message(zh, "end_date"));
    }

    // ---- the owner reads their own target ----

    @Test
    void theSalespersonReadsTheirOwnTargetAndNotAnotherOnes() {
        LocalDate month = farMonth(33);
        LocalDate last = month.withDayOfMonth(month.lengthOfMonth());
        long mine = api.as("manager1").post(TARGETS, target("sales1", "month", month, last)).expect(201).json()
                .get("id").asLong();
        long theirs = api.as("manager1").post(TARGETS, target("sales2", "month", month, last)).expect(201).json()
                .get("id").asLong();

        JsonNode read = api.as("sales1").get(TARGETS + "/" + mine).expect(200).json();
        assertEquals("sales1", read.get("owner").asText());
        assertTrue(read.get("progress").isArray(), read.toString());
        api.as("sales1").get(TARGETS + "/" + theirs).expect(404);
        assertTrue(pages.get("sales1", "/forms/sales_target/" + mine).expect(200).body().contains("data-progress"));
        // the team leader reads the targets of the team's people
        api.as("leader1").get(TARGETS + "/" + mine).expect(200);
    }

    // ---- progress ----

    private long activeCustomer(String owner, String name) {
        long id = api.as(owner).post(RECORDS, Customers.valid(name)).expect(201).json().get("id").asLong();
        return flows.approveCustomer(owner, id);
    }

    private void visit(String owner, long customer, String purpose, LocalDate day) {
        Map<String, Object> v = AccessMatrixIT.visit(customer, purpose);
        v.put("visit_time", day.atTime(10, 0).toString());
        api.as(owner).post(VISITS, v).expect(201);
    }

    private long deal(String owner, long customer, String name, String amount, LocalDate day, boolean signed) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("contract_name", name);
        d.put("contract_no", "MB" + System.nanoTime());
        d.put("customer", customer);
        d.put("deal_date", day.toString());
        d.put("amount", new BigDecimal(amount));
        d.put("items", List.of(Map.of("product", "CRM 软件", "quantity", 1, "unit_price", new BigDecimal(amount))));
        long id = api.as(owner).post(DEALS, d).expect(201).json().get("id").asLong();
        if (signed) {
            long instance = flows.act(owner, "deal", id, "submit", Map.of()).expect(200).json().get("id").asLong();
            for (String approver : List.of("leader1", "finance1")) {
                flows.task(approver, flows.pendingTask(approver, instance), "approve", Map.of("comment", "同意"))
                        .expect(200);
            }
        }
        return id;
    }

    private void payment(String owner, long customer, long deal, String amount, LocalDate day) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("customer", customer);
        p.put("deal", deal);
        p.put("payment_date", day.toString());
        p.put("amount", new BigDecimal(amount));
        p.put("method", "bank_transfer");
        api.as(owner).post(PAYMENTS, p).expect(201);
    }

    private static JsonNode measure(JsonNode target, String key) {
        for (JsonNode m : target.get("progress")) {
            if (m.get("key").asText().equals(key)) {
                return m;
            }
        }
        throw new AssertionError("no measure " + key + " in " + target);
    }

    private static void assertMeasure(JsonNode target, String key, String goal, String actual, String percent) {
        JsonNode m = measure(target, key);
        assertEquals(0, new BigDecimal(goal).compareTo(m.get("goal").decimalValue()), m.toString());
        assertEquals(0, new BigDecimal(actual).compareTo(m.get("actual").decimalValue()), m.toString());
        assertEquals(0, new BigDecimal(percent).compareTo(m.get("percent").decimalValue()), m.toString());
    }

    @Test
    void aTargetShowsTheProgressOfItsPersonInItsPeriod() {
        String person = newSalesperson("pg");
        LocalDate today = today();
        LocalDate start = today.minusDays(2);
        LocalDate end = today.plusDays(2);
        long target = api.as("manager1").post(TARGETS, target(person, "month", start, end)).expect(201).json()
                .get("id").asLong();

        long customer = activeCustomer(person, Customers.uniqueName("进度客户"));
        visit(person, customer, "进度拜访一", today);
        visit(person, customer, "进度拜访二", start);
        visit(person, customer, "期前拜访", start.minusDays(1));
        long signed = deal(person, customer, "进度合同" + System.nanoTime(), "50000", today, true);
        deal(person, customer, "草稿合同" + System.nanoTime(), "70000", today, false);
        deal(person, customer, "期后合同" + System.nanoTime(), "90000", end.plusDays(1), true);
        payment(person, customer, signed, "12500", today);
        payment(person, customer, signed, "1000", end.plusDays(3));
        // another salesperson's records in the same days count for them, not for this target
        long other = activeCustomer("sales2", Customers.uniqueName("他人客户"));
        visit("sales2", other, "他人拜访", today);

        JsonNode read = api.as(person).english().get(TARGETS + "/" + target).expect(200).json();
        assertMeasure(read, "new_customers", "4", "1", "25");
        assertMeasure(read, "visits", "8", "2", "25");
        // only the signed deal of the period: not the draft, not the one after the end
        assertMeasure(read, "deal_amount", "200000", "50000", "25");
        assertMeasure(read, "payment_amount", "50000", "12500", "25");
        assertEquals("Visits", measure(read, "visits").get("label").asText());
        assertEquals("拜访次数", measure(api.as("manager1").get(TARGETS + "/" + target).expect(200).json(), "visits")
                .get("label").asText());

        // sent back with a change, the computed progress is ignored
        api.as("manager1").patch(TARGETS + "/" + target, Map.of("version", read.get("version").asLong(),
                "progress", read.get("progress"), "remark", "进度")).expect(200);

        String page = pages.get("manager1", "/forms/sales_target/" + target).expect(200).body();
        assertTrue(page.contains("data-progress=\"deal_amount\""), page);
        assertTrue(page.contains("25.0%"), page);

        // a target without a goal has no percent
        JsonNode none = api.as("manager1").post(TARGETS, target(person, "quarter", start, end)).expect(201).json();
        api.as("manager1").patch(TARGETS + "/" + none.get("id").asLong(), Map.of("version",
                none.get("version").asLong(), "target_visits", 0)).expect(200);
        JsonNode zero = measure(api.as("manager1").get(TARGETS + "/" + none.get("id").asLong()).expect(200).json(),
                "visits");
        assertEquals(2, zero.get("actual").asInt(), zero.toString());
        assertTrue(zero.get("percent").isNull(), zero.toString());
    }

    // ---- the daily report's summary of the day ----

    @Test
    void aNewDailyReportIsFilledWithTheAuthorsRecordsOfTheDayAndNoOneElses() {
        String author = newSalesperson("dr");
        LocalDate today = today();
        String name = Customers.uniqueName("日报客户");
        long customer = activeCustomer(author, name);
        visit(author, customer, "日报当天拜访", today);
        visit(author, customer, "日报昨天拜访", today.minusDays(1));
        api.as(author).post(FOLLOW_UPS, Map.of("customer", customer, "subject", "日报电话回访", "method", "phone",
                "follow_up_time", today.atTime(15, 30).toString(), "content", "沟通需求")).expect(201);
        long signed = deal(author, customer, "日报合同" + System.nanoTime(), "30000", today, true);
        payment(author, customer, signed, "8000", today);
        long other = activeCustomer("sales2", Customers.uniqueName("别人客户"));
        visit("sales2", other, "别人当天拜访", today);

        JsonNode blank = api.as(author).get(BLANK_REPORT).expect(200).json();
        assertEquals(today.toString(), blank.get("report_date").asText());
        assertEquals(author, blank.get("owner").asText());
        assertEquals(1, blank.get("new_customers").asInt(), blank.toString());
        assertEquals(1, blank.get("visits_count").asInt(), blank.toString());
        assertEquals(1, blank.get("follow_ups_count").asInt(), blank.toString());
        assertEquals(0, new BigDecimal("30000").compareTo(blank.get("deal_amount").decimalValue()), blank.toString());
        assertEquals(0, new BigDecimal("8000").compareTo(blank.get("payment_amount").decimalValue()), blank.toString());
        String summary = blank.get("summary").asText();
        assertTrue(summary.contains("新增客户（1）：" + name), summary);
        assertTrue(summary.contains("拜访（1）：" + name + " 日报当天拜访"), summary);
        assertTrue(summary.contains("跟进（1）：" + name + " 日报电话回访"), summary);
        assertTrue(summary.contains("回款（1）：" + name + " 8000"), summary);
        assertFalse(summary.contains("日报昨天拜访"), summary);
        assertFalse(summary.contains("别人当天拜访"), summary);
        assertTrue(api.as(author).english().get(BLANK_REPORT).expect(200).json().get("summary").asText()
                .contains("Visits (1): " + name), "in the reader's language");

        // another day on request (the page reopened for another report date)
        JsonNode yesterday = api.as(author).get(BLANK_REPORT + "?day=" + today.minusDays(1)).expect(200).json();
        assertEquals(today.minusDays(1).toString(), yesterday.get("report_date").asText());
        assertEquals(1, yesterday.get("visits_count").asInt(), yesterday.toString());
        assertTrue(yesterday.get("summary").asText().contains("日报昨天拜访"), yesterday.toString());
        assertEquals(0, yesterday.get("new_customers").asInt(), yesterday.toString());
        Api.Response notADay = api.as(author).english().get(BLANK_REPORT + "?day=yesterday");
        assertProblem400(notADay);
        assertEquals(List.of("report_date"), errorFields(notADay), notADay.body());
        assertTrue(pages.get(author, "/forms/daily_report/new?day=" + today.minusDays(1)).expect(200).body()
                .contains("日报昨天拜访"));

        // the new page opens with it, and what is saved is what the author leaves there
        String page = pages.get(author, "/forms/daily_report/new").expect(200).body();
        assertTrue(page.contains("日报当天拜访"), page);
        assertTrue(page.contains("已按 " + today + " 的业务记录自动汇总"), page);
        JsonNode saved = api.as(author).post("/api/forms/daily_report/records", Map.of("report_date", today.toString(),
                "summary", "改写后的总结", "plan", "明日继续跟进", "visits_count", 3)).expect(201).json();
        assertEquals("改写后的总结", saved.get("summary").asText());
        assertEquals(3, saved.get("visits_count").asInt());

        // someone with nothing that day gets zeros and empty lines
        JsonNode empty = api.as(newSalesperson("de")).get(BLANK_REPORT).expect(200).json();
        assertEquals(0, empty.get("visits_count").asInt(), empty.toString());
        assertTrue(empty.get("summary").asText().contains("拜访（0）"), empty.toString());
        // a form without daySummary answers its plain defaults; no create permission is a 403
        JsonNode plainVisit = api.as(author).get("/api/forms/visit/records/new").expect(200).json();
        assertNull(plainVisit.get("summary"), plainVisit.toString());
        api.as(author).get("/api/forms/sales_target/records/new").expect(403);
    }
}
