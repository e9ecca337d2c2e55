package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api.Response;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /api/forms/customer/records: what is stored, what is refused (and then nothing is stored). */
class CustomerCreateIT extends AppTestBase {

    static final Pattern CUSTOMER_CODE = Pattern.compile("^KH(\\d{8})(\\d{4})$");

    @Test
    void aValidCustomerIsCreated() {
        String name = Customers.uniqueName("创建");
        Map<String, Object> input = Customers.valid(name);
        String uscc = Customers.uscc();
        input.put("uscc", uscc);
        Response r = api.as("sales1").post(RECORDS, input).expect(201);
        JsonNode created = r.json();

        long id = created.get("id").asLong();
        assertTrue(id > 0, created.toString());
        assertEquals(1, created.get("version").asLong());
        assertCustomerCode(created.get("code").asText(), today());
        assertEquals(RECORDS + "/" + id, java.net.URI.create(r.header("Location")).getPath(), "Location");
        assertEquals(name, created.get("name").asText());
        assertEquals(uscc, created.get("uscc").asText());
        assertEquals("2015-03-18", created.get("founded_on").asText());
        assertEquals("sales1", created.get("owner").asText(), "owner defaults to the creating user");
        assertEquals("draft", created.get("status").asText());

        JsonNode read = api.as("sales1").get(java.net.URI.create(r.header("Location")).getPath()).expect(200).json();
        assertEquals(created, read, "GET Location returns what POST answered");
        JsonNode contact = read.get("contacts").get(0);
        assertTrue(contact.get("id").asLong() > 0, contact.toString());
        assertEquals("林晓峰", contact.get("name").asText());
        assertEquals("采购部", contact.get("department").asText());
        assertEquals("采购经理", contact.get("title").asText());
        assertEquals("13905918888", contact.get("mobile").asText());
        assertEquals("中国", contact.get("country").asText(), "the row default");
        assertEquals(1, total(name));
    }

    @Test
    void theSystemOwnedCodeCannotBeChosenByTheClient() {
        Map<String, Object> input = Customers.valid(Customers.uniqueName("编码"));
        input.put("code", "KH000");
        Response r = api.as("admin").post(RECORDS, input);
        assertProblem400(r);
        assertEquals(List.of("code"), errorFields(r));
    }

    @SuppressWarnings("unchecked")
    static Stream<Arguments> invalidCustomers() {
        return Stream.of(
                invalid("an invalid credit code", "uscc", c -> c.put("uscc", "91350100M000100Y44")),
                invalid("a credit code of the wrong length", "uscc", c -> c.put("uscc", "9135010")),
                invalid("no name", "name", c -> c.remove("name")),
                invalid("a blank name", "name", c -> c.put("name", "   ")),
                invalid("a bad mobile in a contact row", "contacts[0].mobile",
                        c -> ((Map<String, Object>) ((List<?>) c.get("contacts")).get(0)).put("mobile", "1234567")),
                invalid("a contact row without department", "contacts[0].department",
                        c -> ((Map<String, Object>) ((List<?>) c.get("contacts")).get(0)).remove("department")),
                invalid("an empty contact list", "contacts", c -> c.put("contacts", List.of())),
                invalid("an unknown field", "nickname", c -> c.put("nickname", "老客户")),
                invalid("a number for a date", "founded_on", c -> c.put("founded_on", 5)),
                invalid("an impossible date", "founded_on", c -> c.put("founded_on", "2023-02-30")),
                invalid("a name over 200 characters", "name", c -> c.put("name", "长".repeat(201))));
    }

    private static Arguments invalid(String what, String field, Consumer<Map<String, Object>> breakIt) {
        return Arguments.of(what, field, breakIt);
    }

    @ParameterizedTest(name = "{0} -> 400 on {1}")
    @MethodSource("invalidCustomers")
    @SuppressWarnings("unchecked")
    void anInvalidCustomerIsRefusedAndNothingIsStored(String what, String field,
                                                      Consumer<Map<String, Object>> breakIt) {
        String name = Customers.uniqueName("无效");
        Map<String, Object> input = Customers.valid(name);
        String contactName = "泄漏检查" + Long.toString(System.nanoTime(), 36);
        ((Map<String, Object>) ((List<?>) input.get("contacts")).get(0)).put("name", contactName);
        breakIt.accept(input);

        long before = totalCustomers();
        long rowsBefore = contactRows();
        Response r = api.as("admin").post(RECORDS, input);
        assertProblem400(r);
        assertTrue(errorFields(r).contains(field), what + ": expected an error on " + field + ", got " + r.body());

        assertEquals(before, totalCustomers(), "no customer stored");
        assertEquals(0, total(name), "not found by name");
        assertEquals(rowsBefore, contactRows(), "no contact rows stored");
        assertEquals(0, count("SELECT COUNT(*) FROM f_customer__contacts WHERE name = ?", contactName));
    }

    /**
     * contacts has minItems 1: leaving the key out is zero contacts just like an empty list, and
     * must be refused the same way (the stored record would otherwise have no contact at all).
     */
    @Test
    void aCustomerWithoutTheContactsKeyIsRefusedOnContacts() {
        String name = Customers.uniqueName("无联系人");
        Map<String, Object> input = Customers.valid(name);
        input.remove("contacts");
        long before = totalCustomers();
        Response r = api.as("admin").post(RECORDS, input);
        assertProblem400(r);
        assertEquals(List.of("contacts"), errorFields(r));
        assertEquals(before, totalCustomers());
        assertEquals(0, total(name));
    }

    @Test
    void aCustomerWithContactsNullIsRefusedOnContacts() {
        String name = Customers.uniqueName("空联系人");
        Map<String, Object> input = Customers.valid(name);
        input.put("contacts", null);
        long before = totalCustomers();
        Response r = api.as("admin").post(RECORDS, input);
        assertProblem400(r);
        assertEquals(List.of("contacts"), errorFields(r));
        assertEquals(before, totalCustomers());
    }

    @Test
    void aDuplicateNameIsRefusedOnName() {
        String name = Customers.uniqueName("重名");
        create(Customers.valid(name));
        long before = totalCustomers();
        long rowsBefore = contactRows();

        Response r = api.as("sales2").post(RECORDS, Customers.valid(name));
        assertProblem400(r);
        assertEquals(List.of("name"), errorFields(r));
        assertTrue(message(r, "name").contains(name), "the message names the value: " + r.body());
        assertEquals(before, totalCustomers());
        assertEquals(1, total(name));
        assertEquals(rowsBefore, contactRows());
    }

    @Test
    void aDuplicateNameWithSurroundingSpacesIsStillADuplicate() {
        String name = Customers.uniqueName("空格");
        create(Customers.valid(name));
        Response r = api.as("admin").post(RECORDS, Customers.valid("  " + name + "  "));
        assertProblem400(r);
        assertEquals(List.of("name"), errorFields(r));
        assertEquals(1, total(name));
    }

    /** Two users saving the same new name at the same moment: one record, the others get the field error, never a 500. */
    @Test
    void concurrentCreatesWithTheSameNameStoreOne() throws Exception {
        String name = Customers.uniqueName("同时");
        int attempts = 8;
        api.as("admin");
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(attempts);
        List<java.util.concurrent.Future<Response>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return api.as("admin").post(RECORDS, Customers.valid(name));
                }));
            }
            start.countDown();
            int created = 0;
            for (var f : futures) {
                Response r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                if (r.status() == 201) {
                    created++;
                } else {
                    assertProblem400(r);
                    assertEquals(List.of("name"), errorFields(r));
                }
            }
            assertEquals(1, created, "exactly one of the simultaneous creates wins");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, total(name));
    }

    @Test
    void aDuplicateCreditCodeIsRefusedOnUscc() {
        String uscc = Customers.uscc();
        Map<String, Object> first = Customers.valid(Customers.uniqueName("信用码"));
        first.put("uscc", uscc);
        create(first);
        Map<String, Object> second = Customers.valid(Customers.uniqueName("信用码"));
        second.put("uscc", uscc);
        Response r = api.as("admin").post(RECORDS, second);
        assertProblem400(r);
        assertEquals(List.of("uscc"), errorFields(r));
    }

    @Test
    void malformedJsonIs400AndStoresNothing() {
        long before = totalCustomers();
        long rowsBefore = contactRows();
        String name = Customers.uniqueName("坏JSON");
        String broken = "{\"name\": \"" + name + "\", \"founded_on\": \"2015-03-18\", \"contacts\": [";
        Response r = api.as("admin").post(RECORDS, broken);
        assertProblem400(r);
        assertEquals(before, totalCustomers());
        assertEquals(0, total(name));
        assertEquals(rowsBefore, contactRows());
    }

    @Test
    void aJsonArrayBodyIs400AndStoresNothing() {
        long before = totalCustomers();
        long rowsBefore = contactRows();
        String name = Customers.uniqueName("数组");
        Response r = api.as("admin").post(RECORDS, List.of(Customers.valid(name)));
        assertProblem400(r);
        assertEquals(before, totalCustomers());
        assertEquals(0, total(name));
        assertEquals(rowsBefore, contactRows());
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        Map<String, Object> input = Customers.valid(Customers.uniqueName("多错"));
        input.remove("name");
        input.put("uscc", "91350100M000100Y44");
        input.put("contacts", List.of(Customers.contact("甲", "123"), Customers.contact("乙", "13800001111")));
        Response r = api.as("admin").post(RECORDS, input);
        assertProblem400(r);
        assertTrue(errorFields(r).containsAll(List.of("name", "uscc", "contacts[0].mobile")), r.body());
        assertFalse(errorFields(r).contains("contacts[1].mobile"), "the second row is fine: " + r.body());
    }

    @Test
    void messagesAreChineseByDefault() {
        Map<String, Object> input = Customers.valid(Customers.uniqueName("中文"));
        input.remove("name");
        input.put("uscc", "91350100M000100Y44");
        input.put("contacts", List.of(Customers.contact("甲", "123")));
        Response r = api.as("admin").post(RECORDS, input);
        assertProblem400(r);
        assertEquals("提交的数据有误", r.json().get("title").asText());
        assertEquals("客户名称不能为空", message(r, "name"));
        assertTrue(message(r, "uscc").contains("统一社会信用代码"), r.body());
        assertTrue(message(r, "contacts[0].mobile").contains("手机"), r.body());
    }

    @Test
    void messagesAreEnglishWithAcceptLanguageEn() {
        Map<String, Object> input = Customers.valid(Customers.uniqueName("英文"));
        input.remove("name");
        input.put("uscc", "91350100M000100Y44");
        input.put("contacts", List.of(Customers.contact("甲", "123")));
        Response r = api.as("admin").english().post(RECORDS, input);
        assertProblem400(r);
        assertEquals("The data has errors", r.json().get("title").asText());
        assertEquals("Customer name is required", message(r, "name"));
        assertTrue(message(r, "uscc").contains("check character"), r.body());
        assertTrue(message(r, "contacts[0].mobile").contains("not a valid mobile number"), r.body());
        assertEquals("Mobile is not a valid mobile number (11 digits starting with 1)",
                message(r, "contacts[0].mobile"));
    }

    @Test
    void aBodyErrorIsEnglishToo() {
        Response r = api.as("admin").english().post(RECORDS, "[1, 2]");
        assertProblem400(r);
        assertEquals("The request body must be a JSON object", r.json().get("title").asText());
        assertEquals("请求体必须是一个 JSON 对象", api.as("admin").post(RECORDS, "[1, 2]").json().get("title").asText());
    }

    // ---- helpers ----

    /** A customer code, dated on the app's today (or yesterday, when the day rolled over since). */
    static void assertCustomerCode(String code, LocalDate today) {
        Matcher m = CUSTOMER_CODE.matcher(code);
        assertTrue(m.matches(), "KH{yyyyMMdd}{seq:4}: " + code);
        LocalDate day = LocalDate.parse(m.group(1), DateTimeFormatter.BASIC_ISO_DATE);
        assertTrue(!day.isBefore(today.minusDays(1)) && !day.isAfter(today), "the date part is today: " + code);
    }

    private long contactRows() {
        return count("SELECT COUNT(*) FROM f_customer__contacts");
    }

    static void assertProblem400(Response r) {
        AuthIT.assertProblem(r, 400);
    }

    static List<String> errorFields(Response r) {
        List<String> fields = new ArrayList<>();
        JsonNode errors = r.json().get("errors");
        assertNotNull(errors, "errors in " + r);
        errors.forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    static String message(Response r, String field) {
        for (JsonNode e : r.json().get("errors")) {
            if (field.equals(e.get("field").asText())) {
                return e.get("message").asText();
            }
        }
        throw new AssertionError("no error on " + field + " in " + r.body());
    }
}
