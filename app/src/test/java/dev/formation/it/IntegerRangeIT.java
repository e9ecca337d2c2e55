package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.RawHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole numbers are read exactly and checked against their column (BIGINT) before storage:
 * beyond it is a field error, never a silent wrap (2^64 − 1 stored as −1); sums of large stored
 * values are reported exactly, never a 500.
 */
class IntegerRangeIT extends AppTestBase {

    private static final String REPORTS = "/api/forms/daily_report/records";
    private RawHttp raw;
    private String token;

    @BeforeAll
    void prepare() {
        raw = new RawHttp(app.baseUrl());
        token = api.login("sales2", Api.PASSWORD);
    }

    /** The JSON text of a daily report with {@code new_customers} written as given (a literal, not a Java number). */
    private static String report(String newCustomers, String summary) {
        return "{\"summary\":\"" + summary + "\",\"plan\":\"明日计划\",\"new_customers\":" + newCustomers + "}";
    }

    private Api.Response post(String json) {
        return raw.send("POST", REPORTS, token, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"18446744073709551615", "9223372036854775808", "-9223372036854775809",
            "100000000000000000000000000000000000000", "1e30", "9.3e18"})
    void aWholeNumberBeyondTheColumnIsAFieldErrorAndStoresNothing(String literal) {
        String summary = "越界" + literal;
        Api.Response r = post(report(literal, summary));
        assertEquals(400, r.status(), r.toString());
        JsonNode error = r.json().get("errors").get(0);
        assertEquals("new_customers", error.get("field").asText(), r.body());
        assertEquals("新增客户数超出可保存的范围（-9223372036854775808 至 9223372036854775807）",
                error.get("message").asText());
        assertEquals(0, count("SELECT COUNT(*) FROM f_daily_report WHERE summary = ?", summary));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "-1e1001", "1e-1001"})
    void aNumberNoColumnCouldHoldIsRefusedWhereItIsReadNamingItsPlace(String literal) {
        String summary = "巨数" + literal;
        Api.Response r = post(report(literal, summary));
        assertEquals(400, r.status(), r.toString());
        assertEquals("new_customers", r.json().get("errors").get(0).get("field").asText(), r.body());
        Api.Response nested = raw.send("POST", "/api/forms/customer/records", api.login("admin", Api.PASSWORD),
                "application/json", ("{\"contacts\":[{\"name\":" + literal + "}]}").getBytes(StandardCharsets.UTF_8));
        assertEquals(400, nested.status(), nested.toString());
        assertEquals("contacts[0].name", nested.json().get("errors").get(0).get("field").asText(), nested.body());
        assertEquals(0, count("SELECT COUNT(*) FROM f_daily_report WHERE summary = ?", summary));
    }

    /**
     * The largest whole number a field takes is 2^53 - 1, the largest every JSON client (a
     * browser's JavaScript included) reads back unchanged; it is stored and answered exactly.
     */
    @Test
    void theLargestWholeNumberIsStoredExactly() {
        Api.Response r = post(report(LARGEST, "最大值"));
        assertEquals(201, r.status(), r.toString());
        assertEquals(Long.parseLong(LARGEST), r.json().get("new_customers").asLong());
        assertEquals(Long.parseLong(LARGEST), count("SELECT new_customers FROM f_daily_report WHERE id = ?",
                r.json().get("id").asLong()));
        Api.Response beyond = post(report("9007199254740992", "最大值加一"));
        assertEquals(400, beyond.status(), beyond.toString());
        assertEquals("new_customers", beyond.json().get("errors").get(0).get("field").asText(), beyond.body());
    }

    private static final String LARGEST = "9007199254740991";

    @Test
    void aWholeDecimalLiteralIsTheSameWholeNumber() {
        Api.Response r = post(report("1.2e3", "科学计数"));
        assertEquals(201, r.status(), r.toString());
        assertEquals(1200, r.json().get("new_customers").asLong());
    }

    @Test
    void aVersionThatWouldWrapOntoTheStoredOneIsRefusedNotAccepted() {
        long id = create(Customers.valid(Customers.uniqueName("版本"))).get("id").asLong();
        long version = read(id).get("version").asLong();
        BigInteger wrapsToIt = BigInteger.ONE.shiftLeft(64).add(BigInteger.valueOf(version));
        Api.Response r = raw.send("PATCH", RECORDS + "/" + id, api.login("admin", Api.PASSWORD), "application/json",
                ("{\"version\":" + wrapsToIt + ",\"legal_rep\":\"不该写入\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.status(), r.toString());
        assertEquals("version", r.json().get("errors").get(0).get("field").asText());
        assertTrue(read(id).path("legal_rep").isNull() || !read(id).path("legal_rep").asText().equals("不该写入"));
    }

    @Test
    void aSubTableRowIdBeyondTheRangeIsAFieldErrorNotAnotherRow() {
        Map<String, Object> customer = Customers.valid(Customers.uniqueName("行号"));
        long id = create(customer).get("id").asLong();
        JsonNode stored = read(id);
        String body = "{\"version\":" + stored.get("version").asLong() + ",\"contacts\":[{\"id\":"
                + BigInteger.ONE.shiftLeft(64).add(BigInteger.valueOf(stored.get("contacts").get(0).get("id").asLong()))
                + ",\"name\":\"改名\",\"department\":\"采购部\",\"title\":\"经理\",\"mobile\":\"13905918888\"}]}";
        Api.Response r = raw.send("PATCH", RECORDS + "/" + id, api.login("admin", Api.PASSWORD), "application/json",
                body.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.status(), r.toString());
        assertEquals("contacts[0].id", r.json().get("errors").get(0).get("field").asText(), r.body());
        assertEquals("林晓峰", read(id).get("contacts").get(0).get("name").asText());
    }

    @Test
    void aNotificationIdOrTaskVersionBeyondTheRangeIsA400() {
        Api.Response r = raw.send("POST", "/api/notifications/read", token, "application/json",
                "{\"id\":18446744073709551615}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.status(), r.toString());
        assertEquals("id", r.json().get("errors").get(0).get("field").asText());
    }

    @Test
    void sumsOfTheLargestStoredValuesAreReportedExactlyAndTheDashboardRenders() {
        String salesperson = "sales1";
        String sales1 = api.login(salesperson, Api.PASSWORD);
        for (int i = 0; i < 2; i++) {
            Api.Response r = raw.send("POST", REPORTS, sales1, "application/json",
                    report(LARGEST, "大数汇总" + i).getBytes(StandardCharsets.UTF_8));
            assertEquals(201, r.status(), r.toString());
        }
        JsonNode run = api.as(salesperson).get("/api/reports/my_business_this_month").expect(200).json();
        BigInteger sum = BigInteger.ZERO;
        for (JsonNode row : run.get("rows")) {
            sum = sum.add(row.get("new_customers").bigIntegerValue());
        }
        assertTrue(sum.compareTo(new BigInteger(LARGEST).multiply(BigInteger.TWO)) >= 0, run.toString());
        api.as(salesperson).get("/dashboards/my_sales").expect(200);
        api.as("manager1").get("/dashboards/sales_overview").expect(200);
        api.as("manager1").get("/api/reports/business_by_salesperson_this_month").expect(200);
        for (String format : List.of("pdf", "xlsx", "csv")) {
            api.as("manager1").get("/api/reports/business_by_salesperson_this_month/export?format=" + format).expect(200);
        }
    }

    @Test
    void aDecimalStaysExactThroughTheBody() {
        Api.Response r = post("{\"summary\":\"小数\",\"plan\":\"计划\",\"deal_amount\":0.10,\"new_customers\":0}");
        assertEquals(201, r.status(), r.toString());
        assertEquals("0.10", r.json().get("deal_amount").decimalValue().setScale(2).toPlainString());
    }
}
