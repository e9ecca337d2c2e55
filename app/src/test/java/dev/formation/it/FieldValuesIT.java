package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api;
import dev.formation.testing.Api.Response;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.Flows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.formation.it.CustomerCreateIT.assertProblem400;
import static dev.formation.it.CustomerCreateIT.errorFields;
import static dev.formation.it.CustomerCreateIT.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values at the edge of what a field holds: numbers beyond their column, computed values that
 * overflow, characters outside the BMP, dates outside the supported years, control characters
 * and lone surrogates, and rules over two fields. Each is a field-level 400 (or a 201 when it
 * fits), never a 500, and nothing is stored for a refused record.
 */
class FieldValuesIT extends AppTestBase {

    private static final String DEALS = "/api/forms/deal/records";
    private static final String TARGETS = "/api/forms/sales_target/records";
    private static final String VISITS = "/api/forms/visit/records";

    /** 𠮷 (U+20BB7) is one character but two UTF-16 units. */
    private static final String ASTRAL = "\uD842\uDFB7";

    private long customer;

    @BeforeAll
    void activeCustomer() {
        customer = new Flows(api).approveCustomer("sales1", api.as("sales1").post(RECORDS,
                Customers.valid(Customers.uniqueName("取值"))).expect(201).json().get("id").asLong());
    }

    private Map<String, Object> deal(Object quantity, Object unitPrice, Object amount) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("contract_name", "取值测试合同" + System.nanoTime());
        d.put("contract_no", "QZ" + System.nanoTime());
        d.put("customer", customer);
        d.put("deal_date", "2026-11-20");
        d.put("amount", amount);
        d.put("items", List.of(Map.of("product", "CRM 软件", "quantity", quantity, "unit_price", unitPrice)));
        return d;
    }

    private Map<String, Object> target(String start, String end) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", "指标" + System.nanoTime());
        t.put("owner", "sales1");
        t.put("period", "month");
        t.put("start_date", start);
        t.put("end_date", end);
        t.put("target_new_customers", 5);
        t.put("target_visits", 20);
        t.put("target_deal_amount", new BigDecimal("500000"));
        t.put("target_payment_amount", new BigDecimal("300000"));
        return t;
    }

    private Map<String, Object> visit(String time) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("customer", customer);
        v.put("contact_name", "林晓峰");
        v.put("visit_time", time);
        v.put("visit_type", "routine");
        v.put("purpose", "需求沟通" + System.nanoTime());
        v.put("location", Map.of("text", "福州市鼓楼区五四路158号"));
        v.put("summary", "沟通了二期需求");
        return v;
    }

    private long rows(String table) {
        return count("SELECT COUNT(*) FROM " + table);
    }

    /** Asserts a 400 with an error on the field (and, in English, a message containing the words). */
    private void assertRefused(String path, Object body, String field, String words) {
        long before = rows(table(path));
        Response r = api.as("admin").english().post(path, body);
        assertProblem400(r);
        assertTrue(errorFields(r).contains(field), "expected an error on " + field + ": " + r.body());
        assertTrue(message(r, field).contains(words), "message of " + field + ": " + r.body());
        assertEquals(before, rows(table(path)), "nothing stored");
    }

    private static String table(String path) {
        return "f_" + path.split("/")[3];
    }

    @Test
    void moneyBeyondWhatItsColumnHoldsIsAFieldErrorNamingTheLimit() {
        assertRefused(DEALS, deal(1, 100, new BigDecimal("1E+20")), "amount", "at most 9999999999999.99");
        assertRefused(DEALS, deal(1, 100, new BigDecimal("10000000000000")), "amount", "at most 9999999999999.99");
        Map<String, Object> t = target("2026-10-01", "2026-12-31");
        t.put("target_payment_amount", new BigDecimal("1E+20"));
        assertRefused(TARGETS, t, "target_payment_amount", "at most 9999999999999.99");

        JsonNode largest = api.as("admin").post(DEALS, deal(1, new BigDecimal("9999999999999.99"),
                new BigDecimal("9999999999999.99"))).expect(201).json();
        assertEquals(new BigDecimal("9999999999999.99"), largest.get("amount").decimalValue());
        assertEquals(new BigDecimal("9999999999999.99"), largest.get("items_total").decimalValue());
    }

    @Test
    void aComputedValueThatOverflowsIsAnErrorOnTheComputedFieldAndNothingIsStored() {
        long rowsBefore = rows("f_deal__items");
        assertRefused(DEALS, deal(new BigDecimal("9999999999999"), new BigDecimal("9999999999999.99"), 1),
                "items[0].subtotal", "Subtotal must be at most 9999999999999.99");
        assertEquals(rowsBefore, rows("f_deal__items"), "no line items stored");
    }

    @Test
    void aCharacterOutsideTheBmpCountsAsOneInAnIndexedColumn() {
        Map<String, Object> c = Customers.valid(ASTRAL.repeat(200));
        c.put("legal_rep", ASTRAL.repeat(50));
        JsonNode created = api.as("admin").post(RECORDS, c).expect(201).json();
        assertEquals(ASTRAL.repeat(200), created.get("name").asText());
        assertEquals(ASTRAL.repeat(50), read(created.get("id").asLong()).get("legal_rep").asText());

        assertRefused(RECORDS, Customers.valid(ASTRAL.repeat(201)), "name", "at most 200 characters");
    }

    @Test
    void aTargetThatEndsBeforeItStartsIsRefusedOnItsEndDate() {
        assertRefused(TARGETS, target("2026-10-01", "2026-09-30"), "end_date",
                "The end date must not be before the start date");
        Response zh = api.as("admin").post(TARGETS, target("2026-10-01", "2026-09-30"));
        assertEquals("结束日期不得早于开始日期", message(zh, "end_date"));

        JsonNode oneDay = api.as("admin").post(TARGETS, target("2026-10-01", "2026-10-01")).expect(201).json();
        assertEquals(1, oneDay.get("period_days").asInt());
    }

    @Test
    void aContractThatEndsBeforeItStartsIsRefused() {
        Map<String, Object> d = deal(1, 100, 100);
        d.put("start_date", "2026-12-01");
        d.put("end_date", "2026-11-30");
        assertRefused(DEALS, d, "end_date", "contract end must not be before the contract start");
    }

    @ParameterizedTest(name = "founded on {0}")
    @ValueSource(strings = {"0000-01-01", "0999-12-31", "-2000-01-01", "10000-01-01"})
    void aDateOutsideTheYears1000To9999IsRefused(String date) {
        Map<String, Object> c = Customers.valid(Customers.uniqueName("日期"));
        c.put("founded_on", date);
        assertRefused(RECORDS, c, "founded_on", "not a valid date");
    }

    @Test
    void theFirstAndLastSupportedDaysAreStored() {
        for (String date : List.of("1000-01-01", "9999-12-31")) {
            Map<String, Object> c = Customers.valid(Customers.uniqueName("日期"));
            c.put("founded_on", date);
            assertEquals(date, api.as("admin").post(RECORDS, c).expect(201).json().get("founded_on").asText());
        }
        assertEquals("9999-12-31T23:59:59",
                api.as("admin").post(VISITS, visit("9999-12-31T23:59:59")).expect(201).json().get("visit_time").asText());
    }

    @ParameterizedTest(name = "visit at {0}")
    @ValueSource(strings = {"0000-01-01T09:00", "2026-01-01T24:00", "2026-01-01T25:00", "2026-02-30T10:00"})
    void aDateTimeOutsideTheCalendarOrTheSupportedYearsIsRefused(String time) {
        assertRefused(VISITS, visit(time), "visit_time", "not a valid date and time");
    }

    /** JSON with the text at {@code field} replaced by a raw JSON string body (escapes allowed). */
    private static String withRawText(Map<String, Object> record, String field, String jsonStringBody) {
        record.put(field, "@@RAW@@");
        return Api.toJson(record).replace("\"@@RAW@@\"", "\"" + jsonStringBody + "\"");
    }

    @ParameterizedTest(name = "legal_rep \"{0}\"")
    @ValueSource(strings = {"张\\u0000三", "张\\ud800三", "\\udc00", "张\\ud842", "张\\t三", "张\\n三", "张\\u007f三",
            "张\\u0085三", "张\\u001f三"})
    void aControlCharacterOrALoneSurrogateInTextIsAFieldError(String text) {
        String body = withRawText(Customers.valid(Customers.uniqueName("字符")), "legal_rep", text);
        assertRefused(RECORDS, body, "legal_rep", "characters that are not allowed");
    }

    @Test
    void aControlCharacterInATableRowIsAnErrorOnThatCell() {
        Map<String, Object> c = Customers.valid(Customers.uniqueName("字符"));
        String body = Api.toJson(c).replace("\"林晓峰\"", "\"林\\u0000晓峰\"");
        assertRefused(RECORDS, body, "contacts[0].name", "characters that are not allowed");
    }

    @Test
    void multiLineTextKeepsLineBreaksAndTabsButNotOtherControlCharacters() {
        Map<String, Object> v = visit("2026-11-20T10:00:00");
        String summary = "第一行\r\n\t第二行缩进\n第三行" + ASTRAL;
        v.put("summary", summary);
        JsonNode created = api.as("admin").post(VISITS, v).expect(201).json();
        assertEquals(summary, created.get("summary").asText());

        assertRefused(VISITS, withRawText(visit("2026-11-20T10:00:00"), "summary", "第一行\\n\\u0000"), "summary",
                "characters that are not allowed");
    }

    @Test
    void textIsTrimmedOfUnicodeWhiteSpaceAndBlankTextIsMissing() {
        Map<String, Object> c = Customers.valid(Customers.uniqueName("空白"));
        c.put("legal_rep", "\u3000 王五\u00a0\n");
        assertEquals("王五", api.as("admin").post(RECORDS, c).expect(201).json().get("legal_rep").asText());

        Map<String, Object> blank = Customers.valid("\u3000\u2003\ufeff");
        assertRefused(RECORDS, blank, "name", "is required");
    }

    /** Comments on a flow are text too: refused with a field error, and clipped without halving a character. */
    @Test
    void aFlowCommentWithALoneSurrogateIsRefusedAndALongOneIsClippedByCharacters() {
        Flows flows = new Flows(api);
        long id = api.as("sales1").post(RECORDS, Customers.valid(Customers.uniqueName("意见"))).expect(201).json()
                .get("id").asLong();
        long instance = flows.act("sales1", "customer", id, "submit", Map.of("assignee", "contract1")).expect(200)
                .json().get("id").asLong();
        String comments = "/api/flows/instances/" + instance + "/comments";

        Response refused = api.as("sales1").english().post(comments, "{\"comment\": \"请尽快\\ud800审批\"}");
        assertProblem400(refused);
        assertEquals(List.of("comment"), errorFields(refused));
        assertTrue(message(refused, "comment").contains("not allowed"), refused.body());

        String tooLong = "长".repeat(1999) + ASTRAL + "尾";
        api.as("sales1").post(comments, Map.of("comment", tooLong)).expect(200);
        String stored = null;
        for (JsonNode event : flows.instance("sales1", instance).get("events")) {
            if (event.path("comment").asText().startsWith("长长")) {
                stored = event.get("comment").asText();
            }
        }
        assertEquals("长".repeat(1999), stored, "clipped to the column without half of 𠮷");
    }
}
